import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SealError, type IntentEvent, type JournalEvent } from './backend.js';
import type { StateFile, StateInstance, StateOutput, StatePathStep } from './model.js';

/** The prefix of every sealed value: `minitf-sealed:v1:<base64 of iv ‖ tag ‖ AES-256-GCM ciphertext>`. */
export const SEALED_PREFIX = 'minitf-sealed:v1:';
const AAD = Buffer.from(SEALED_PREFIX);

/** Something that gives the key to seal with and the keys to try when opening (a Keyring, or fixed keys in tests). */
export interface SealKeys {
  /** The key new values are sealed with (may create it, e.g. the key file on first use). */
  sealingKey(): Buffer;
  /** The keys a sealed value may have been sealed with, best first; empty when none is available. */
  openingKeys(): readonly Buffer[];
  /** Where the keys come from, for error messages (`MINITF_STATE_KEY`, `.minitf/state.key`). */
  describe(): string;
}

/** True when `v` is a sealed value's text. */
export function isSealed(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(SEALED_PREFIX);
}

/**
 * Seals one JSON value: AES-256-GCM with a fresh random 96-bit IV, so sealing the same value twice
 * gives different texts. `type`, when given, is kept inside (for `dynamic` wrappers and outputs) and
 * comes back from `openSealed`. Plan files use this through `sealer`.
 */
export function sealJSON(value: unknown, keys: SealKeys, type?: unknown): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', keys.sealingKey(), iv);
  c.setAAD(AAD);
  const plain = Buffer.from(JSON.stringify(type === undefined ? { v: value } : { v: value, t: type }), 'utf8');
  const body = Buffer.concat([c.update(plain), c.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

/**
 * Opens a sealed text: the value and, when one was sealed with it, its type. Throws SealError when no
 * available key opens it (no key, another key, damaged text).
 */
export function openSealed(text: string, keys: SealKeys): { value: unknown; type?: unknown } {
  if (!isSealed(text)) throw new SealError('The value is not a minitf sealed value.');
  const raw = Buffer.from(text.slice(SEALED_PREFIX.length), 'base64');
  const candidates = keys.openingKeys();
  if (raw.length < 28) throw new SealError('A sealed value in the state is damaged (too short) and cannot be opened.');
  if (!candidates.length) {
    throw new SealError(`The state holds sealed sensitive values but no key is available to open them. Set MINITF_STATE_KEY to the passphrase they were sealed with, or restore the key file (${keys.describe()}).`);
  }
  for (const key of candidates) {
    try {
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAAD(AAD);
      d.setAuthTag(raw.subarray(12, 28));
      const plain = Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
      const env = JSON.parse(plain) as { v: unknown; t?: unknown };
      return 't' in env ? { value: env.v, type: env.t } : { value: env.v };
    } catch {
      /* try the next key */
    }
  }
  throw new SealError(
    `A sealed sensitive value in the state cannot be opened with the available key (${keys.describe()}). It was sealed with another key or is damaged: set MINITF_STATE_KEY to the passphrase used when it was written, or restore the matching key file.`,
  );
}

/** `sealJSON`/`openSealed` bound to keys, as writers of other files (plan files) take them. */
export function sealer(keys: SealKeys): { sealValue(value: unknown): string; unsealValue(text: string): unknown } {
  return { sealValue: (v) => sealJSON(v, keys), unsealValue: (t) => openSealed(t, keys).value };
}

/**
 * Seals a state's sensitive values: for each instance, the values at its `sensitive_attributes` paths
 * (a `dynamic` attribute `{value, type}` is sealed whole into `{value: "minitf-sealed:…", type:
 * "string"}`, so Terraform still reads the file), and the values of sensitive outputs. Null values and
 * values already sealed are left alone. Returns a new state; the input is not modified. Needs the
 * sealing key only when there is something to seal.
 */
export function seal(state: StateFile, keys: SealKeys): StateFile {
  return {
    ...state,
    outputs: sealOutputs(state.outputs, keys),
    resources: state.resources.map((r) => (r.instances.some((i) => i.sensitive_attributes?.length) ? { ...r, instances: r.instances.map((i) => sealInstance(i, keys)) } : r)),
  };
}

/** Opens every sealed value of a state (the inverse of `seal`). Returns a new state; throws SealError when a value cannot be opened. */
export function unseal(state: StateFile, keys: SealKeys): StateFile {
  return {
    ...state,
    outputs: unsealOutputs(state.outputs, keys),
    resources: state.resources.map((r) => ({ ...r, instances: r.instances.map((i) => unsealInstance(i, keys)) })),
  };
}

/** Seals the values at an instance's `sensitive_attributes` paths (see `seal`). */
export function sealInstance(inst: StateInstance, keys: SealKeys): StateInstance {
  if (!inst.sensitive_attributes?.length) return inst;
  let attrs: unknown = inst.attributes;
  for (const path of inst.sensitive_attributes) attrs = sealAt(attrs, path, 0, keys);
  return attrs === inst.attributes ? inst : { ...inst, attributes: attrs as Record<string, unknown> };
}

/** Opens every sealed value inside an instance's attributes. */
export function unsealInstance(inst: StateInstance, keys: SealKeys): StateInstance {
  const attrs = openTree(inst.attributes, keys);
  return attrs === inst.attributes ? inst : { ...inst, attributes: attrs as Record<string, unknown> };
}

/** Seals what a journal event carries: an object's sensitive paths, sensitive outputs, an intent's request. */
export function sealEvent(e: JournalEvent, keys: SealKeys): JournalEvent {
  if (e.t === 'object') {
    const instance = sealInstance(e.instance, keys);
    return instance === e.instance ? e : { ...e, instance };
  }
  if (e.t === 'outputs') return { ...e, outputs: sealOutputs(e.outputs, keys) };
  if (e.t === 'intent' && e.request) return { ...e, request: sealInstance(e.request, keys) };
  return e;
}

/** Opens the sealed arguments of pending intents. */
export function unsealIntents(intents: readonly IntentEvent[], keys: SealKeys): IntentEvent[] {
  return intents.map((i) => (i.request ? { ...i, request: unsealInstance(i.request, keys) } : i));
}

/** Seals the values of sensitive outputs (value and type go inside; the stored type becomes `string`). */
export function sealOutputs(outputs: Readonly<Record<string, StateOutput>>, keys: SealKeys): Record<string, StateOutput> {
  return mapOutputs(outputs, (o) => (o.sensitive && o.value !== null && !isSealed(o.value) ? { ...o, value: sealJSON(o.value, keys, o.type), type: 'string' } : o));
}

/** Opens sealed output values. */
export function unsealOutputs(outputs: Readonly<Record<string, StateOutput>>, keys: SealKeys): Record<string, StateOutput> {
  return mapOutputs(outputs, (o) => {
    if (!isSealed(o.value)) return o;
    const opened = openSealed(o.value, keys);
    return { ...o, value: opened.value, type: 'type' in opened ? opened.type : o.type };
  });
}

function mapOutputs(outputs: Readonly<Record<string, StateOutput>>, fn: (o: StateOutput) => StateOutput): Record<string, StateOutput> {
  return Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, fn(o)]));
}

