import { error, warning, type Diagnostic } from '../../diag/index.js';
import {
  backendRecord,
  migrateStates,
  openBackend,
  openWorkspaces,
  parseBackendConfig,
  readBackendRecord,
  StateBackendError,
  sameBackend,
  writeBackendRecord,
  type Backend,
  type BackendRecord,
  type BackendSpec,
  type MigrationSide,
} from '../../states/index.js';
import { parseLockFlags } from '../run/flags.js';
import { exitFor, printDiagnostics, type GlobalOptions } from '../io.js';
import { commandBackendOptions, openCommandBackend } from './state.js';

/** The flags of `init` that concern the backend. */
export interface InitBackendFlags {
  readonly backendConfig?: readonly string[];
  readonly migrateState?: boolean;
  readonly reconfigure?: boolean;
  readonly forceCopy?: boolean;
  readonly lockTimeout?: string;
}

/**
 * `init`'s backend step: migrates the state from the backend configured before when asked
 * (`-migrate-state`), refuses a changed backend without `-migrate-state` or `-reconfigure` (as
 * Terraform does), opens the configured backend once (a wrong connection fails here), and remembers it.
 * Returns the exit code.
 */
export async function initBackend(g: GlobalOptions, flags: InitBackendFlags, spec: BackendSpec | undefined): Promise<number> {
  const lock = parseLockFlags(undefined, flags.lockTimeout);
  const extra = parseBackendConfig(flags.backendConfig ?? []);
  if (printed(g, [...lock.diagnostics, ...extra.diagnostics])) return 1;
  const current = backendRecord(spec, extra.value);
  const previous = readBackendRecord(g.cwd);
  const source: BackendRecord | undefined = previous ?? (current.type !== 'local' ? { type: 'local', config: {} } : undefined);
  if (flags.migrateState && source && !sameBackend(source, current)) {
    const code = await migrate(g, flags, source, spec, lock.value.timeoutMs);
    if (code !== 0) return code;
  } else if (previous && !sameBackend(previous, current) && !flags.reconfigure) {
    printed(g, [
      error(
        'Backend configuration changed',
        `A change in the backend configuration has been detected (it was "${previous.type}", it is "${current.type}"), which may require migrating existing state.\n\nIf you wish to copy the existing state to the new backend, use "minitf init -migrate-state".\nIf you wish to use the new backend with no changes to the state, use "minitf init -reconfigure".`,
      ),
    ]);
    return 1;
  } else if (!previous && source && !flags.reconfigure) {
    await warnAboutLocalState(g);
  }
  const b = await openCommandBackend(g, { ...(flags.backendConfig ? { backendConfig: flags.backendConfig } : {}) });
  if (!b) return 1;
  try {
    await b.read();
  } finally {
    await b.close();
  }
  await writeBackendRecord(g.cwd, current);
  return 0;
}

/** Copies every workspace from `source` to the configured backend, printing what it did. */
async function migrate(g: GlobalOptions, flags: InitBackendFlags, source: BackendRecord, spec: BackendSpec | undefined, lockTimeoutMs: number): Promise<number> {
  const to = spec?.type ?? 'local';
  g.streams.out(`Migrating the state from the "${source.type}" backend to the "${to}" backend...\n`);
  const from = await side(g, { backend: source.type === 'local' && !Object.keys(source.config).length ? null : { type: source.type, config: source.config } });
  const dest = await side(g, { ...(flags.backendConfig ? { backendConfig: flags.backendConfig } : {}) });
  try {
    if (!from.value || !dest.value) return 1;
    const r = await migrateStates(from.value, dest.value, { force: Boolean(flags.forceCopy), lockTimeoutMs });
    for (const s of r.steps) {
      if (s.outcome === 'copied') g.streams.out(`- workspace "${s.workspace}": copied (serial ${s.serial}, ${s.resources} resource instance(s))\n`);
      else if (s.outcome === 'same') g.streams.out(`- workspace "${s.workspace}": already there (serial ${s.serial})\n`);
    }
    if (printed(g, r.diagnostics)) return 1;
    if (!r.steps.some((s) => s.outcome !== 'nothing')) g.streams.out(`The "${source.type}" backend holds no state: there was nothing to copy.\n`);
    return 0;
  } finally {
    await from.close();
    await dest.close();
  }
}

/** One side of the migration: its workspaces and a way to open each, with the emulator when `-emulator` is on. */
async function side(g: GlobalOptions, opts: { readonly backend?: BackendSpec | null; readonly backendConfig?: readonly string[] }): Promise<{ value?: MigrationSide; close: () => Promise<void> }> {
  const o = await commandBackendOptions(g, opts);
  if (!o.value) return { close: o.close };
  const base = o.value;
  const ws = openWorkspaces(base);
  if (printed(g, ws.diagnostics) || !ws.value) return { close: o.close };
  const open = (workspace: string, raw: boolean): Backend => {
    const r = openBackend({ ...base, workspace, raw });
    const d = r.diagnostics.find((x) => x.severity === 'error');
    if (!r.value) throw new StateBackendError(d?.summary ?? 'Cannot open the backend', `${d?.detail ?? ''} (workspace "${workspace}" of the ${base.backend?.type ?? 'local'} backend)`.trim());
    return r.value;
  };
  return { value: { name: base.backend?.type ?? 'local', workspaces: ws.value, open }, close: o.close };
}

/** A first `init` of a remote backend with a local state still here: says how to copy it. */
async function warnAboutLocalState(g: GlobalOptions): Promise<void> {
  const local = openBackend({ cwd: g.cwd, env: g.env, raw: true });
  const state = (await local.value?.read().catch(() => undefined))?.state;
  await local.value?.close();
  if (state && state.resources.length) {
    printDiagnostics(g, [warning('Local state not migrated', `The local state (${local.value!.description}) holds ${state.resources.length} resource(s), and the configured backend is used from now on. Run "minitf init -migrate-state" to copy it there.`)]);
  }
}

function printed(g: GlobalOptions, diags: Diagnostic[]): boolean {
  if (diags.length) printDiagnostics(g, diags);
  return exitFor(diags) !== 0;
}
