/**
 * The `local` backend: a workspace's state in files on this machine (`storage.ts`: snapshot, backup,
 * journal; `lock.ts`: the lock info file), Terraform's file names and format so Terraform reads them,
 * and the refusal to start beside Terraform's own local state (`terraform-state.ts`). What the bytes
 * mean is the parent folder's policy (`../manager.ts`).
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { WorkspaceStore } from '../backend.js';
import { unlessMissing } from '../durable.js';
import { str } from '../settings.js';
import type { BackendDefinition } from '../storage.js';
import { terraformStateInTheWay } from './terraform-state.js';
import { DEFAULT_WORKSPACE } from '../workspace.js';
import { LocalStorage } from './storage.js';

export { LocalStorage, type LocalPaths } from './storage.js';

/** The default local state path, under the working directory. */
export const DEFAULT_STATE_PATH = join('state', 'terraform.tfstate');
/** The default folder of non-default workspaces' local states. */
export const DEFAULT_WORKSPACE_DIR = join('state', 'terraform.tfstate.d');

const nonEmpty = (v: unknown) => (v === '' ? 'The path must not be empty.' : undefined);

/** `backend "local" { path, workspace_dir }` (relative to the working directory); `-state=PATH` wins over both. */
export const backend: BackendDefinition = {
  name: 'local',
  shared: false,
  acceptsStatePath: true,
  settings: {
    path: { type: 'string', description: 'the state file of the default workspace', default: DEFAULT_STATE_PATH, validate: nonEmpty },
    workspace_dir: { type: 'string', description: 'the folder of the other workspaces’ states', default: DEFAULT_WORKSPACE_DIR, validate: nonEmpty },
  },
  open(settings, ctx) {
    let path: string;
    if (ctx.statePath) path = resolve(ctx.cwd, ctx.statePath);
    else if (ctx.workspace === DEFAULT_WORKSPACE) path = resolve(ctx.cwd, str(settings, 'path'));
    else path = join(resolve(ctx.cwd, str(settings, 'workspace_dir')), ctx.workspace, 'terraform.tfstate');
    const chosen = ctx.statePath !== undefined || settings.sources[ctx.workspace === DEFAULT_WORKSPACE ? 'path' : 'workspace_dir'] !== 'default';
    const inTheWay = chosen ? undefined : terraformStateInTheWay(ctx.cwd, ctx.workspace, path);
    if (inTheWay) return { value: undefined, diagnostics: [inTheWay] };
    return { value: new LocalStorage({ path, display: shown(ctx.cwd, path), ...(ctx.lock?.refreshMs ? { refreshMs: ctx.lock.refreshMs } : {}) }), diagnostics: [] };
  },
  workspaces(settings, ctx) {
    return { value: new LocalWorkspaces(resolve(ctx.cwd, str(settings, 'workspace_dir'))), diagnostics: [] };
  },
};

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
    const names = (await unlessMissing(readdir(this.#dir, { withFileTypes: true }), [])).filter((d) => d.isDirectory()).map((d) => d.name);
    return [DEFAULT_WORKSPACE, ...names.filter((n) => n !== DEFAULT_WORKSPACE).sort()];
  }
  async create(name: string): Promise<void> {
    if (name !== DEFAULT_WORKSPACE) await mkdir(join(this.#dir, name), { recursive: true });
  }
  async delete(name: string): Promise<void> {
    if (name !== DEFAULT_WORKSPACE) await rm(join(this.#dir, name), { recursive: true, force: true });
  }
}
