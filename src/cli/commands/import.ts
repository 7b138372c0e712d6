import type { Command } from 'commander';
import { hasErrors } from '../../diag/index.js';
import { importResource } from '../../core/index.js';
import { printDiagnostics, type GlobalOptions } from '../io.js';
import { addRunFlags, runFlagsOrReport } from '../run/flags.js';
import { prepare } from '../run/prepare.js';
import { hasConfigFiles, noConfigurationFiles } from '../config-files.js';
import type { VarArg } from '../../core/vars/tfvars.js';

/** `minitf import ADDR ID`: adopts an existing cloud object into state under a configured address. */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  const order: VarArg[] = [];
  const cmd = program.command('import <address> <id>').description('associate an existing cloud object with a resource in the configuration');
  addRunFlags(cmd, order).action(async (address: string, id: string, o: Record<string, unknown>) => setExit(await importCommand(globals(), o, order, address, id)));
}

async function importCommand(g: GlobalOptions, o: Record<string, unknown>, order: VarArg[], address: string, id: string): Promise<number> {
  const flags = runFlagsOrReport(o, order, g.streams.err);
  if (!flags) return 1;
  if (!hasConfigFiles(g.cwd)) {
    printDiagnostics(g, [noConfigurationFiles('import', g.cwd)]);
    return 1;
  }
  const listener = {
    importStart: () => g.streams.out(`${address}: Importing from ID "${id}"...\n`),
    importComplete: (_t: unknown, _id: string, state?: Readonly<Record<string, unknown>> | null) => {
      g.streams.out(`${address}: Import prepared!\n  Prepared ${address.replace(/^(?:module\.[^.]+(?:\[[^\]]*\])?\.)*/, '').split('.')[0]} for import\n`);
      // Terraform names the imported object's own id here (random_password's is "none", not the password).
      const shown = state && typeof state.id === 'string' ? state.id : id;
      g.streams.out(`${address}: Refreshing state...${shown !== '' ? ` [id=${shown}]` : ''}\n`);
    },
  };
  const prep = await prepare(g, flags, 'OperationTypeImport', listener);
  if (!prep.value) {
    printDiagnostics(g, prep.diagnostics);
    return 1;
  }
  try {
    const r = await importResource(prep.value.ctx, address, id, prep.value.state, prep.value.backend);
    const diags = [...prep.diagnostics, ...r.diagnostics];
    printDiagnostics(g, diags);
    if (!r.value || hasErrors(diags)) return 1;
    g.streams.out('\nImport successful!\n\nThe resources that were imported are shown above. These resources are now in\nyour minitf state and will henceforth be managed by minitf.\n\n');
    return 0;
  } finally {
    await prep.value.close();
  }
}
