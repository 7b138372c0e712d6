import type { Path, Type } from '../model.js';
import { convertValue } from './convert.js';
import { makeSet } from './equality.js';
import { fromDouble, numText, toDouble, type Num } from './number.js';
import { isListType, isMapType, isObjectType, isSetType, isTupleType } from './types.js';
import { DYN_UNKNOWN, NULL, UNK, bool, nullOf, num, str, unknownOf, type V } from './value.js';

/** Infers a value from JSON: objects are objects, arrays tuples, null a dynamic null; `unknownAs` marks unknowns. */
export function inferJSON(j: unknown, unknownAs?: unknown): V {
  if (j === null || j === undefined) return NULL;
  if (unknownAs !== undefined && j === unknownAs) return DYN_UNKNOWN;
  switch (typeof j) {
    case 'string':
      return str(j);
    case 'number':
      return num(fromDouble(j));
    case 'boolean':
      return bool(j);
    case 'bigint':
      return num(fromDouble(Number(j)));
  }
  if (Array.isArray(j)) {
    const items = j.map((x) => inferJSON(x, unknownAs));
    return { t: ['tuple', items.map((x) => x.t)], v: items };
  }
  const keys = Object.keys(j as object).sort();
  const m = new Map<string, V>();
  const ty: Record<string, Type> = {};
  for (const k of keys) {
    const x = inferJSON((j as Record<string, unknown>)[k], unknownAs);
    m.set(k, x);
    ty[k] = x.t;
  }
  return { t: ['object', ty], v: m };
}

/** Builds a value of a type from JSON (`dynamic` positions are inferred; `unknownAs` marks unknowns). */
export function typedJSON(j: unknown, t: Type, unknownAs?: unknown): V {
  if (t === 'dynamic') return inferJSON(j, unknownAs);
  if (j === null || j === undefined) return nullOf(t);
  return convertValue(inferJSON(j, unknownAs), t);
}

/** The number as JSON: a JS number (the nearest double). */
const numJSON = (n: Num): number => toDouble(n);

/** The plain JSON of a value; unknown leaves become `unknownAs` (null by default) and marks are dropped. */
export function plainJSON(v: V, unknownAs: unknown = null): unknown {
  const r = v.v;
  if (r === UNK) return unknownAs;
  if (r === null) return null;
  if (typeof r === 'string' || typeof r === 'boolean') return r;
  if (Array.isArray(r)) return r.map((x) => plainJSON(x, unknownAs));
  if (r instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of r) o[k] = plainJSON(x, unknownAs);
    return o;
  }
  return numJSON(r);
}

/** cty's JSON encoding under a type: `dynamic` positions become `{ "value": …, "type": … }`. */
export function encodeTypedJSON(v: V, t: Type): unknown {
  if (t === 'dynamic') {
    if (v.v === null || v.t === 'dynamic') return v.v === null ? null : plainJSON(v);
    return { value: encodeTypedJSON(v, v.t), type: v.t };
  }
  const r = v.v;
  if (r === null || r === UNK) return null;
  if (typeof t === 'string') return plainJSON(v);
  const items = Array.isArray(r) ? r : undefined;
  switch (t[0]) {
    case 'list':
    case 'set':
      return (items ?? []).map((x) => encodeTypedJSON(x, t[1]));
    case 'tuple':
      return (items ?? []).map((x, i) => encodeTypedJSON(x, t[1][i] ?? 'dynamic'));
    case 'map':
    case 'object': {
      const o: Record<string, unknown> = {};
      if (r instanceof Map) {
        for (const [k, x] of r) o[k] = encodeTypedJSON(x, t[0] === 'map' ? t[1] : (t[1][k] ?? 'dynamic'));
      }
      return o;
    }
  }
  return plainJSON(v);
}

/** Inverse of encodeTypedJSON. */
export function decodeTypedJSON(j: unknown, t: Type): V {
  if (t === 'dynamic') {
    if (j === null || j === undefined) return NULL;
    const w = j as { value?: unknown; type?: Type };
    if (typeof w === 'object' && 'type' in w) return decodeTypedJSON(w.value ?? null, w.type as Type);
    return inferJSON(j);
  }
  if (j === null || j === undefined) return nullOf(t);
  if (typeof t === 'string') return convertValue(inferJSON(j), t);
  switch (t[0]) {
    case 'list':
      return { t, v: (j as unknown[]).map((x) => decodeTypedJSON(x, t[1])) };
    case 'set':
      return makeSet(t[1], (j as unknown[]).map((x) => decodeTypedJSON(x, t[1])));
    case 'tuple': {
      const items = (j as unknown[]).map((x, i) => decodeTypedJSON(x, t[1][i] ?? 'dynamic'));
      return { t: ['tuple', items.map((x) => x.t)], v: items };
    }
    case 'map': {
      const m = new Map<string, V>();
      for (const k of Object.keys(j as object).sort()) m.set(k, decodeTypedJSON((j as Record<string, unknown>)[k], t[1]));
      return { t, v: m };
    }
    case 'object': {
      const m = new Map<string, V>();
      const ty: Record<string, Type> = {};
      for (const k of Object.keys(t[1]).sort()) {
        const x = decodeTypedJSON((j as Record<string, unknown>)[k] ?? null, t[1][k]!);
        m.set(k, x);
        ty[k] = x.t;
      }
      return { t: ['object', ty], v: m };
    }
  }
  return inferJSON(j);
}

