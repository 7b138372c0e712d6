import type { Command } from 'commander';
import { error, type Diagnostic, type Result } from '../../diag/index.js';
import { formatInstance, formatModule, parseInstance, parseModulePath, type ModulePath, type ResourceInstanceAddr } from '../../addrs/index.js';
import {
  formatMoveEndpoint,
  formatState,
  Keyring,
  openBackend,
  parseBackendConfig,
  parseMoveEndpoint,
  seal,
  stateErrorDiagnostic,
  StateIndex,
  withStateLock,
  writeFileDurable,
  newStats,
  type Backend,
  type BackendSpec,
  type InstanceEntry,
  type LockFlags,
  type OpenBackendOptions,
  type StateFile,
} from '../../states/index.js';
import { parseLockFlags } from '../run/flags.js';
import { collect } from '../argv.js';
import { embeddedBackend, embeddedStartDiagnostic, startEmbedded, type Embedded } from '../run/embedded.js';
import { exitFor, printDiagnostics, type GlobalOptions } from '../io.js';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { hasErrors } from '../../diag/index.js';
import { addStateShow } from './state-show.js';
import { registerPullPush } from './state-pull-push.js';
import { addReplaceProvider } from './state-replace-provider.js';

/** A subcommand of `state` defined in another file: adds itself to the `state` command. */
export type StateSubcommand = (state: Command, globals: () => GlobalOptions, setExit: (code: number) => void) => void;

/**
 * `state` subcommands that live elsewhere, added after list/rm/mv. `state show` renders values and
 * belongs to the views (src/cli/commands/state-show.ts): the integrator adds its function here.
 */
const extraSubcommands: readonly StateSubcommand[] = [addStateShow, registerPullPush, addReplaceProvider];

/** Finds the configuration's `backend` block for commands that need only the state. */
export type BackendLocator = (cwd: string) => Promise<Result<BackendSpec | undefined>>;

/**
 * The backend block of the working directory's configuration (none when the directory has no
 * configuration or it does not load: state commands then use the local defaults, or `-state=PATH`).
 */
const locateBackend: BackendLocator = async (cwd) => {
  const loaded = await loadConfig(cwd);
  if (hasErrors(loaded.diagnostics)) return { value: undefined, diagnostics: [] };
  return { value: loaded.value.root.terraform.backend, diagnostics: [] };
};

/** `-backend-config=key=value` on a command (repeatable). */
export interface BackendConfigFlag {
  backendConfig?: string[];
}

/** Adds the repeatable `-backend-config=key=value` option to a command. */
export function backendConfigOption(cmd: Command): Command {
  return cmd.option('--backend-config <key=value>', 'a backend setting, overriding the backend block (repeatable), e.g. conn_str=postgres://…', collect);
}

const NO_STATE = `No state file was found!

State management commands require a state file. Run this command
in a directory where minitf has been run or use the -state flag
to point the command to a specific state location.
`;

/** What a command opens: the configuration's backend (or `backend`, for migrations), a workspace, flags. */
export interface CommandBackendOptions {
  readonly statePath?: string;
  readonly raw?: boolean;
  readonly workspace?: string;
  /** The command's raw `-backend-config` values. */
  readonly backendConfig?: readonly string[];
  /** This backend instead of the configuration's (null: the default local backend). */
  readonly backend?: BackendSpec | null;
}

/**
 * The options that open a command's backend, with the embedded emulator started when `-emulator` is
 * on (stopped by `close`, or by closing the backend); diagnostics (already printed) when they cannot be
 * made. The caller calls `close` when done, or passes it as the backend's `onClose`.
 */
