import type { Command } from 'commander';
import { formatInstance, parseInstance } from '../../addrs/index.js';
import { renderStateInstance } from '../../plans/index.js';
import type { GlobalOptions } from '../io.js';
import { viewSchemas } from './show.js';
import { openCommandBackend, runStateCommand } from './state.js';

const NO_STATE = `No state file was found!

State management commands require a state file. Run this command
in a directory where minitf has been run or use the -state flag
to point the command to a specific state location.
`;

const ONE_INSTANCE = `This command requires that the address references one specific instance.
To view the available instances, use "minitf state list". Please modify 
the address to reference a specific instance.
`;

/**
 * Adds `show ADDR` to the `state` command: `# ADDR:` then the instance's resource block, as
 * `terraform state show` prints it. The integrator lists this function among the `state` command's
 * extra subcommands (src/cli/commands/state.ts: `extraSubcommands`).
 */
export function addStateShow(state: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  state
    .command('show')
    .description('show one resource instance in the state')
    .argument('<address>', 'a resource instance address, e.g. terraform_data.x or module.m.alicloud_vpc.v[0]')
    .option('--state <path>', 'path to a state file to read instead of the configured one')
    .action((address: string, opts: { state?: string }) => {
      const g = globals();
      return runStateCommand(g, setExit, async () => {
        const parsed = parseInstance(address);
        if ('error' in parsed) {
          g.streams.err(`Error parsing instance address: ${address}\n\n${ONE_INSTANCE}`);
          return 1;
        }
        const backend = await openCommandBackend(g, opts.state ? { statePath: opts.state } : {});
        if (!backend) return 1;
        try {
          const { state: current } = await backend.read();
          if (!current) {
            g.streams.err(NO_STATE);
            return 1;
          }
          const text = renderStateInstance(current, formatInstance(parsed.addr), viewSchemas);
          if (text === undefined) {
            g.streams.err(`No instance found for the given address!\n\n${ONE_INSTANCE}`);
            return 1;
          }
          g.streams.out(text);
          return 0;
        } finally {
          await backend.close();
        }
      });
    });
}
