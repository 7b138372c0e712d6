import type { Command } from 'commander';
import { error, warning } from '../../diag/index.js';
import { formatInstance, parseInstance } from '../../addrs/index.js';
import { parseLockFlags } from '../run/flags.js';
import type { GlobalOptions } from '../io.js';
import { backendConfigOption, mutate, printed, runStateCommand, type MutateOptions } from './state.js';

interface TaintOptions extends MutateOptions {
  color?: boolean;
  allowMissing?: boolean;
}

/**
 * `minitf taint ADDR` / `minitf untaint ADDR`: mark a managed resource instance's current object as
 * tainted (the next plan replaces it) or clear the mark, with Terraform's messages. Like Terraform,
 * `-replace=ADDR` on plan/apply is the better way to replace one object; these remain for the
 * scripts that use them. The state is locked and written with its serial incremented.
 */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  for (const taint of [true, false]) {
    backendConfigOption(program.command(taint ? 'taint' : 'untaint'))
      .description(taint ? 'mark a resource instance as not fully functional (the next apply replaces it)' : 'remove the tainted mark from a resource instance')
      .argument('<address>', 'resource instance address')
      .option('--allow-missing', 'succeed (with a warning) when the instance is not in the state')
      .option('--state <path>', 'path to the state file')
      .option('--lock [bool]', 'lock the state (default true)')
      .option('--lock-timeout <duration>', 'how long to wait for the lock', '0s')
      .option('--no-color', 'disable colour')
      .action((address: string, opts: TaintOptions) => {
        const g = globals();
        return runStateCommand(g, setExit, () => setTaint(g, address, opts, taint));
      });
  }
}

async function setTaint(g: GlobalOptions, text: string, opts: TaintOptions, taint: boolean): Promise<number> {
  const parsed = parseInstance(text);
  const flags = parseLockFlags(opts.lock, opts.lockTimeout);
  if ('error' in parsed) return printed(g, [error('Invalid address', parsed.error), ...flags.diagnostics]);
  if (flags.diagnostics.length) return printed(g, flags.diagnostics);
  const addr = parsed.addr;
  const address = formatInstance(addr);
  if (addr.mode === 'data') return printed(g, [error(`Cannot ${taint ? 'taint' : 'untaint'} data resource`, `The address ${address} refers to a data resource, which is read anew on every plan and cannot be ${taint ? 'tainted' : 'untainted'}.`)]);
  return mutate(g, { ...opts, backup: '-' }, flags.value, taint ? 'OperationTypeTaint' : 'OperationTypeUntaint', async (state, index) => {
    const obj = index.object(addr);
    if (!obj) {
      const missing = `There is no resource instance in the state with the address ${address}. If the resource configuration has just been added, you must run "minitf apply" once to create the corresponding instance(s) before they can be ${taint ? 'tainted' : 'untainted'}.`;
      if (opts.allowMissing) return { code: printed(g, [warning('No such resource instance', `${missing} Nothing was changed.`)]) };
      return { code: printed(g, [error('No such resource instance', missing)]) };
    }
    if (!taint && obj.status !== 'tainted') {
      return { code: printed(g, [error('Resource instance is not tainted', `Resource instance ${address} is not currently tainted, and so it cannot be untainted.`)]) };
    }
    if (taint) obj.status = 'tainted';
    else delete obj.status;
    return {
      code: 0,
      write: state,
      done: () => g.streams.out(taint ? `Resource instance ${address} has been marked as tainted.\n` : `Resource instance ${address} has been successfully untainted.\n`),
    };
  });
}