export async function commandBackendOptions(g: GlobalOptions, opts: CommandBackendOptions): Promise<{ value?: OpenBackendOptions; close: () => Promise<void> }> {
  const located = opts.backend !== undefined ? { value: opts.backend ?? undefined, diagnostics: [] } : await locateBackend(g.cwd);
  const extra = parseBackendConfig(opts.backendConfig ?? []);
  const diags = [...located.diagnostics, ...extra.diagnostics];
  let embedded: Embedded | undefined;
  if (!extra.diagnostics.length && g.emulator) {
    try {
      embedded = await startEmbedded(g);
    } catch (e) {
      diags.push(embeddedStartDiagnostic(e));
    }
  }
  if (diags.length) printDiagnostics(g, diags);
  const close = async () => embedded?.close();
  if (exitFor(diags)) {
    await close();
    return { close };
  }
  return {
    value: {
      cwd: g.cwd,
      env: g.env,
      ...(located.value ? { backend: located.value } : {}),
      ...(opts.statePath ? { statePath: opts.statePath } : {}),
      ...(opts.workspace ? { workspace: opts.workspace } : {}),
      ...(opts.raw ? { raw: true } : {}),
      ...(Object.keys(extra.value).length ? { backendConfig: extra.value } : {}),
      ...embeddedBackend(g, embedded),
    },
    close,
  };
}

/** Opens the backend for a command (printing diagnostics and returning undefined on failure). */
export async function openCommandBackend(g: GlobalOptions, opts: CommandBackendOptions): Promise<Backend | undefined> {
  const o = await commandBackendOptions(g, opts);
  if (!o.value) return undefined;
  const opened = openBackend({ ...o.value, onClose: o.close });
  if (opened.diagnostics.length) printDiagnostics(g, opened.diagnostics);
  if (!opened.value || exitFor(opened.diagnostics)) {
    await opened.value?.close();
    await o.close();
    return undefined;
  }
  return opened.value;
}

/**
 * Runs a state command body, turning the backend's user-facing errors (locked, corrupt, stale,
 * sealed, database unreachable or lost) into printed diagnostics and exit 1.
 */
export async function runStateCommand(g: GlobalOptions, setExit: (code: number) => void, body: () => Promise<number>): Promise<void> {
  try {
    setExit(await body());
  } catch (e) {
    const d = stateErrorDiagnostic(e);
    if (!d) throw e;
    printDiagnostics(g, [d]);
    setExit(1);
  }
}

/** `minitf state list|rm|mv` (and the subcommands in `extraSubcommands`). */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  const state = program.command('state').description('advanced state management');

  backendConfigOption(state.command('list'))
    .description('list resource instances in the state')
    .argument('[addresses...]', 'only instances matching these resource, instance or module addresses')
    .option('--state <path>', 'path to a state file to read instead of the configured one')
    .option('--id <id>', 'only instances whose id attribute is ID')
    .action((addresses: string[], opts: { state?: string; id?: string } & BackendConfigFlag) => {
      const g = globals();
      return runStateCommand(g, setExit, () => stateList(g, addresses, opts));
    });

  backendConfigOption(state.command('rm'))
    .description('remove instances from the state (the remote objects are kept)')
    .argument('<addresses...>', 'resource, instance or module addresses')
    .option('--dry-run', 'only print what would be removed')
    .option('--backup <path>', 'where to write the backup (default: STATE.<unix-seconds>.backup; "-" for none)')
    .option('--state <path>', 'path to the state file')
    .option('--lock [bool]', 'lock the state (default true)')
    .option('--lock-timeout <duration>', 'how long to wait for the lock', '0s')
    .action((addresses: string[], opts: MutateOptions) => {
      const g = globals();
      return runStateCommand(g, setExit, () => stateRm(g, addresses, opts));
    });

  backendConfigOption(state.command('mv'))
    .description('move an item in the state to another address')
    .argument('<source>', 'resource, instance or module address to move')
    .argument('<destination>', 'its new address')
    .option('--dry-run', 'only print what would be moved')
    .option('--backup <path>', 'where to write the backup (default: STATE.<unix-seconds>.backup; "-" for none)')
    .option('--state <path>', 'path to the state file')
    .option('--lock [bool]', 'lock the state (default true)')
    .option('--lock-timeout <duration>', 'how long to wait for the lock', '0s')
    .action((source: string, destination: string, opts: MutateOptions) => {
      const g = globals();
      return runStateCommand(g, setExit, () => stateMv(g, source, destination, opts));
    });

  for (const add of extraSubcommands) add(state, globals, setExit);
}

export interface MutateOptions extends BackendConfigFlag {
  dryRun?: boolean;
  backup?: string;
  state?: string;
  lock?: string | boolean;
  lockTimeout?: string;
}

