import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { error, type Diagnostic, type Result } from '../diag/index.js';
import { MINITF_VERSION, type StateFile } from '../states/model.js';
import type { OutputChange, Plan, ResourceChange } from './model.js';
import { isTypedWrapper, pathFromSteps, shapePaths } from './values.js';
import type { Path } from './model.js';

/** The marker in every minitf plan file. */
export const PLAN_FILE_FORMAT = 'minitf-plan';
/** The plan file format version this build writes and reads. */
export const PLAN_FILE_VERSION = 1;

/** Seals one sensitive JSON value into a string (`states/seal.ts: sealValue`, bound to keys). */
export type SealFn = (value: unknown) => string;
/** Opens a string made by the matching `SealFn`; throws when it cannot. */
export type UnsealFn = (text: string) => unknown;

/** What a plan file holds: the plan and (optionally) the prior state it was made from. */
export interface PlanFileContents {
  readonly plan: Plan;
  readonly priorState: StateFile | null;
  /** The minitf version that wrote the file. */
  readonly writtenBy: string;
}

/** Options of `writePlanFile`. */
export interface WritePlanOptions {
  /** Seals sensitive values; required so that no secret is written in clear. */
  readonly seal: SealFn;
  /** The (refreshed) prior state, stored so `show PLANFILE` can print `prior_state`. */
  readonly priorState?: StateFile | null;
  /** Compress with gzip (default true). */
  readonly gzip?: boolean;
}

type Transform = (v: unknown) => unknown;

function mapAt(value: unknown, paths: readonly Path[], fn: Transform, wrapped = false): unknown {
  if (paths.some((p) => p.length === 0)) return value === null || value === undefined ? value : fn(value);
  if (value === null || typeof value !== 'object') return value;
  // State attributes of dynamic type are stored as { value, type }: paths go through `value`.
  if (wrapped && isTypedWrapper(value)) return { ...value, value: mapAt(value.value, paths, fn, wrapped) };
  const sub = (k: string | number) => paths.filter((p) => p.length > 0 && String(p[0]) === String(k)).map((p) => p.slice(1));
  if (Array.isArray(value)) return value.map((e, i) => (sub(i).length ? mapAt(e, sub(i), fn, wrapped) : e));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = sub(k).length ? mapAt(v, sub(k), fn, wrapped) : v;
  return out;
}

function mapChange(c: ResourceChange, fn: Transform): ResourceChange {
  return { ...c, before: mapAt(c.before, shapePaths(c.beforeSensitive), fn), after: mapAt(c.after, shapePaths(c.afterSensitive), fn) };
}

function mapOutput(o: OutputChange, fn: Transform): OutputChange {
  return {
    ...o,
    before: (o.beforeSensitive ?? o.sensitive) && o.before != null ? fn(o.before) : o.before,
    after: o.sensitive && o.after != null ? fn(o.after) : o.after,
  };
}

function mapPlan(plan: Plan, fn: Transform): Plan {
  const variables: Record<string, { value: unknown; sensitive?: boolean }> = {};
  for (const [k, v] of Object.entries(plan.variables)) variables[k] = v.sensitive && v.value != null ? { ...v, value: fn(v.value) } : v;
  return {
    ...plan,
    variables,
    resourceChanges: plan.resourceChanges.map((c) => mapChange(c, fn)),
    resourceDrift: plan.resourceDrift.map((c) => mapChange(c, fn)),
    outputChanges: plan.outputChanges.map((o) => mapOutput(o, fn)),
  };
}

function mapState(state: StateFile, fn: Transform): StateFile {
  const outputs: StateFile['outputs'] = {};
  for (const [k, o] of Object.entries(state.outputs ?? {})) outputs[k] = o.sensitive && o.value != null ? { ...o, value: fn(o.value) } : o;
  return {
    ...state,
    outputs,
    resources: state.resources.map((r) => ({
      ...r,
      instances: r.instances.map((i) => ({ ...i, attributes: mapAt(i.attributes, (i.sensitive_attributes ?? []).map(pathFromSteps), fn, true) as Record<string, unknown> })),
    })),
  };
}

/**
 * Writes a plan file: a JSON document (gzip-compressed unless `gzip: false`) with the format marker
 * and version, the plan (holding the configuration digest and the prior state's lineage and serial)
 * and the prior state. Every sensitive value is sealed through `seal` first. The file is written to a
 * temporary name, fsync'd and renamed into place with mode 0600, so a reader never sees half a file.
 */
