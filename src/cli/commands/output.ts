import type { Command } from 'commander';
import { outputCommand } from '../../plans/index.js';
import { printDiagnostics, type GlobalOptions } from '../io.js';
import { openCommandBackend, runStateCommand } from './state.js';

/** `minitf output [-json] [-raw] [-state=PATH] [NAME]`: root output values from the state. */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('output')
    .description('show output values from the state')
    .argument('[name]', 'the name of one output value')
    .option('--json', 'print as JSON (all outputs: name → sensitive, type, value)')
    .option('--raw', 'print a string, number or bool value as it is, without a newline')
    .option('--state <path>', 'path to a state file to read instead of the configured one')
    .option('--no-color', 'accepted for Terraform compatibility')
    .action((name: string | undefined, opts: { json?: boolean; raw?: boolean; state?: string }) => {
      const g = globals();
      return runStateCommand(g, setExit, async () => {
        const backend = await openCommandBackend(g, opts.state ? { statePath: opts.state } : {});
        if (!backend) return 1;
        try {
          const { state } = await backend.read();
          const r = outputCommand(state?.outputs, { ...(name !== undefined ? { name } : {}), json: opts.json === true, raw: opts.raw === true });
          g.streams.out(r.stdout);
          if (r.diagnostics.length) printDiagnostics(g, r.diagnostics);
          return r.exitCode;
        } finally {
          await backend.close();
        }
      });
    });
}
