import { hasErrors } from '../../diag/index.js';
import { printDiagnostics, type GlobalOptions } from '../io.js';

const TYPES = ['plan', 'plan-refresh-only', 'plan-destroy', 'apply'];

/**
 * `minitf graph -type=TYPE`: Terraform's operation graph in Terraform's DOT text. minitf draws the
 * plan graph (`-type=plan`); the other types Terraform knows are refused with an error naming
 * what minitf draws, an unknown type with Terraform's error. Returns the exit code.
 */
export async function operationGraph(g: GlobalOptions, type: string): Promise<number> {
  if (!TYPES.includes(type)) {
    g.streams.err('\nError: Unsupported graph type\n\nThe -type=... argument must be either "plan", "plan-refresh-only",\n"plan-destroy", or "apply".\n');
    return 1;
  }
  if (type !== 'plan') {
    g.streams.err(`\nError: Unsupported graph type\n\nminitf draws the plan graph only (-type=plan); it does not draw the "${type}" graph.\nRun "minitf graph -type=plan", or "minitf graph" for the dependency graph.\n`);
    return 1;
  }
  const { loadConfig, validateConfig } = await import('../../config/index.js');
  const { planGraph, planGraphDot } = await import('../../config/plan-graph.js');
  const r = await loadConfig(g.cwd);
  const diags = [...r.diagnostics, ...(hasErrors(r.diagnostics) ? [] : validateConfig(r.value))];
  printDiagnostics(g, diags);
  if (hasErrors(diags)) return 1;
  g.streams.out(planGraphDot(planGraph(r.value)));
  return 0;
}
