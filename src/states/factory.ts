import { error, warning, type Diagnostic, type Result, type SourceRange } from '../diag/index.js';
import type { Backend, WorkspaceStore } from './backend.js';
import * as registered from './backends.js';
import { Keyring } from './keyring.js';
import { StateManager, type StateManagerOptions } from './manager.js';
import { resolveSettings, type ResolvedSettings } from './settings.js';
import type { BackendDefinition, StorageContext } from './storage.js';
import { currentWorkspace } from './workspace.js';

/** A `backend "TYPE" { … }` block from configuration (literal values only). */
export interface BackendSpec {
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly range?: SourceRange;
}

/**
 * What `openBackend` needs: where, which backend, which workspace; the rest is handed to the backend
 * as its StorageContext and to the policy as StateManagerOptions.
 */
export interface OpenBackendOptions extends Omit<StorageContext, 'workspace'>, Pick<StateManagerOptions, 'raw' | 'lock' | 'onClose'> {
  /** The configuration's backend block; none means `local` with defaults. */
  readonly backend?: BackendSpec;
  /** The workspace; defaults to the current one (`TF_WORKSPACE`, `.minitf/environment`). */
  readonly workspace?: string;
  /**
   * `-backend-config=key=value` values (parse them with `parseBackendConfig`): each overrides the
   * backend block's argument of that name, so secrets such as a connection string's password need
   * not live in the configuration. Keys the backend does not take are errors.
   */
  readonly backendConfig?: Readonly<Record<string, string>>;
}

/** Every backend type by name, from `backends.ts`. */
export const backendTypes: Readonly<Record<string, BackendDefinition>> = registered;

/**
 * Opens the state store for a workspace: the configured backend type (default `local`) with its
 * settings resolved (`settings.ts`), under the one policy (`manager.ts`). Returns diagnostics (and no
 * backend) for an unknown type or an invalid block. Nothing is read, locked or connected yet.
 */
export function openBackend(opts: OpenBackendOptions): Result<Backend | undefined> {
  const r = prepared(opts);
  if (!r.value) return { value: undefined, diagnostics: r.diagnostics };
  const { def, settings, ctx } = r.value;
  const storage = def.open(settings, ctx);
  const diags = [...r.diagnostics, ...storage.diagnostics];
  if (!storage.value) return { value: undefined, diagnostics: diags };
  const keys = new Keyring({ cwd: opts.cwd, env: opts.env, shared: def.shared });
  return { value: new StateManager({ ...opts, storage: storage.value, keys }), diagnostics: diags };
}

/** The workspace store of the configured backend (for `minitf workspace …`). */
export function openWorkspaces(opts: OpenBackendOptions): Result<WorkspaceStore | undefined> {
  const r = prepared(opts);
  if (!r.value) return { value: undefined, diagnostics: r.diagnostics };
  const w = r.value.def.workspaces(r.value.settings, r.value.ctx);
  return { value: w.value, diagnostics: [...r.diagnostics, ...w.diagnostics] };
}

/**
 * Parses `-backend-config` flag values, each `key=value` (the value may contain `=`; later flags
 * win). A value without `=` (Terraform also accepts a file there) or with an empty key is a
 * diagnostic.
 */
export function parseBackendConfig(values: readonly string[]): Result<Record<string, string>> {
  const out: Record<string, string> = {};
  const diags: Diagnostic[] = [];
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) {
      diags.push(error('Invalid backend configuration argument', `The -backend-config value "${eq < 0 ? v : '=…'}" is not of the form key=value. minitf takes backend settings one at a time, for example -backend-config="conn_str=postgres://user@db.example.com/terraform" (files of settings are not supported).`));
      continue;
    }
    out[v.slice(0, eq).trim()] = v.slice(eq + 1);
  }
  return { value: out, diagnostics: diags };
}

/** The backend type, its resolved settings and the storage context; diagnostics when any is wrong. */
function prepared(opts: OpenBackendOptions): Result<{ def: BackendDefinition; settings: ResolvedSettings; ctx: StorageContext } | undefined> {
  const diags: Diagnostic[] = [];
  const spec = opts.backend;
  const name = spec?.type ?? 'local';
  const def = Object.hasOwn(backendTypes, name) ? backendTypes[name] : undefined;
  const subject = spec?.range ? { subject: spec.range } : {};
  if (!def) {
    const supported = Object.keys(backendTypes).map((n) => `"${n}"`).join(', ');
    return { value: undefined, diagnostics: [error('Unsupported backend type', `There is no backend type named "${name}". minitf supports: ${supported}.`, subject)] };
  }
  let flags = opts.backendConfig ?? {};
  if (Object.keys(flags).length && !spec) {
    diags.push(warning('Missing backend configuration', '-backend-config was used without a "backend" block in the configuration, so it has no effect: the state stays in the local backend. Add a backend block, for example terraform { backend "pg" {} }, to use it.'));
    flags = {};
  }
  const settings = resolveSettings(def.name, def.settings, spec?.config ?? {}, flags, opts.env, spec?.range);
  diags.push(...settings.diagnostics);
  if (opts.statePath && !def.acceptsStatePath) {
    diags.push(error('Invalid option', `The -state option names a local state file; it cannot be used with the "${def.name}" backend. Use "minitf state pull" to get a copy of the state, and "minitf state push" to write one.`));
  }
  if (!settings.value || diags.some((d) => d.severity === 'error')) return { value: undefined, diagnostics: diags };
  const ctx: StorageContext = { ...opts, workspace: opts.workspace ?? currentWorkspace(opts.cwd, opts.env).name };
  return { value: { def, settings: settings.value, ctx }, diagnostics: diags };
}