/** An address filter from the command line: a module instance, or a resource/instance (module keys optional). */
type Filter = { readonly kind: 'module'; readonly path: ModulePath; readonly text: string } | { readonly kind: 'resource'; readonly addr: ResourceInstanceAddr; readonly text: string };

function parseFilters(texts: readonly string[]): Result<Filter[]> {
  const diags: Diagnostic[] = [];
  const out: Filter[] = [];
  for (const text of texts) {
    const inst = parseInstance(text);
    if ('addr' in inst) {
      out.push({ kind: 'resource', addr: inst.addr, text });
      continue;
    }
    const mod = parseModulePath(text);
    if ('path' in mod && mod.path.length) out.push({ kind: 'module', path: mod.path, text });
    else diags.push(error('Invalid address', inst.error));
  }
  return { value: out, diagnostics: diags };
}

/** Terraform's target matching: a step without a key matches every key; a resource without a key, every instance. */
function matches(f: Filter, e: InstanceEntry): boolean {
  const mod = f.kind === 'module' ? f.path : f.addr.module;
  if (e.addr.module.length < mod.length || (f.kind === 'resource' && e.addr.module.length !== mod.length)) return false;
  for (let i = 0; i < mod.length; i++) {
    const s = mod[i]!;
    const t = e.addr.module[i]!;
    if (s.name !== t.name || (s.key !== undefined && s.key !== t.key)) return false;
  }
  if (f.kind === 'module') return true;
  const a = f.addr;
  return a.mode === e.addr.mode && a.type === e.addr.type && a.name === e.addr.name && (a.key === undefined || a.key === e.addr.key);
}

function unknownDiagnostic(f: Filter, index: StateIndex): Diagnostic {
  if (f.kind === 'module') {
    const m = formatModule(f.path);
    return error('Unknown module', `The current state contains no module at ${m}. If you've just added this module to the configuration, you must run "minitf apply" first to create the module's entry in the state.`);
  }
  if (f.addr.key !== undefined && index.resource(f.addr)) {
    const a = formatInstance(f.addr);
    return error(
      'Unknown resource instance',
      `The current state contains no resource instance ${a}. If you've just added its resource to the configuration or have changed the count or for_each arguments, you must run "minitf apply" first to update the resource's entry in the state.`,
    );
  }
  const r = formatInstance({ ...f.addr, key: undefined });
  return error('Unknown resource', `The current state contains no resource ${r}. If you've just added this resource to the configuration, you must run "minitf apply" first to create the resource's entry in the state.`);
}

async function stateList(g: GlobalOptions, addresses: readonly string[], opts: { state?: string; id?: string } & BackendConfigFlag): Promise<number> {
  const filters = parseFilters(addresses);
  if (filters.diagnostics.length) return printed(g, filters.diagnostics);
  const backend = await openCommandBackend(g, { ...(opts.state ? { statePath: opts.state } : {}), raw: true, ...(opts.backendConfig ? { backendConfig: opts.backendConfig } : {}) });
  if (!backend) return 1;
  try {
    const { state } = await backend.read();
    if (!state) {
      g.streams.err(NO_STATE);
      return 1;
    }
    const index = new StateIndex(state);
    let entries = index.instances();
    if (filters.value.length) {
      const diags: Diagnostic[] = [];
      for (const f of filters.value) if (!entries.some((e) => matches(f, e))) diags.push(unknownDiagnostic(f, index));
      if (diags.length) return printed(g, diags);
      entries = entries.filter((e) => filters.value.some((f) => matches(f, e)));
    }
    if (opts.id !== undefined) entries = entries.filter((e) => e.current?.attributes.id === opts.id);
    g.streams.out(entries.map((e) => e.address + '\n').join(''));
    return 0;
  } finally {
    await backend.close();
  }
}