/** Terraform's plan-JSON shape of a value: `true` where `leaf` holds, arrays keep `false`, objects omit it. */
export function shapeJSON(v: V, leaf: (x: V) => boolean): unknown {
  if (leaf(v)) return true;
  const r = v.v;
  if (r === null || typeof r !== 'object' || !(Array.isArray(r) || r instanceof Map)) return false;
  if (Array.isArray(r)) return r.map((x) => shapeJSON(x, leaf));
  const o: Record<string, unknown> = {};
  for (const [k, x] of r) {
    const s = shapeJSON(x, leaf);
    if (s !== false) o[k] = s;
  }
  return o;
}

/** Rebuilds a value from plan JSON: unknown where the unknown shape is true, marks where the sensitive shape is. */
export function fromPlanShapes(value: unknown, unknownShape: unknown, sensitiveShape: unknown, t?: Type): V {
  const go = (j: unknown, us: unknown, ss: unknown, ty: Type): V => {
    let out: V;
    if (us === true) out = unknownOf(ty);
    else if (j === null || j === undefined) out = nullOf(ty);
    else if (Array.isArray(j)) {
      const ets = (i: number): Type =>
        isListType(ty) || isSetType(ty) ? ty[1] : isTupleType(ty) ? (ty[1][i] ?? 'dynamic') : 'dynamic';
      const items = j.map((x, i) => go(x, Array.isArray(us) ? us[i] : false, Array.isArray(ss) ? ss[i] : false, ets(i)));
      if (isListType(ty)) out = { t: ty, v: items };
      else if (isSetType(ty)) out = makeSet(ty[1], items);
      else out = { t: ['tuple', items.map((x) => x.t)], v: items };
    } else if (typeof j === 'object') {
      const o = j as Record<string, unknown>;
      const uo = (us && typeof us === 'object' ? us : {}) as Record<string, unknown>;
      const so = (ss && typeof ss === 'object' ? ss : {}) as Record<string, unknown>;
      const keys = isObjectType(ty) ? Object.keys(ty[1]).sort() : Object.keys(o).sort();
      const m = new Map<string, V>();
      const et: Record<string, Type> = {};
      for (const k of keys) {
        const at = isMapType(ty) ? ty[1] : isObjectType(ty) ? ty[1][k]! : 'dynamic';
        const x = go(o[k] ?? null, uo[k] ?? false, so[k] ?? false, at);
        m.set(k, x);
        et[k] = x.t;
      }
      out = isMapType(ty) ? { t: ty, v: m } : { t: ['object', et], v: m };
    } else out = ty === 'dynamic' ? inferJSON(j) : convertValue(inferJSON(j), ty);
    return ss === true ? { t: out.t, v: out.v, s: true } : out;
  };
  return go(value, unknownShape, sensitiveShape, t ?? 'dynamic');
}

/** Paths of the parts where `pred` holds (the empty path for the whole value). */
export function pathsWhere(v: V, pred: (x: V) => boolean): Path[] {
  const out: Path[] = [];
  const walk = (x: V, path: (string | number)[]): void => {
    if (pred(x)) {
      out.push([...path]);
      return;
    }
    const r = x.v;
    if (Array.isArray(r)) r.forEach((c, i) => walk(c, [...path, i]));
    else if (r instanceof Map) for (const [k, c] of r) walk(c, [...path, k]);
  };
  walk(v, []);
  return out;
}

const ESC: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** A JSON string literal escaped as Go's encoding/json writes it. */
export function jsonString(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/["\\\n\r\t\b\f<>&\u2028\u2029\u0000-\u001f]/g, (c) => ESC[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** jsonencode's text for a wholly known value (object keys sorted, exact numbers). */
export function jsonText(v: V): string {
  const r = v.v;
  if (r === null || r === UNK) return 'null';
  if (typeof r === 'string') return jsonString(r);
  if (typeof r === 'boolean') return r ? 'true' : 'false';
  if (Array.isArray(r)) return `[${r.map(jsonText).join(',')}]`;
  if (r instanceof Map) return `{${[...r].map(([k, x]) => `${jsonString(k)}:${jsonText(x)}`).join(',')}}`;
  return numText(r);
}
