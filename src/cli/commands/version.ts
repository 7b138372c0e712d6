import type { Command } from 'commander';
import type { GlobalOptions } from '../io.js';
import { MINITF_VERSION } from '../../states/model.js';

/** `minitf version [-json]`: prints the version. */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('version')
    .description('show the minitf version')
    .option('--json', 'print the version as JSON')
    .action((opts: { json?: boolean }) => {
      const g = globals();
      if (opts.json) g.streams.out(JSON.stringify({ minitf_version: MINITF_VERSION, platform: `${process.platform}_${process.arch}` }, null, 2) + '\n');
      else g.streams.out(`minitf v${MINITF_VERSION}\non ${process.platform}_${process.arch}\n`);
      setExit(0);
    });
}
