import type { Type } from '../lang/index.js';
import type { StatePathStep } from '../states/model.js';
import type { Path } from './model.js';
import type { BlockSchema } from './schema.js';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** True when a JSON value is cty's wrapper for a dynamically typed value: `{ "value": …, "type": … }`. */
export function isTypedWrapper(v: unknown): v is { value: unknown; type: unknown } {
  return isRecord(v) && Object.keys(v).length === 2 && 'value' in v && 'type' in v;
}

/** Decodes a value stored under `type` (unwraps `dynamic` positions). */
export function decodeValue(v: unknown, type: Type): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'dynamic') return isTypedWrapper(v) ? v.value : v;
  if (typeof type === 'string') return v;
  switch (type[0]) {
    case 'list':
    case 'set':
      return Array.isArray(v) ? v.map((e) => decodeValue(e, type[1])) : v;
    case 'tuple':
      return Array.isArray(v) ? v.map((e, i) => decodeValue(e, type[1][i] ?? 'dynamic')) : v;
    case 'map':
      return isRecord(v) ? Object.fromEntries(Object.entries(v).map(([k, e]) => [k, decodeValue(e, type[1])])) : v;
    case 'object':
      return isRecord(v) ? Object.fromEntries(Object.entries(v).map(([k, e]) => [k, decodeValue(e, type[1][k] ?? 'dynamic')])) : v;
  }
}

/**
 * Decodes the attributes of a state object to plain JSON under its block schema (or, without one,
 * by unwrapping every `{value, type}` wrapper at the top level).
 */
export function decodeAttributes(attrs: Readonly<Record<string, unknown>>, schema: BlockSchema | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) {
    const a = schema?.attributes[k];
    const b = schema?.blocks[k];
    if (a) out[k] = decodeValue(v, a.type);
    else if (b) {
      if (Array.isArray(v)) out[k] = v.map((e) => (isRecord(e) ? decodeAttributes(e, b) : e));
      else if (isRecord(v) && b.nesting === 'map') out[k] = Object.fromEntries(Object.entries(v).map(([mk, e]) => [mk, isRecord(e) ? decodeAttributes(e, b) : e]));
      else if (isRecord(v)) out[k] = decodeAttributes(v, b);
      else out[k] = v;
    } else out[k] = isTypedWrapper(v) ? v.value : v;
  }
  return out;
}

/** Converts state path steps (`get_attr`/`index`) to a plain path. */
export function pathFromSteps(steps: readonly StatePathStep[]): Path {
  return steps.map((s) => (s.type === 'get_attr' ? s.value : (s.value.value as string | number)));
}

/** Converts a plain path to state path steps (Terraform's `sensitive_attributes` encoding). */
export function stepsFromPath(path: Path): StatePathStep[] {
  return path.map((p) =>
    typeof p === 'number' ? { type: 'index', value: { value: p, type: 'number' } } : { type: 'get_attr', value: p },
  );
}

/**
 * Terraform's boolean shape of a value (`sensitive_values`, `after_unknown`): `true` where a path is
 * marked, objects keep every key whose shape is not plain `false`, arrays keep one entry per element,
 * and an unmarked primitive is `false`. Paths stop at the first marked ancestor.
 */
export function markShape(value: unknown, marked: readonly Path[]): unknown {
  if (marked.some((p) => p.length === 0)) return true;
  const sub = (step: string | number) => marked.filter((p) => p.length > 0 && (p[0] === step || String(p[0]) === String(step))).map((p) => p.slice(1));
  if (Array.isArray(value)) return value.map((e, i) => markShape(e, sub(i)));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const s = markShape(v, sub(k));
      if (s !== false) out[k] = s;
    }
    // Marked keys absent from the value (unknown attributes are left out of `after`) still count.
    for (const p of marked) if (p.length === 1 && typeof p[0] === 'string' && !(p[0] in out)) out[p[0]] = true;
    return out;
  }
  return false;
}

/** The paths at which a boolean shape holds `true`. */
export function shapePaths(shape: unknown, prefix: Path = []): Path[] {
  if (shape === true) return [prefix];
  if (Array.isArray(shape)) return shape.flatMap((s, i) => shapePaths(s, [...prefix, i]));
  if (isRecord(shape)) return Object.entries(shape).flatMap(([k, s]) => shapePaths(s, [...prefix, k]));
  return [];
}