export async function writePlanFile(path: string, plan: Plan, opts: WritePlanOptions): Promise<void> {
  const seal: Transform = (v) => opts.seal(v);
  const doc = {
    format: PLAN_FILE_FORMAT,
    format_version: PLAN_FILE_VERSION,
    minitf_version: MINITF_VERSION,
    config_digest: plan.configDigest,
    state_lineage: plan.stateLineage,
    state_serial: plan.stateSerial,
    plan: mapPlan(plan, seal),
    prior_state: opts.priorState ? mapState(opts.priorState, seal) : null,
  };
  const text = Buffer.from(JSON.stringify(doc) + '\n', 'utf8');
  const data = opts.gzip === false ? text : gzipSync(text);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

const loadError = (path: string, detail: string): Diagnostic => error(`Failed to load "${path}" as a plan file`, detail);

/**
 * Reads a plan file written by `writePlanFile`, unsealing its sensitive values. A missing file, a
 * file that is not a minitf plan, a damaged one, one from a newer format version, or sealed values
 * that cannot be opened give an error diagnostic (and no value); nothing throws for those.
 */
export async function readPlanFile(path: string, opts: { readonly unseal: UnsealFn }): Promise<Result<PlanFileContents | undefined>> {
  const fail = (detail: string): Result<undefined> => ({ value: undefined, diagnostics: [loadError(path, detail)] });
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('The file does not exist.');
    if (code === 'EISDIR') return fail('The path is a directory, not a plan file.');
    throw e;
  }
  let text: string;
  try {
    text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  } catch {
    return fail('The file is damaged: its compressed data is incomplete or corrupt.');
  }
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return fail(`The file is not a minitf plan file, or it is damaged: ${(e as Error).message}.`);
  }
  if (!doc || typeof doc !== 'object' || doc.format !== PLAN_FILE_FORMAT) {
    return fail('The file is not a minitf plan file (it has no minitf plan format marker). Create one with "minitf plan -out=FILE".');
  }
  if (typeof doc.format_version !== 'number' || doc.format_version > PLAN_FILE_VERSION) {
    return fail(`The plan file was written by a newer version of minitf (${String(doc.minitf_version)}, plan format ${String(doc.format_version)}); this version (${MINITF_VERSION}) reads plan format ${PLAN_FILE_VERSION}. Create the plan again with this version.`);
  }
  const plan = doc.plan as Plan | undefined;
  if (!plan || typeof plan !== 'object' || !Array.isArray(plan.resourceChanges) || !Array.isArray(plan.outputChanges)) {
    return fail('The file is damaged: it has no complete plan in it.');
  }
  try {
    const unseal: Transform = (v) => (typeof v === 'string' ? opts.unseal(v) : v);
    const priorState = doc.prior_state ? mapState(doc.prior_state as StateFile, unseal) : null;
    return { value: { plan: mapPlan(plan, unseal), priorState, writtenBy: String(doc.minitf_version) }, diagnostics: [] };
  } catch (e) {
    return fail(`Its sensitive values cannot be opened: ${(e as Error).message}`);
  }
}

/**
 * Checks that a saved plan still applies to the current state and configuration, with Terraform's
 * messages: another lineage → `Saved plan does not match the given state`; a newer serial or a
 * changed configuration → `Saved plan is stale`. Returns no diagnostics when it applies.
 */
export function checkSavedPlan(plan: Plan, current: { readonly lineage?: string; readonly serial?: number; readonly configDigest?: string }): Diagnostic[] {
  if (current.lineage !== undefined && plan.stateLineage !== '' && current.lineage !== plan.stateLineage) {
    return [error('Saved plan does not match the given state', 'The given plan file can not be applied because it was created from a different state lineage.')];
  }
  if (current.serial !== undefined && current.serial !== plan.stateSerial) {
    return [error('Saved plan is stale', 'The given plan file can no longer be applied because the state was changed by another operation after the plan was created.')];
  }
  if (current.configDigest !== undefined && current.configDigest !== plan.configDigest) {
    return [error('Saved plan is stale', 'The given plan file can no longer be applied because the configuration has changed since the plan was created.')];
  }
  return [];
}
