import type { Command } from 'commander';
import { hasErrors } from '../../diag/index.js';
import type { NodeStyle } from '../../graph/index.js';
import type { ConfigGraphNode } from '../../config/index.js';
import { printDiagnostics, type GlobalOptions } from '../io.js';
import { operationGraph } from './graph-plan.js';

/**
 * `minitf graph [-format=dot|mermaid|svg|html] [-type=plan PLANFILE]`: prints the configuration's dependency graph — resources,
 * data sources and provider configurations, child modules included — with an edge from each node to
 * what it depends on (references, `depends_on`, provider assignment), in stable order. An invalid
 * configuration prints its diagnostics instead and exits 1. The configuration stack is imported on
 * first use. SVG and HTML (and plan colours) are drawn by `run/review.ts`; `-type=plan` alone prints
 * Terraform's plan graph in Terraform's DOT text (`graph-plan.ts`).
 */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('graph')
    .description('print the dependency graph of the configuration (DOT, Mermaid, SVG or HTML)')
    .argument('[planfile]', 'a plan saved by "plan -out": colour the nodes by planned action (svg, html)')
    .option('--format <format>', 'output format: dot, mermaid, svg or html', 'dot')
    .option('--type <type>', 'plan: colour by the actions of PLANFILE')
    .action(async (planfile: string | undefined, opts: { format: string; type?: string }) => {
      const g = globals();
      if (opts.format === 'dot' && opts.type !== undefined && planfile === undefined) {
        // Terraform's `graph -type=plan`: its operation graph in its DOT text.
        setExit(await operationGraph(g, opts.type));
        return;
      }
      if (opts.format === 'svg' || opts.format === 'html' || opts.type !== undefined || planfile !== undefined) {
        const { graphReview } = await import('../run/review.js');
        setExit(await graphReview(g, opts.format, opts.type, planfile));
        return;
      }
      if (opts.format !== 'dot' && opts.format !== 'mermaid') {
        g.streams.err(`\nError: Invalid graph format\n\nThe format "${opts.format}" is not supported; use -format=dot or -format=mermaid.\n`);
        setExit(1);
        return;
      }
      const { configGraph, loadConfig, validateConfig } = await import('../../config/index.js');
      const { toDot, toMermaid } = await import('../../graph/index.js');
      const r = await loadConfig(g.cwd);
      const diags = [...r.diagnostics, ...validateConfig(r.value)];
      if (hasErrors(diags)) {
        printDiagnostics(g, diags);
        setExit(1);
        return;
      }
      printDiagnostics(g, diags);
      const { graph } = configGraph(r.value);
      const style = (_id: string, n: ConfigGraphNode | undefined): NodeStyle => ({ label: n?.label ?? _id, ...(n?.kind === 'provider' ? { shape: 'diamond' as const } : {}) });
      g.streams.out(opts.format === 'dot' ? toDot(graph, style) : toMermaid(graph, style));
      setExit(0);
    });
}