/** Re-derives a shape over `value` in Terraform's normal form from any shape (`false`, partial or full). */
export function normaliseShape(value: unknown, shape: unknown): unknown {
  return markShape(value, shapePaths(shape));
}

/** Removes the attributes/elements a shape marks as unknown (Terraform leaves them out of `after`). */
export function omitUnknown(value: unknown, unknown: unknown): unknown {
  if (unknown === true) return null;
  if (Array.isArray(value)) return value.map((e, i) => omitUnknown(e, Array.isArray(unknown) ? unknown[i] : false));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    const u = isRecord(unknown) ? unknown : {};
    for (const [k, v] of Object.entries(value)) {
      if (u[k] === true) continue;
      out[k] = omitUnknown(v, u[k]);
    }
    return out;
  }
  return value;
}

/** The value type a block schema describes (attributes plus nested blocks as objects/collections). */
export function blockType(schema: BlockSchema): Type {
  const attrs: Record<string, Type> = {};
  for (const [k, a] of Object.entries(schema.attributes)) attrs[k] = a.type;
  for (const [k, b] of Object.entries(schema.blocks)) {
    const t = blockType(b);
    attrs[k] = b.nesting === 'list' ? ['list', t] : b.nesting === 'set' ? ['set', t] : b.nesting === 'map' ? ['map', t] : t;
  }
  return ['object', attrs];
}

/** Paths of attributes a block schema marks sensitive, for the nested values present in `value`. */
export function schemaSensitivePaths(schema: BlockSchema, value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  for (const [k, a] of Object.entries(schema.attributes)) if (a.sensitive) out.push([...prefix, k]);
  if (!isRecord(value)) return out;
  for (const [k, b] of Object.entries(schema.blocks)) {
    const v = value[k];
    if (Array.isArray(v)) v.forEach((e, i) => out.push(...schemaSensitivePaths(b, e, [...prefix, k, i])));
    else if (isRecord(v) && b.nesting === 'map') for (const [mk, e] of Object.entries(v)) out.push(...schemaSensitivePaths(b, e, [...prefix, k, mk]));
    else if (isRecord(v)) out.push(...schemaSensitivePaths(b, v, [...prefix, k]));
  }
  return out;
}

/**
 * Terraform's `sensitive_values` / `after_sensitive` shape of a value under a type: `true` at marked
 * paths; collections known only after apply become `[]`/`{}` (their kind is known, their content is
 * not); null values and unmarked primitives are `false` (and left out of objects).
 */
export function typedShape(value: unknown, unknown: unknown, marked: readonly Path[], type: Type | undefined): unknown {
  if (marked.some((p) => p.length === 0)) return true;
  const kind = Array.isArray(type) ? type[0] : type;
  if (unknown === true) {
    if (kind === 'list' || kind === 'set' || kind === 'tuple') return [];
    if (kind === 'map' || kind === 'object') return {};
    return false;
  }
  if (value === null || value === undefined) return false;
  const sub = (step: string | number) => marked.filter((p) => p.length > 0 && String(p[0]) === String(step)).map((p) => p.slice(1));
  const elemType = (i: number | string): Type | undefined => {
    if (!Array.isArray(type)) return undefined;
    if (type[0] === 'list' || type[0] === 'set' || type[0] === 'map') return type[1] as Type;
    if (type[0] === 'tuple') return (type[1] as Type[])[Number(i)];
    if (type[0] === 'object') return (type[1] as Record<string, Type>)[String(i)];
    return undefined;
  };
  if (Array.isArray(value)) {
    return value.map((e, i) => typedShape(e, Array.isArray(unknown) ? unknown[i] : false, sub(i), elemType(i)));
  }
  if (isRecord(value) || (isRecord(unknown) && (kind === 'object' || kind === 'map'))) {
    const v = isRecord(value) ? value : {};
    const u = isRecord(unknown) ? unknown : {};
    const out: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(v), ...Object.keys(u)])) {
      const s = typedShape(v[k] ?? null, u[k] ?? false, sub(k), elemType(k));
      if (s !== false) out[k] = s;
    }
    for (const p of marked) if (p.length === 1 && typeof p[0] === 'string' && !(p[0] in out)) out[p[0]] = true;
    return out;
  }
  return false;
}