async function stateRm(g: GlobalOptions, addresses: readonly string[], opts: MutateOptions): Promise<number> {
  const filters = parseFilters(addresses);
  const flags = parseLockFlags(opts.lock, opts.lockTimeout);
  const early = [...filters.diagnostics, ...flags.diagnostics];
  if (early.length) return printed(g, early);
  return mutate(g, opts, flags.value, 'OperationTypeStateRm', async (state, index) => {
    const entries = index.instances();
    const chosen: InstanceEntry[] = [];
    for (const f of filters.value) for (const e of entries) if (matches(f, e) && !chosen.includes(e)) chosen.push(e);
    if (!chosen.length) {
      if (opts.dryRun) {
        g.streams.out('Would have removed nothing.\n');
        return { code: 0 };
      }
      return {
        code: printed(g, [error('Invalid target address', 'No matching objects found. To view the available instances, use "minitf state list". Please modify the address to reference a specific instance.')]),
      };
    }
    if (opts.dryRun) {
      g.streams.out(chosen.map((e) => `Would remove ${e.address}\n`).join(''));
      return { code: 0 };
    }
    for (const e of chosen) index.removeInstance(e.addr);
    return {
      code: 0,
      write: state,
      done: () => g.streams.out(chosen.map((e) => `Removed ${e.address}\n`).join('') + `Successfully removed ${chosen.length} resource instance(s).\n`),
    };
  });
}

async function stateMv(g: GlobalOptions, source: string, destination: string, opts: MutateOptions): Promise<number> {
  const from = parseMoveEndpoint(source);
  const to = parseMoveEndpoint(destination);
  const flags = parseLockFlags(opts.lock, opts.lockTimeout);
  const early: Diagnostic[] = [...flags.diagnostics];
  if ('error' in from) early.push(error('Invalid source address', from.error));
  if ('error' in to) early.push(error('Invalid target address', to.error));
  if (early.length || 'error' in from || 'error' in to) return printed(g, early);
  const a = formatMoveEndpoint(from);
  const b = formatMoveEndpoint(to);
  return mutate(g, opts, flags.value, 'OperationTypeStateMv', async (state, index) => {
    const outcome = index.move(from, to);
    if (!outcome.ok) {
      const summary = outcome.reason === 'no_source' ? 'Invalid source address' : outcome.reason === 'target_exists' ? 'Invalid target address' : 'Invalid state move request';
      return { code: printed(g, [error(summary, outcome.message)]) };
    }
    if (opts.dryRun) {
      g.streams.out(`Would move "${a}" to "${b}"\n`);
      return { code: 0 };
    }
    return { code: 0, write: state, done: () => g.streams.out(`Move "${a}" to "${b}"\nSuccessfully moved 1 object(s).\n`) };
  });
}

/**
 * The frame of `state rm`/`mv` and `taint`/`untaint`: lock, read (values stay sealed), let `change` edit, then write a
 * timestamped backup of the state as it was and the new state with its serial incremented.
 */
export async function mutate(
  g: GlobalOptions,
  opts: MutateOptions,
  flags: LockFlags,
  operation: string,
  change: (state: StateFile, index: StateIndex) => Promise<{ code: number; write?: StateFile; done?: () => void }>,
): Promise<number> {
  const backend = await openCommandBackend(g, { ...(opts.state ? { statePath: opts.state } : {}), raw: true, ...(opts.backendConfig ? { backendConfig: opts.backendConfig } : {}) });
  if (!backend) return 1;
  try {
    return await withStateLock(
      backend,
      operation,
      flags,
      async () => {
        const { state } = await backend.read();
        if (!state) {
          g.streams.err(NO_STATE);
          return 1;
        }
        const keys = new Keyring({ cwd: g.cwd, env: g.env });
        const before = formatState(seal(state, keys));
        const result = await change(state, new StateIndex(state));
        if (!result.write) return result.code;
        if (opts.backup !== '-') await writeFileDurable(backupPath(g, backend, opts.backup), before, newStats());
        await backend.write({ ...result.write, serial: result.write.serial + 1 });
        result.done?.();
        return result.code;
      },
      () => g.streams.out('Acquiring state lock. This may take a few moments...\n'),
    );
  } finally {
    await backend.close();
  }
}

function backupPath(g: GlobalOptions, backend: Backend, explicit: string | undefined): string {
  if (explicit) return resolve(g.cwd, explicit);
  const seconds = Math.floor(Date.now() / 1000);
  const base = backend.localFile ?? join(g.cwd, 'state', 'terraform.tfstate');
  return `${base}.${seconds}.backup`;
}

export function printed(g: GlobalOptions, diags: Diagnostic[]): number {
  printDiagnostics(g, diags);
  return exitFor(diags);
}
