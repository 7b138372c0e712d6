import type { Command } from 'commander';
import { hasErrors } from '../../diag/index.js';
import { printDiagnostics, type GlobalOptions } from '../io.js';
import { moduleLines } from './init.js';

/**
 * `minitf get [-update]`: the module step of `init`, as `terraform get`. minitf's modules are local
 * directories read where they are, so nothing is downloaded or copied: it loads the configuration
 * (a module that cannot be read, or one from a registry or remote source, is an error) and prints
 * each module call as `- NAME in DIR`, depth first. `-update` changes nothing, as there is never an
 * older copy to replace.
 */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('get')
    .description('check the modules the configuration calls (they are local: nothing is downloaded)')
    .option('--update', 'accepted (local modules are always read as they are)')
    .option('--test-directory <path>', 'accepted (minitf has no test files)')
    .option('--no-color', 'disable colour')
    .action(async () => {
      const g = globals();
      const { loadConfig } = await import('../../config/index.js');
      const loaded = await loadConfig(g.cwd);
      if (loaded.diagnostics.length) printDiagnostics(g, loaded.diagnostics);
      if (hasErrors(loaded.diagnostics)) {
        setExit(1);
        return;
      }
      g.streams.out(moduleLines(loaded.value.root, g.cwd).join(''));
      setExit(0);
    });
}
