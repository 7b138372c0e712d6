import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { error, warning, type Diagnostic } from '../../diag/index.js';
import {
  formatState,
  Keyring,
  parseState,
  SealError,
  StateCorruptError,
  unseal,
  withStateLock,
  type StateFile,
} from '../../states/index.js';
import { parseLockFlags } from '../run/flags.js';
import { exitFor, printDiagnostics, type GlobalOptions } from '../io.js';
import { backendConfigOption, openCommandBackend, runStateCommand, type BackendConfigFlag } from './state.js';

/** What `state push` does with a pushed state, given the stored one. */
export type PushDecision =
  | { readonly action: 'none' }
  | { readonly action: 'write'; readonly serial: number }
  | { readonly action: 'replace' }
  | { readonly action: 'refuse'; readonly message: string };

/**
 * Terraform's checks for `state push`: a state of another lineage is refused unless the stored
 * state is empty (no resources, no outputs) or `force`; an older serial, or the same serial with
 * other content, is refused unless `force`; the same content at the same serial changes nothing.
 * minitf never lowers the stored serial: a forced push over a newer or equal serial is stored as
 * the stored serial + 1, so clients still holding the older state have their writes refused.
 */
export function pushDecision(stored: StateFile | null, pushed: StateFile, force: boolean): PushDecision {
  if (!stored) return { action: 'write', serial: pushed.serial };
  const empty = !stored.resources.length && !Object.keys(stored.outputs).length;
  if (stored.lineage !== pushed.lineage) {
    if (empty || force) return { action: 'replace' };
    return { action: 'refuse', message: `cannot import state with lineage "${pushed.lineage}" over unrelated state with lineage "${stored.lineage}"` };
  }
  if (pushed.serial > stored.serial) return { action: 'write', serial: pushed.serial };
  if (pushed.serial === stored.serial && formatState(pushed) === formatState(stored)) return { action: 'none' };
  if (force) return { action: 'write', serial: stored.serial + 1 };
  if (pushed.serial < stored.serial) return { action: 'refuse', message: `cannot import state with serial ${pushed.serial} over newer state with serial ${stored.serial}` };
  return { action: 'refuse', message: `cannot overwrite existing state with serial ${pushed.serial} with a different state that has the same serial` };
}

interface PushOptions extends BackendConfigFlag {
  force?: boolean;
  lock?: string | boolean;
  lockTimeout?: string;
}

/** Adds `state pull` and `state push` to the `state` command. */
export function registerPullPush(state: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  backendConfigOption(state.command('pull'))
    .description('print the current state (journal replayed) as JSON; sensitive values stay sealed unless -unseal')
    .option('--unseal', 'print sensitive values in clear text (needs the key that sealed them)')
    .action((opts: BackendConfigFlag & { unseal?: boolean }) => {
      const g = globals();
      return runStateCommand(g, setExit, () => statePull(g, opts));
    });

  backendConfigOption(state.command('push'))
    .description('write a state file (or "-" for standard input) to the configured backend, with lineage and serial checks')
    .argument('<path>', 'the state file to push, or - to read it from standard input')
    .option('--force', 'write even when the lineage differs or the stored serial is newer')
    .option('--lock [bool]', 'lock the state (default true)')
    .option('--lock-timeout <duration>', 'how long to wait for the lock', '0s')
    .action((path: string, opts: PushOptions) => {
      const g = globals();
      return runStateCommand(g, setExit, () => statePush(g, path, opts));
    });
}

async function statePull(g: GlobalOptions, opts: BackendConfigFlag & { unseal?: boolean }): Promise<number> {
  const backend = await openCommandBackend(g, { raw: !opts.unseal, ...(opts.backendConfig ? { backendConfig: opts.backendConfig } : {}) });
  if (!backend) return 1;
  try {
    const { state } = await backend.read();
    if (state) g.streams.out(formatState(state));
    return 0;
  } finally {
    await backend.close();
  }
}

async function statePush(g: GlobalOptions, path: string, opts: PushOptions): Promise<number> {
  const flags = parseLockFlags(opts.lock, opts.lockTimeout);
  if (flags.diagnostics.length) return printed(g, flags.diagnostics);
  const source = path === '-' ? 'standard input' : path;
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(resolve(g.cwd, path), 'utf8');
  } catch (e) {
    return printed(g, [error('Failed to read the state to push', `minitf cannot read "${source}": ${(e as Error).message}`)]);
  }
  let pushed: StateFile;
  try {
    pushed = parseState(text, source);
  } catch (e) {
    if (!(e instanceof StateCorruptError)) throw e;
    return printed(g, [error('Failed to read the state to push', `"${source}" is not a state minitf can push: ${e.reason}.`)]);
  }
  // Open values sealed with this directory's keys, so the backend seals them with its own.
  const notes: Diagnostic[] = [];
  let clear = pushed;
  try {
    clear = unseal(pushed, new Keyring({ cwd: g.cwd, env: g.env }));
  } catch (e) {
    if (!(e instanceof SealError)) throw e;
    notes.push(warning('Sealed values pushed as they are', `Some sensitive values in "${source}" cannot be opened with the keys available here, so they were stored still sealed: only the key that sealed them opens them. ${e.message}`));
  }
  const backend = await openCommandBackend(g, { raw: true, ...(opts.backendConfig ? { backendConfig: opts.backendConfig } : {}) });
  if (!backend) return 1;
  try {
    return await withStateLock(
      backend,
      'OperationTypeStatePush',
      flags.value,
      async () => {
        const { state: stored } = await backend.read();
        const decision = pushDecision(stored, pushed, Boolean(opts.force));
        if (decision.action === 'refuse') return printed(g, [error('Failed to write state', `${decision.message}. Check that you are pushing the state you mean to; "-force" writes it anyway.`)]);
        if (decision.action === 'write') await backend.write({ ...clear, serial: decision.serial });
        else if (decision.action === 'replace') await backend.replace(clear);
        if (notes.length) printDiagnostics(g, notes);
        return 0;
      },
      () => g.streams.out('Acquiring state lock. This may take a few moments...\n'),
    );
  } finally {
    await backend.close();
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d: string) => (text += d));
    process.stdin.once('end', () => resolvePromise(text));
    process.stdin.once('error', reject);
  });
}

function printed(g: GlobalOptions, diags: Diagnostic[]): number {
  printDiagnostics(g, diags);
  return exitFor(diags);
}
