import { randomUUID } from 'node:crypto';
import { compareKeys, type InstanceKey } from '../addrs/index.js';
import { StateCorruptError } from './backend.js';
import { MINITF_VERSION, type StateFile, type StateInstance, type StateOutput, type StateResource } from './model.js';

/** Creates an empty state: version 4, minitf's version, serial 0, a new lineage (UUID), nothing in it. */
export function emptyState(): StateFile {
  return { version: 4, terraform_version: MINITF_VERSION, serial: 0, lineage: randomUUID(), outputs: {}, resources: [], check_results: null };
}

/**
 * Formats a state as Terraform writes it (`internal/states/statefile/version4.go`): keys in its
 * order, outputs sorted by name, resources sorted by module, mode, type and name, instances by key
 * (none, then numbers, then strings) with the current object before deposed ones, 2-space indent,
 * `<`, `>`, `&`, U+2028 and U+2029 escaped as Go does, and a trailing newline. Attribute objects keep
 * their key order. The input is not modified.
 */
export function formatState(state: StateFile): string {
  return goJSON(canonicalState(state)) + '\n';
}

/** JSON with 2-space indentation and Go's escaping of `<>&` and the line/paragraph separators. */
export function goJSON(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A copy of `state` with Terraform's key order and sorting (what `formatState` prints). */
export function canonicalState(state: StateFile): StateFile {
  const outputs: Record<string, StateOutput> = {};
  for (const name of Object.keys(state.outputs).sort(byString)) outputs[name] = canonicalOutput(state.outputs[name]!);
  const resources = [...state.resources].sort(compareStateResources).map(canonicalResource);
  return {
    ...pick(state, ['version', 'terraform_version', 'serial', 'lineage']),
    outputs,
    resources,
    check_results: state.check_results ?? null,
    ...rest(state, STATE_KEYS),
  } as StateFile;
}

/** Compares resources in the state file's order: module string, mode, type, name (byte order). */
export function compareStateResources(a: StateResource, b: StateResource): number {
  return byString(a.module ?? '', b.module ?? '') || byString(a.mode, b.mode) || byString(a.type, b.type) || byString(a.name, b.name);
}

/** Compares instance objects in the state file's order: key (none, numbers, strings), then current before deposed. */
export function compareStateInstances(a: StateInstance, b: StateInstance): number {
  return compareKeys(a.index_key, b.index_key) || byString(a.deposed ?? '', b.deposed ?? '');
}

const STATE_KEYS = ['version', 'terraform_version', 'serial', 'lineage', 'outputs', 'resources', 'check_results'];
const RESOURCE_KEYS = ['module', 'mode', 'type', 'name', 'provider', 'instances'];
const INSTANCE_KEYS = ['index_key', 'status', 'deposed', 'schema_version', 'attributes', 'sensitive_attributes', 'private', 'dependencies', 'create_before_destroy'];
const OUTPUT_KEYS = ['value', 'type', 'sensitive'];

function canonicalOutput(o: StateOutput): StateOutput {
  return { value: o.value, type: o.type, ...(o.sensitive ? { sensitive: true } : {}), ...rest(o, OUTPUT_KEYS) } as StateOutput;
}

function canonicalResource(r: StateResource): StateResource {
  return {
    ...(r.module ? { module: r.module } : {}),
    ...pick(r, ['mode', 'type', 'name', 'provider']),
    instances: [...r.instances].sort(compareStateInstances).map(canonicalInstance),
    ...rest(r, RESOURCE_KEYS),
  } as StateResource;
}

function canonicalInstance(i: StateInstance): StateInstance {
  return {
    ...(i.index_key !== undefined && i.index_key !== null ? { index_key: i.index_key } : {}),
    ...(i.status ? { status: i.status } : {}),
    ...(i.deposed ? { deposed: i.deposed } : {}),
    schema_version: i.schema_version ?? 0,
    attributes: i.attributes ?? {},
    sensitive_attributes: i.sensitive_attributes ?? [],
    ...(i.private ? { private: i.private } : {}),
    ...(i.dependencies && i.dependencies.length ? { dependencies: i.dependencies } : {}),
    ...(i.create_before_destroy ? { create_before_destroy: true } : {}),
    ...rest(i, INSTANCE_KEYS),
  } as StateInstance;
}

function pick(o: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
}

/** Fields minitf does not know (newer Terraform versions add some): kept, after the known ones. */
function rest(o: object, known: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => !known.includes(k) && v !== undefined));
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Parses a state file's text. Throws StateCorruptError naming `path` when the text is not JSON
 * (truncated, empty, damaged) or not a version 4 state; its `reason` says what is wrong. The result
 * is the file's content (sealed values stay sealed).
 */
export function parseState(text: string, path: string): StateFile {
  let json: unknown;
  let why: string | undefined;
  try {
    json = JSON.parse(text);
    why = checkShape(json);
  } catch (e) {
    why = text.trim() === '' ? 'the file is empty' : `it is not valid JSON (${(e as Error).message})`;
  }
  if (why) throw new StateCorruptError(`The state file "${path}" cannot be read: ${why}. minitf has not changed it.`, path, why);
  const s = json as StateFile & Record<string, unknown>;
  for (const r of s.resources ?? []) for (const i of r.instances) if (i.index_key === null) delete i.index_key;
  return { ...s, outputs: s.outputs ?? {}, resources: s.resources ?? [], check_results: s.check_results ?? null, terraform_version: s.terraform_version ?? '' };
}

function checkShape(json: unknown): string | undefined {
  if (!isObject(json)) return 'it is not a JSON object';
  if (json.version === undefined) return 'it has no "version" attribute, which identifies the state format';
  if (json.version !== 4) return `it is a version ${JSON.stringify(json.version)} state and minitf reads version 4 only`;
  if (typeof json.lineage !== 'string' || json.lineage === '') return 'it has no "lineage"';
  if (typeof json.serial !== 'number' || !Number.isInteger(json.serial) || json.serial < 0) return '"serial" is not a whole number';
  if (json.outputs !== undefined && json.outputs !== null && !isObject(json.outputs)) return '"outputs" is not an object';
  if (json.resources !== undefined && json.resources !== null) {
    if (!Array.isArray(json.resources)) return '"resources" is not a list';
    for (const [i, r] of json.resources.entries()) {
      if (!isObject(r)) return `resources[${i}] is not an object`;
      for (const k of ['mode', 'type', 'name', 'provider']) if (typeof r[k] !== 'string') return `resources[${i}] has no "${k}"`;
      if (r.mode !== 'managed' && r.mode !== 'data') return `resources[${i}] has an unknown mode ${JSON.stringify(r.mode)}`;
      if (!Array.isArray(r.instances)) return `resources[${i}] has no "instances" list`;
      for (const [j, inst] of r.instances.entries()) {
        if (!isObject(inst) || !isObject(inst.attributes)) return `resources[${i}].instances[${j}] has no "attributes" object`;
        if (!isKey(inst.index_key)) return `resources[${i}].instances[${j}] has an invalid "index_key"`;
      }
    }
  }
  return undefined;
}

function isKey(k: unknown): k is InstanceKey {
  return k === undefined || k === null || typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k) && k >= 0);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
