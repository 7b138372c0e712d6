import type { Command } from 'commander';
import { error, hasErrors, type Diagnostic } from '../../diag/index.js';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../../config/index.js';
import { generateImportConfig, importsWithoutConfig } from '../../core/generate.js';
import { plan as runPlan, type PlanOptions } from '../../core/index.js';
import { renderPlan } from '../../plans/human.js';
import { exitFor, printDiagnostics, progressView, sourcesFor, textStyle, uniqueDiagnostics, type GlobalOptions } from '../io.js';
import { addRunFlags, runFlagsOrReport } from '../run/flags.js';
import { pendingCreateWarnings, prepare } from '../run/prepare.js';
import { schemaLookup } from '../run/views.js';
import { hasConfigFiles, noConfigurationFiles } from '../config-files.js';
import { writePlanFile } from '../../plans/planfile.js';
import { jsonDiagnostics, jsonPlanLines, jsonVersion } from '../run/json-plan.js';
import { Keyring, sealer } from '../../states/index.js';
import { resolve } from 'node:path';
import type { VarArg } from '../../core/vars/tfvars.js';

/** `minitf plan`: shows what apply would do; `-out` saves it; `-detailed-exitcode` gives 0/1/2. */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  const order: VarArg[] = [];
  const cmd = program.command('plan').description('show the changes required by the current configuration');
  addRunFlags(cmd, order)
    .option('--out <path>', 'save the plan to a file, to apply exactly it later')
    .option('--detailed-exitcode', 'exit 0 when there are no changes, 1 on error, 2 when there are changes')
    .option('--destroy', 'plan to destroy every object in the state')
    .option('--refresh-only', 'plan only to update the state to match remote objects')
    .option('--generate-config-out <path>', 'write resource blocks for import targets that have none')
    .option('--html <path>', 'also write the plan as a self-contained HTML review page')
    .action(async (o: Record<string, unknown>) => setExit(await planCommand(globals(), o, order)));
}

async function planCommand(g: GlobalOptions, o: Record<string, unknown>, order: VarArg[]): Promise<number> {
  const flags = runFlagsOrReport(o, order, g.streams.err);
  if (!flags) return 1;
  const progress = progressView(g, flags.json);
  if (flags.json) g.streams.out(jsonVersion());
  const report = (diags: readonly Diagnostic[]) => (flags.json ? g.streams.out(jsonDiagnostics(uniqueDiagnostics(diags))) : printDiagnostics(g, diags));
  const genOut = o.generateConfigOut ? resolve(g.cwd, String(o.generateConfigOut)) : undefined;
  if (genOut && existsSync(genOut)) {
    report([error('Target generated file already exists', `minitf can only write generated config into a new file. Either choose a different target location or move all existing configuration out of ${String(o.generateConfigOut)}, and try again.`)]);
    return 1;
  }
  if (!o.destroy && !hasConfigFiles(g.cwd)) {
    report([noConfigurationFiles('plan', g.cwd)]);
    progress.close();
    return 1;
  }
  const prep = await prepare(g, flags, 'OperationTypePlan', progress, { allowMissingImportTargets: Boolean(genOut) });
  if (!prep.value) {
    report(prep.diagnostics);
    progress.close();
    return 1;
  }
  let p = prep.value;
  try {
    if (genOut) {
      const missing = importsWithoutConfig(p.ctx);
      if (missing.length) {
        const gen = await generateImportConfig(p.ctx, missing);
        if (hasErrors(gen.diagnostics)) {
          report(gen.diagnostics);
          return 1;
        }
        await writeFile(genOut, gen.value);
        const reloaded = await loadConfig(g.cwd);
        if (hasErrors(reloaded.diagnostics)) {
          report(reloaded.diagnostics);
          return 1;
        }
        p = { ...p, config: reloaded.value, ctx: { ...p.ctx, config: reloaded.value } };
      }
    }
    const opts: PlanOptions = {
      mode: o.destroy ? 'destroy' : o.refreshOnly ? 'refresh-only' : 'normal',
      refresh: flags.refresh,
      targets: flags.targets,
      excludes: flags.excludes,
      replace: flags.replace,
      parallelism: flags.parallelism,
      state: p.state,
    };
    const r = await runPlan(p.ctx, opts);
    const diags: Diagnostic[] = [...prep.diagnostics, ...r.diagnostics, ...(opts.mode === 'refresh-only' ? [] : pendingCreateWarnings(p.pending))];
    if (!r.value || hasErrors(diags)) {
      if (flags.json) report(diags);
      else {
        printDiagnostics(g, diags.filter((d) => d.severity === 'error' || !r.value));
        if (r.value) g.streams.out('\nPlanning failed. minitf encountered an error while generating this plan.\n\n');
      }
      return 1;
    }
    const outPath = o.out ? String(o.out) : undefined;
    if (flags.json) g.streams.out(jsonPlanLines(r.value.plan, uniqueDiagnostics(diags)));
    else {
      const shown = { ...r.value.plan, diagnostics: uniqueDiagnostics(diags) };
      const text = renderPlan(shown, {
        schemas: schemaLookup,
        ...(outPath ? { outPath } : {}),
        automation: Boolean(g.env.TF_IN_AUTOMATION),
        command: 'minitf',
        sources: sourcesFor(g, diags),
        ...textStyle(g),
      });
      g.streams.out(text);
    }
    if (o.html) await (await import('../run/review.js')).writeReviewPage(g, String(o.html), { ...r.value.plan, diagnostics: uniqueDiagnostics(diags) }, p.config);
    if (outPath) await writePlanFile(resolve(g.cwd, outPath), { ...r.value.plan, diagnostics: [] }, { seal: sealer(new Keyring({ cwd: g.cwd, env: g.env })).sealValue, priorState: r.value.refreshed });
    if (!o.detailedExitcode) return exitFor(diags);
    const changed = r.value.plan.resourceChanges.some((c) => c.actions[0] !== 'no-op' || c.previousAddress || c.importing) || r.value.plan.outputChanges.some((x) => x.actions[0] !== 'no-op');
    return changed ? 2 : 0;
  } finally {
    progress.close();
    await p.close();
  }
}
