import type { Type } from '../model.js';
import { makeSet } from './equality.js';
import { numText, parseNum } from './number.js';
import {
  elementType,
  isCollectionType,
  isObjectType,
  isPrimitiveType,
  isTupleType,
  typeEquals,
  typeFriendlyName,
} from './types.js';
import { UNK, nullOf, str, num, bool, unknownOf, type V } from './value.js';

/** A failed conversion: the message says what was required (`a number is required`), the path where. */
export class ConversionError extends Error {
  constructor(
    message: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(message);
  }
}

const fail = (msg: string, path: readonly (string | number)[]): never => {
  throw new ConversionError(msg, path);
};

const required = (want: Type): string => {
  if (want === 'string' || want === 'number' || want === 'bool') return `${want === 'bool' ? 'bool' : want} required`;
  if (isObjectType(want)) return 'object required';
  if (isTupleType(want)) return 'tuple required';
  return `${typeFriendlyName(want)} required`;
};

/** True when a value of type `from` can (in principle) be converted to `to`. */
export function canConvertType(from: Type, to: Type): boolean {
  if (to === 'dynamic' || from === 'dynamic' || typeEquals(from, to)) return true;
  if (isPrimitiveType(from) && isPrimitiveType(to)) return to === 'string' || from === 'string';
  if (typeof from === 'string' || typeof to === 'string') return false;
  const fseq = from[0] === 'list' || from[0] === 'set' || from[0] === 'tuple';
  const fmap = from[0] === 'map' || from[0] === 'object';
  if (to[0] === 'list' || to[0] === 'set') {
    if (!fseq) return false;
    if (from[0] === 'tuple') return from[1].every((t) => canConvertType(t, to[1]));
    return canConvertType(elementType(from), to[1]);
  }
  if (to[0] === 'map') {
    if (!fmap) return false;
    if (from[0] === 'object') return Object.values(from[1]).every((t) => canConvertType(t, to[1]));
    return canConvertType(elementType(from), to[1]);
  }
  if (to[0] === 'tuple') return fseq && (from[0] !== 'tuple' || from[1].length === to[1].length);
  if (to[0] === 'object') return fmap;
  return false;
}

/**
 * Converts a value to a type with HCL's rules (string↔number↔bool, tuple→list/set, object→map,
 * list↔set, collections→structural types, `dynamic` element types unified). Throws ConversionError.
 */
export function convertValue(v: V, want: Type, path: (string | number)[] = []): V {
  if (want === 'dynamic' || v.t === want) return v;
  if (typeof want !== 'string' && typeEquals(v.t, want)) return v;
  const out = convertInner(v, want, path);
  return v.s && !out.s ? { t: out.t, v: out.v, s: true } : out;
}

function convertInner(v: V, want: Type, path: (string | number)[]): V {
  const mark = identity;
  if (v.v === null) {
    if (!canConvertType(v.t, want)) fail(required(want), path);
    return mark(nullOf(want));
  }
  if (v.v === UNK) {
    if (!canConvertType(v.t, want)) fail(required(want), path);
    return mark(unknownOf(want));
  }
  if (isPrimitiveType(want)) return mark(convertPrimitive(v, want, path));
  if (typeof want === 'string') return fail(required(want), path);
  const r = v.v;
  switch (want[0]) {
    case 'list':
    case 'set': {
      if (!Array.isArray(r)) return fail(required(want), path);
      let ety = want[1];
      if (ety === 'dynamic' || (isCollectionType(ety) || isObjectType(ety) || isTupleType(ety))) {
        if (ety === 'dynamic') {
          const u = unifyTypes(r.map((x) => x.t));
          if (u === undefined) fail('all list elements must have the same type', path);
          ety = u!;
        }
      }
      const items = r.map((x, i) => convertValue(x, ety, [...path, i]));
      return mark(want[0] === 'list' ? { t: ['list', ety], v: items } : makeSet(ety, items));
    }
    case 'map': {
      if (!(r instanceof Map)) return fail(required(want), path);
      let ety = want[1];
      if (ety === 'dynamic') {
        const u = unifyTypes([...r.values()].map((x) => x.t));
        if (u === undefined) fail('all map elements must have the same type', path);
        ety = u!;
      }
      const m = new Map<string, V>();
      for (const [k, x] of r) m.set(k, convertValue(x, ety, [...path, k]));
      return mark({ t: ['map', ety], v: m });
    }
    case 'tuple': {
      if (!Array.isArray(r)) return fail(required(want), path);
      if (r.length !== want[1].length) fail(`tuple required with ${want[1].length} elements`, path);
      const items = r.map((x, i) => convertValue(x, want[1][i]!, [...path, i]));
      return mark({ t: ['tuple', items.map((x) => x.t)], v: items });
    }
    case 'object': {
      if (!(r instanceof Map)) return fail(required(want), path);
      const optional = (want as readonly unknown[])[2] as readonly string[] | undefined;
      const m = new Map<string, V>();
      const ty: Record<string, Type> = {};
      for (const k of Object.keys(want[1]).sort()) {
        const x = r.get(k);
        const at = want[1][k]!;
        if (x === undefined) {
          if (!optional?.includes(k)) fail(`attribute "${k}" is required`, path);
          m.set(k, nullOf(at));
          ty[k] = at;
          continue;
        }
        const c = convertValue(x, at, [...path, k]);
        m.set(k, c);
        ty[k] = c.t;
      }
      return mark({ t: ['object', ty], v: m });
    }
  }
  return fail(required(want), path);
}

