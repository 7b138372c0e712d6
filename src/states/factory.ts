import { mkdir, readdir, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { error, warning, type Diagnostic, type Result, type SourceRange } from '../diag/index.js';
import type { Backend, WorkspaceStore } from './backend.js';
import { Keyring } from './keyring.js';
import { LocalBackend } from './local.js';
import type { FileLockOptions } from './lock.js';
import { pgBackendType } from './pg/index.js';
import { currentWorkspace, DEFAULT_WORKSPACE } from './workspace.js';
import { terraformStateInTheWay } from './terraform-state.js';

/** A `backend "TYPE" { … }` block from configuration (literal values only). */
export interface BackendSpec {
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly range?: SourceRange;
}

/** What `openBackend` needs: where, which backend, which workspace. */
export interface OpenBackendOptions {
  /** The working directory (after `-chdir`); relative paths are resolved against it. */
  readonly cwd: string;
  /** The configuration's backend block; none means `local` with defaults. */
  readonly backend?: BackendSpec;
  /** `-state=PATH`: overrides the state file path (any workspace). */
  readonly statePath?: string;
  /** The workspace; defaults to the current one (`TF_WORKSPACE`, `.minitf/environment`). */
  readonly workspace?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Keep sealed values sealed (commands that never look at values; see LocalBackendOptions.raw). */
  readonly raw?: boolean;
  /** Lock tuning (tests). */
  readonly lock?: FileLockOptions;
  /**
   * `-backend-config=key=value` values (parse them with `parseBackendConfig`): each overrides the
   * backend block's argument of that name, for any backend type (`conn_str`, `schema_name` for pg;
   * `path`, `workspace_dir` for local), so secrets such as a connection string's password need not
   * live in the configuration.
   */
  readonly backendConfig?: Readonly<Record<string, string>>;
}

/** One backend type: opens the state store of a workspace and lists the workspaces. */
export interface BackendType {
  open(opts: OpenBackendOptions): Result<Backend | undefined>;
  workspaces(opts: OpenBackendOptions): Result<WorkspaceStore | undefined>;
}

/** The default local state path, under the working directory. */
export const DEFAULT_STATE_PATH = join('state', 'terraform.tfstate');
/** The default folder of non-default workspaces' local states. */
export const DEFAULT_WORKSPACE_DIR = join('state', 'terraform.tfstate.d');

const localType: BackendType = {
  open(opts) {
    const cfg = localConfig(opts);
    if (!cfg.value) return { value: undefined, diagnostics: cfg.diagnostics };
    const path = cfg.value.path;
    return {
      value: new LocalBackend({ path, display: shown(opts.cwd, path), keys: new Keyring({ cwd: opts.cwd, env: opts.env }), ...(opts.raw ? { raw: true } : {}), ...(opts.lock ? { lock: opts.lock } : {}) }),
      diagnostics: cfg.diagnostics,
    };
  },
  workspaces(opts) {
    const cfg = localConfig(opts);
    if (!cfg.value) return { value: undefined, diagnostics: cfg.diagnostics };
    return { value: new LocalWorkspaces(cfg.value.workspaceDir), diagnostics: cfg.diagnostics };
  },
};

/** Backend types by name. Adding one is one line here. */
export const backendTypes: Readonly<Record<string, BackendType>> = {
  local: localType,
  pg: pgBackendType,
};

/**
 * Opens the state store for a workspace: the configured backend type (default `local`). Returns
 * diagnostics (and no backend) for an unknown or not yet available type, or an invalid block.
 * Nothing is read or locked yet.
 */
export function openBackend(opts: OpenBackendOptions): Result<Backend | undefined> {
  const t = backendType(opts.backend);
  if ('diagnostics' in t) return t;
  const merged = withBackendConfig(opts);
  const r = t.open(merged.opts);
  return merged.diagnostics.length ? { value: r.value, diagnostics: [...merged.diagnostics, ...r.diagnostics] } : r;
}

/** The workspace store of the configured backend (for `minitf workspace …`). */
export function openWorkspaces(opts: OpenBackendOptions): Result<WorkspaceStore | undefined> {
  const t = backendType(opts.backend);
  if ('diagnostics' in t) return t;
  const merged = withBackendConfig(opts);
  const r = t.workspaces(merged.opts);
  return merged.diagnostics.length ? { value: r.value, diagnostics: [...merged.diagnostics, ...r.diagnostics] } : r;
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

/** The options with `backendConfig` merged over the backend block (a warning when there is no block to merge into). */
function withBackendConfig(opts: OpenBackendOptions): { opts: OpenBackendOptions; diagnostics: Diagnostic[] } {
  const extra = opts.backendConfig;
  if (!extra || !Object.keys(extra).length) return { opts, diagnostics: [] };
  if (!opts.backend) {
    return {
      opts,
      diagnostics: [warning('Missing backend configuration', '-backend-config was used without a "backend" block in the configuration, so it has no effect: the state stays in the local backend. Add a backend block, for example terraform { backend "pg" {} }, to use it.')],
    };
  }
  return { opts: { ...opts, backend: { ...opts.backend, config: { ...opts.backend.config, ...extra } } }, diagnostics: [] };
}

function backendType(spec: BackendSpec | undefined): BackendType | { value: undefined; diagnostics: Diagnostic[] } {
  const name = spec?.type ?? 'local';
  const t = backendTypes[name];
  if (t) return t;
  const supported = Object.keys(backendTypes).map((n) => `"${n}"`).join(', ');
  const detail = `There is no backend type named "${name}". minitf supports: ${supported}.`;
  return { value: undefined, diagnostics: [error('Unsupported backend type', detail, spec?.range ? { subject: spec.range } : {})] };
}

/** The local backend's settings: `path` and `workspace_dir`, relative to the working directory. */
function localConfig(opts: OpenBackendOptions): Result<{ path: string; workspaceDir: string } | undefined> {
  const diags: Diagnostic[] = [];
  const cfg = opts.backend?.config ?? {};
  const subject = opts.backend?.range ? { subject: opts.backend.range } : {};
  for (const [k, v] of Object.entries(cfg)) {
    if (k !== 'path' && k !== 'workspace_dir') {
      diags.push(error('Unsupported argument', `An argument named "${k}" is not expected here. The local backend takes "path" and "workspace_dir".`, subject));
    } else if (typeof v !== 'string' || v === '') {
      diags.push(error('Incorrect attribute value type', `Inappropriate value for attribute "${k}": a non-empty string is required.`, subject));
    }
  }
  if (diags.length) return { value: undefined, diagnostics: diags };
  const workspace = opts.workspace ?? currentWorkspace(opts.cwd, opts.env).name;
  const workspaceDir = resolve(opts.cwd, (cfg.workspace_dir as string | undefined) ?? DEFAULT_WORKSPACE_DIR);
  let path: string;
  if (opts.statePath) path = resolve(opts.cwd, opts.statePath);
  else if (workspace === DEFAULT_WORKSPACE) path = resolve(opts.cwd, (cfg.path as string | undefined) ?? DEFAULT_STATE_PATH);
  else path = join(workspaceDir, workspace, 'terraform.tfstate');
  const chosen = opts.statePath !== undefined || (workspace === DEFAULT_WORKSPACE ? cfg.path : cfg.workspace_dir) !== undefined;
  const inTheWay = chosen ? undefined : terraformStateInTheWay(opts.cwd, workspace, path);
  if (inTheWay) return { value: undefined, diagnostics: [inTheWay] };
  return { value: { path, workspaceDir }, diagnostics: [] };
}

/** A path as shown to the user: relative to the working directory when inside it. */
export function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Local workspaces: `default` plus one folder per workspace under the workspace directory. */
class LocalWorkspaces implements WorkspaceStore {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
  }
  async list(): Promise<string[]> {
    let names: string[] = [];
    try {
      names = (await readdir(this.#dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return [DEFAULT_WORKSPACE, ...names.filter((n) => n !== DEFAULT_WORKSPACE).sort()];
  }
  async create(name: string): Promise<void> {
    if (name !== DEFAULT_WORKSPACE) await mkdir(join(this.#dir, name), { recursive: true });
  }
  async delete(name: string): Promise<void> {
    if (name !== DEFAULT_WORKSPACE) await rm(join(this.#dir, name), { recursive: true, force: true });
  }
}
