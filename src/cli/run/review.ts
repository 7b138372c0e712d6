import { error } from '../../diag/index.js';
import { resolve } from 'node:path';
import { readPlanFile } from '../../plans/index.js';
import { buildReview, renderMarkdown } from '../../review/index.js';
import { sealer } from '../../states/index.js';
import { printDiagnostics, type GlobalOptions } from '../io.js';
import { schemaLookup } from './views.js';
import { Keyring } from '../../states/index.js';

/** The review flags of `show`: `-markdown` (and `-html`). */
export interface ReviewFlags {
  readonly markdown?: boolean;
  readonly html?: boolean;
  readonly json?: boolean;
}

/** Which review view the flags ask for, if any. */
export function reviewFormat(f: ReviewFlags): 'markdown' | 'html' | undefined {
  return f.markdown ? 'markdown' : f.html ? 'html' : undefined;
}

/**
 * `show -markdown PLANFILE` / `show -html PLANFILE`: prints the review of a saved plan. Refuses (exit
 * 1, one diagnostic) without a plan file, with two formats at once, and when the file is not a plan.
 */
export async function showReview(g: GlobalOptions, path: string | undefined, f: ReviewFlags): Promise<number> {
  const flags = [f.json ? '-json' : '', f.markdown ? '-markdown' : '', f.html ? '-html' : ''].filter(Boolean);
  if (flags.length > 1) {
    printDiagnostics(g, [error('Incompatible command-line options', `The options ${flags.join(' and ')} choose different output formats; use one of them.`)]);
    return 1;
  }
  const flag = flags[0]!;
  if (path === undefined) {
    printDiagnostics(g, [error('Plan file required', `The ${flag} option shows a saved plan: run "minitf plan -out=FILE", then "minitf show ${flag} FILE".`)]);
    return 1;
  }
  const read = await readPlanFile(resolve(g.cwd, path), { unseal: sealer(new Keyring({ cwd: g.cwd, env: g.env })).unsealValue });
  if (!read.value) {
    printDiagnostics(g, read.diagnostics);
    return 1;
  }
  const review = buildReview(read.value.plan, { schemas: schemaLookup });
  g.streams.out(renderMarkdown(review, { planFile: path }));
  return 0;
}