/**
 * Seals the node at `path` below `node`. A dynamic wrapper met on the way is sealed whole: sealing a
 * part of it would leave a wrapper whose `type` no longer describes its value.
 */
function sealAt(node: unknown, path: readonly StatePathStep[], i: number, keys: SealKeys): unknown {
  if (node === null || node === undefined || isSealed(node)) return node;
  if (i > 0 && isWrapper(node)) {
    if (node.value === null || isSealed(node.value)) return node;
    return { value: sealJSON(node.value, keys, node.type), type: 'string' };
  }
  if (i === path.length) return sealJSON(node, keys);
  const step = path[i]!;
  // An attribute, or an index: a number into a list, a string into a map or object.
  const k = step.type === 'get_attr' ? step.value : step.value?.value;
  if (Array.isArray(node) && typeof k === 'number' && k >= 0 && k < node.length) {
    const next = sealAt(node[k], path, i + 1, keys);
    if (next === node[k]) return node;
    const copy = [...node];
    copy[k] = next;
    return copy;
  }
  if (node && typeof node === 'object' && !Array.isArray(node) && typeof k === 'string' && k in node) {
    const obj = node as Record<string, unknown>;
    const next = sealAt(obj[k], path, i + 1, keys);
    return next === obj[k] ? node : { ...obj, [k]: next };
  }
  return node;
}

/** Opens every sealed string (and sealed dynamic wrapper) in a JSON tree; returns the same object when nothing is sealed. */
function openTree(node: unknown, keys: SealKeys): unknown {
  if (isSealed(node)) return openSealed(node, keys).value;
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (isWrapperShape(obj) && isSealed(obj.value)) {
      const opened = openSealed(obj.value, keys);
      return 'type' in opened ? { value: opened.value, type: opened.type } : { value: opened.value, type: obj.type };
    }
    // Lists and objects alike: copied on the first element that changes.
    let copy: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(obj)) {
      const o = openTree(v, keys);
      if (o !== v) (copy ??= (Array.isArray(node) ? [...node] : { ...obj }) as Record<string, unknown>)[k] = o;
    }
    return copy ?? node;
  }
  return node;
}

function isWrapperShape(o: Record<string, unknown>): boolean {
  const k = Object.keys(o);
  return k.length === 2 && 'value' in o && 'type' in o;
}

/** A `dynamic` attribute in the state encoding: exactly `{ value, type }` with a Terraform type expression. */
function isWrapper(node: unknown): node is { value: unknown; type: unknown } {
  return !!node && typeof node === 'object' && !Array.isArray(node) && isWrapperShape(node as Record<string, unknown>) && isTypeExpr((node as { type: unknown }).type);
}

function isTypeExpr(t: unknown): boolean {
  if (typeof t === 'string') return t === 'string' || t === 'number' || t === 'bool' || t === 'dynamic';
  return Array.isArray(t) && typeof t[0] === 'string' && ['list', 'set', 'map', 'tuple', 'object'].includes(t[0]);
}
