import { error, hasErrors, type Diagnostic } from '../../diag/index.js';
import { resolve } from 'node:path';
import type { ConfigGraphNode } from '../../config/index.js';
import type { Dag } from '../../graph/index.js';
import { checkSavedPlan, readPlanFile, type Plan } from '../../plans/index.js';
import { buildReview, layoutGraph, MAX_LAYOUT_NODES, renderGraphPage, renderHtml, renderMarkdown, renderSvg, reviewGraph, type Review } from '../../review/index.js';
import { Keyring, sealer } from '../../states/index.js';
import { printDiagnostics, sourcesFor, type GlobalOptions } from '../io.js';
import { writeFile } from 'node:fs/promises';
import type { Config } from '../../config/index.js';
import { schemaLookup } from './views.js';

/** The review flags of `show`: `-markdown` and `-html`. */
export interface ReviewFlags {
  readonly markdown?: boolean;
  readonly html?: boolean;
  readonly json?: boolean;
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
  const plan = await readPlan(g, path);
  if (!plan) return 1;
  const review = buildReview(plan, { schemas: schemaLookup });
  if (f.markdown) {
    g.streams.out(renderMarkdown(review, { planFile: path }));
    return 0;
  }
  // The graph comes from the configuration in the working directory, when it is the plan's.
  const loaded = await loadConfigGraph(g, plan);
  const problem = loaded.diagnostics.find((d) => d.severity === 'error');
  g.streams.out(reviewPage(review, loaded.graph, { source: path, note: problem ? `No graph: ${problem.summary}. ${problem.detail ?? ''}`.trim() : undefined }));
  return 0;
}

/** The HTML review page of a review, with the graph drawn from `graph` (or a note saying why not). */
export function reviewPage(review: Review, graph: Dag<ConfigGraphNode> | undefined, o: { source?: string; note?: string | undefined }): string {
  const drawn = graph ? drawGraph(graph, review) : undefined;
  const note = drawn?.diagnostics[0] ? `No graph: ${drawn.diagnostics[0].detail ?? drawn.diagnostics[0].summary}` : o.note;
  return renderHtml(review, { ...(drawn?.svg ? { graphSvg: drawn.svg } : {}), ...(note ? { graphNote: note } : {}), ...(o.source ? { source: o.source } : {}) });
}

async function readPlan(g: GlobalOptions, path: string): Promise<Plan | undefined> {
  const read = await readPlanFile(resolve(g.cwd, path), { unseal: sealer(new Keyring({ cwd: g.cwd, env: g.env })).unsealValue });
  if (!read.value) printDiagnostics(g, read.diagnostics);
  return read.value?.plan;
}

/**
 * The configuration graph of the working directory, `{ diagnostics }` only when the configuration does
 * not load or validate. With a plan, a configuration changed since the plan was made is an error
 * (`Saved plan is stale`), so nodes are never coloured by another configuration's plan.
 */
export async function loadConfigGraph(g: GlobalOptions, plan?: Plan): Promise<{ graph?: Dag<ConfigGraphNode>; diagnostics: Diagnostic[] }> {
  const { configGraph, loadConfig, validateConfig } = await import('../../config/index.js');
  const r = await loadConfig(g.cwd);
  const diagnostics = [...r.diagnostics, ...validateConfig(r.value)];
  if (hasErrors(diagnostics)) return { diagnostics };
  if (plan) {
    const { configDigest } = await import('../../core/plan/planner.js');
    diagnostics.push(...checkSavedPlan(plan, { configDigest: configDigest(r.value) }));
    if (hasErrors(diagnostics)) return { diagnostics };
  }
  return { graph: configGraph(r.value).graph, diagnostics };
}

/** The graph drawn as SVG, or an error diagnostic when it has more nodes than a drawing can hold. */
export function drawGraph(graph: Dag<ConfigGraphNode>, review?: Review): { svg?: string; diagnostics: Diagnostic[] } {
  const rg = reviewGraph(graph, review);
  if (rg.nodes.length > MAX_LAYOUT_NODES) {
    return { diagnostics: [error('Graph too large to draw', `The graph has ${rg.nodes.length} nodes; minitf draws at most ${MAX_LAYOUT_NODES}. Use -format=dot and Graphviz for it.`)] };
  }
  return { svg: renderSvg(layoutGraph(rg), { title: review ? 'Dependency graph, coloured by planned action' : 'Dependency graph' }), diagnostics: [] };
}

/**
 * `graph -format=svg|html [-type=plan PLANFILE]`: the configuration graph laid out and drawn, its nodes
 * coloured by the saved plan's actions when given one. Exit 1 with diagnostics for an unsupported
 * format or type, an unreadable or stale plan, or an invalid configuration.
 */
export async function graphReview(g: GlobalOptions, format: string, type: string | undefined, planPath: string | undefined): Promise<number> {
  if (format !== 'svg' && format !== 'html') {
    printDiagnostics(g, [error('Invalid graph format', `A plan file or -type=plan colours the graph by planned action in -format=svg and -format=html only; "${format}" is not supported with them.`)]);
    return 1;
  }
  if (type !== undefined && type !== 'plan') {
    printDiagnostics(g, [error('Invalid graph type', `The graph type "${type}" is not supported; minitf draws -type=plan (the configuration's resources, coloured by a saved plan's actions).`)]);
    return 1;
  }
  if (type === 'plan' && planPath === undefined) {
    printDiagnostics(g, [error('Plan file required', 'With -type=plan, give the plan saved by "minitf plan -out=FILE": minitf graph -type=plan -format=svg FILE.')]);
    return 1;
  }
  const plan = planPath === undefined ? undefined : await readPlan(g, planPath);
  if (planPath !== undefined && !plan) return 1;
  const loaded = await loadConfigGraph(g, plan);
  printDiagnostics(g, loaded.diagnostics);
  if (!loaded.graph) return 1;
  const drawn = drawGraph(loaded.graph, plan ? buildReview(plan, { schemas: schemaLookup }) : undefined);
  if (!drawn.svg) {
    printDiagnostics(g, drawn.diagnostics);
    return 1;
  }
  g.streams.out(format === 'svg' ? drawn.svg : renderGraphPage(drawn.svg));
  return 0;
}

/**
 * `plan -html=FILE`: writes the review page of the plan just made (its diagnostics included, with
 * their source lines) beside the terminal output, the graph drawn from the configuration planned.
 */
export async function writeReviewPage(g: GlobalOptions, path: string, plan: Plan, config: Config): Promise<void> {
  const { configGraph } = await import('../../config/index.js');
  const review = buildReview(plan, { schemas: schemaLookup, sources: sourcesFor(g, plan.diagnostics) });
  await writeFile(resolve(g.cwd, path), reviewPage(review, configGraph(config).graph, {}));
}
