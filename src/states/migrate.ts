import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { error, warning, type Diagnostic } from '../diag/index.js';
import { SealError, type Backend, type WorkspaceStore } from './backend.js';
import { writeFileDurable, newStats } from './durable.js';
import { backendTypes, type BackendSpec } from './factory.js';
import type { StateFile } from './model.js';

/** Where `init` remembers the backend it configured, under the working directory. */
export const BACKEND_RECORD = join('.minitf', 'backend.json');

/** The backend `init` configured last: its type and the settings written in the block or on the command line (secrets left out). */
export interface BackendRecord {
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** The recorded backend, or undefined when `init` never recorded one here. */
export function readBackendRecord(cwd: string): BackendRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(join(cwd, BACKEND_RECORD), 'utf8')) as BackendRecord;
    return r && typeof r.type === 'string' && r.config && typeof r.config === 'object' ? r : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/**
 * What to remember of a backend: its type, the block's settings and the `-backend-config` values,
 * without the settings its schema marks secret (those come from the environment or the command line
 * again when the record is used).
 */
export function backendRecord(spec: BackendSpec | undefined, backendConfig: Readonly<Record<string, string>> = {}): BackendRecord {
  const type = spec?.type ?? 'local';
  const schema = Object.hasOwn(backendTypes, type) ? backendTypes[type]!.settings : {};
  const config: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...(spec?.config ?? {}), ...backendConfig })) if (!schema[k]?.secret) config[k] = v;
  return { type, config };
}

/** Remembers `record` as the configured backend (replaced atomically). */
export async function writeBackendRecord(cwd: string, record: BackendRecord): Promise<void> {
  await writeFileDurable(join(cwd, BACKEND_RECORD), JSON.stringify(record, null, 2) + '\n', newStats(), 0o600);
}

/** True when two records name the same backend and settings. */
export function sameBackend(a: BackendRecord, b: BackendRecord): boolean {
  return a.type === b.type && JSON.stringify(sorted(a.config)) === JSON.stringify(sorted(b.config));
}

/** One side of a migration: the workspaces of a backend configuration and a way to open each. */
export interface MigrationSide {
  readonly name: string;
  readonly workspaces: WorkspaceStore;
  /** Opens a workspace; `raw` keeps sealed values sealed. */
  open(workspace: string, raw: boolean): Backend;
}

/** What a migration did for one workspace. */
export interface MigrationStep {
  readonly workspace: string;
  readonly outcome: 'copied' | 'same' | 'nothing';
  readonly serial?: number;
  readonly resources?: number;
}

/**
 * Copies every workspace's state from one backend to another, each under both locks (`init
 * -migrate-state`). The copy keeps lineage and serial; sensitive values are opened with the source's
 * keys and sealed with the destination's (sealed as they are, with a warning, when no key here opens
 * them). A destination that already holds another non-empty state, or a source whose last apply left
 * creates pending, is refused (error diagnostic) unless `force`. The source is left as it is.
 */
export async function migrateStates(from: MigrationSide, to: MigrationSide, opts: { readonly force: boolean; readonly lockTimeoutMs: number }): Promise<{ steps: MigrationStep[]; diagnostics: Diagnostic[] }> {
  const steps: MigrationStep[] = [];
  const diags: Diagnostic[] = [];
  for (const ws of await from.workspaces.list()) {
    const step = await copyWorkspace(from, to, ws, opts, diags);
    if (step) steps.push(step);
    if (diags.some((d) => d.severity === 'error')) break;
  }
  return { steps, diagnostics: diags };
}

async function copyWorkspace(from: MigrationSide, to: MigrationSide, ws: string, opts: { readonly force: boolean; readonly lockTimeoutMs: number }, diags: Diagnostic[]): Promise<MigrationStep | undefined> {
  const lock = { timeoutMs: opts.lockTimeoutMs };
  let src = from.open(ws, false);
  const srcLock = await src.lock('OperationTypeMigrate', lock);
  try {
    let read = await src.read().catch(async (e: unknown) => {
      if (!(e instanceof SealError)) throw e;
      diags.push(warning('Sealed values copied as they are', `Some sensitive values of workspace "${ws}" cannot be opened with the keys available here, so they were copied still sealed: only the key that sealed them opens them. ${e.message}`));
      await src.close();
      src = from.open(ws, true);
      return src.read();
    });
    if (!read.state || isEmpty(read.state)) return { workspace: ws, outcome: 'nothing' };
    if (read.pending.length && !opts.force) {
      diags.push(error('Pending creates in the state to migrate', `Workspace "${ws}" of the ${from.name} backend has creates an interrupted apply left pending (${[...new Set(read.pending.map((p) => p.addr))].join(', ')}). Run "minitf apply" with the ${from.name} backend first, so they are resolved and recorded, then migrate; or use -force-copy to copy the state without them.`));
      return undefined;
    }
    await to.workspaces.create(ws);
    const dst = to.open(ws, true);
    const dstLock = await dst.lock('OperationTypeMigrate', lock);
    try {
      const stored = (await dst.read()).state;
      if (stored && !isEmpty(stored)) {
        if (stored.lineage === read.state.lineage && stored.serial === read.state.serial) return { workspace: ws, outcome: 'same', serial: stored.serial };
        if (!opts.force) {
          diags.push(error('The destination already holds a state', `Workspace "${ws}" of the ${to.name} backend already holds a state (serial ${stored.serial}, lineage "${stored.lineage}") that is not the one to migrate (serial ${read.state.serial}, lineage "${read.state.lineage}"). Nothing was copied. Check which one is right; -force-copy replaces it (its previous snapshot is kept as the backup).`));
          return undefined;
        }
      }
      await dst.replace(read.state);
      return { workspace: ws, outcome: 'copied', serial: read.state.serial, resources: read.state.resources.reduce((n, r) => n + r.instances.length, 0) };
    } finally {
      await dstLock.release();
      await dst.close();
    }
  } finally {
    await srcLock.release();
    await src.close();
  }
}

/** A state with nothing in it (a new workspace's). */
function isEmpty(s: StateFile): boolean {
  return !s.resources.length && !Object.keys(s.outputs).length;
}

function sorted(o: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}