function convertPrimitive(v: V, want: Type, path: (string | number)[]): V {
  const r = v.v;
  if (want === 'string') {
    if (v.t === 'number') return str(numText(r as never));
    if (v.t === 'bool') return str(r ? 'true' : 'false');
    return fail('string required', path);
  }
  if (want === 'number') {
    if (v.t === 'string') {
      const n = parseNum(r as string);
      if (n === undefined) fail(`a number is required`, path);
      return num(n!);
    }
    return fail('number required', path);
  }
  if (v.t === 'string') {
    if (r === 'true' || r === '1') return bool(true);
    if (r === 'false' || r === '0') return bool(false);
    return fail('a bool is required', path);
  }
  return fail('bool required', path);
}

function identity(x: V): V {
  return x;
}

const PRIMITIVE_PREF: readonly Type[] = ['string', 'number', 'bool'];

/**
 * cty's unification: the single type all of `types` convert to, or undefined. `dynamic` entries are
 * ignored; structural types unify element-wise, mixed objects/maps unify as maps and tuples/lists as lists.
 */
export function unifyTypes(types: readonly Type[]): Type | undefined {
  const ts = types.filter((t) => t !== 'dynamic');
  if (ts.length === 0) return 'dynamic';
  const first = ts[0]!;
  if (ts.every((t) => typeEquals(t, first))) return first;
  const count = (k: string): number => ts.filter((t) => typeof t !== 'string' && t[0] === k).length;
  const maps = count('map');
  const lists = count('list');
  const sets = count('set');
  const objects = count('object');
  const tuples = count('tuple');
  const n = ts.length;
  const elems = (t: Type): Type[] =>
    isTupleType(t) ? [...t[1]] : isObjectType(t) ? Object.values(t[1]) : [elementType(t)];
  const coll = (kind: 'list' | 'set' | 'map'): Type | undefined => {
    const e = unifyTypes(ts.flatMap(elems));
    return e === undefined ? undefined : ([kind, e] as Type);
  };
  if (maps > 0 && maps + objects === n) return coll('map');
  if (lists > 0 && lists + tuples === n) return coll('list');
  if (sets > 0 && sets + tuples === n) return coll('set');
  if (objects === n) {
    const keys = Object.keys((first as readonly ['object', Record<string, Type>])[1]).sort().join('\0');
    const same = ts.every((t) => Object.keys((t as readonly ['object', Record<string, Type>])[1]).sort().join('\0') === keys);
    if (!same) return coll('map');
    const out: Record<string, Type> = {};
    for (const k of Object.keys((first as readonly ['object', Record<string, Type>])[1])) {
      const u = unifyTypes(ts.map((t) => (t as readonly ['object', Record<string, Type>])[1][k]!));
      if (u === undefined) return undefined;
      out[k] = u;
    }
    return ['object', out];
  }
  if (tuples === n) {
    const len = (first as readonly ['tuple', Type[]])[1].length;
    if (!ts.every((t) => (t as readonly ['tuple', Type[]])[1].length === len)) return coll('list');
    const out: Type[] = [];
    for (let i = 0; i < len; i++) {
      const u = unifyTypes(ts.map((t) => (t as readonly ['tuple', Type[]])[1][i]!));
      if (u === undefined) return undefined;
      out.push(u);
    }
    return ['tuple', out];
  }
  if (objects > 0 && tuples > 0) return undefined;
  for (const want of PRIMITIVE_PREF) {
    if (!ts.some((t) => t === want)) continue;
    if (ts.every((t) => t === want || (isPrimitiveType(t) && canConvertType(t, want)))) return want;
  }
  return undefined;
}

/** Converts values to their unified type; undefined when they do not unify. */
export function unifyValues(vals: readonly V[]): { type: Type; values: V[] } | undefined {
  const t = unifyTypes(vals.map((v) => v.t));
  if (t === undefined) return undefined;
  try {
    return { type: t, values: vals.map((v) => convertValue(v, t)) };
  } catch (e) {
    if (e instanceof ConversionError) return undefined;
    throw e;
  }
}

