import type { Type, Value } from '../model.js';
import type { Num } from './number.js';
import { elementType } from './types.js';

/** The raw payload of an unknown value. */
export const UNK: unique symbol = Symbol('unknown');

/** The payload of a value: null, unknown, a primitive, a sequence (list/set/tuple) or a sorted map. */
export type Raw = null | typeof UNK | string | boolean | Num | V[] | Map<string, V>;

/**
 * The internal shape of a value: its type, its payload and its sensitive mark. Sequences hold elements in
 * order (sets sorted and de-duplicated); maps and objects hold a `Map` whose keys are in sorted order.
 */
export interface V {
  readonly t: Type;
  readonly v: Raw;
  readonly s?: boolean;
}

/** Views a public value as its internal shape. */
export const I = (v: Value): V => v as unknown as V;
/** Views an internal value as the public opaque type. */
export const O = (v: V): Value => v as unknown as Value;

/** A string value. */
export const str = (s: string): V => ({ t: 'string', v: s });
/** A number value. */
export const num = (n: Num): V => ({ t: 'number', v: n });
/** A bool value. */
export const bool = (b: boolean): V => (b ? TRUE : FALSE);
/** true */
export const TRUE: V = { t: 'bool', v: true };
/** false */
export const FALSE: V = { t: 'bool', v: false };
/** The dynamic null (`null` literal). */
export const NULL: V = { t: 'dynamic', v: null };
/** The wholly unknown value of unknown type. */
export const DYN_UNKNOWN: V = { t: 'dynamic', v: UNK };

/** A null value of a type. */
export const nullOf = (t: Type): V => (t === 'dynamic' ? NULL : { t, v: null });
/** An unknown value of a type. */
export const unknownOf = (t: Type): V => (t === 'dynamic' ? DYN_UNKNOWN : { t, v: UNK });

/** Returns the value with the sensitive mark set (or cleared when `on` is false). */
export function withMark(v: V, on = true): V {
  if (!!v.s === on) return v;
  return on ? { t: v.t, v: v.v, s: true } : { t: v.t, v: v.v };
}
/** Removes the top-level mark. */
export const unmark = (v: V): V => (v.s ? { t: v.t, v: v.v } : v);

/** Compares strings in Terraform's (byte-wise UTF-8) order. */
export function strCmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds a Map with keys in sorted order from entries (a Map already in order is returned as is). */
export function sortedMap(entries: Iterable<[string, V]>): Map<string, V> {
  if (entries instanceof Map) {
    let prev: string | undefined;
    let ordered = true;
    for (const k of entries.keys()) {
      if (prev !== undefined && prev > k) {
        ordered = false;
        break;
      }
      prev = k;
    }
    if (ordered) return entries as Map<string, V>;
  }
  const arr = [...entries];
  let sorted = true;
  for (let i = 1; i < arr.length; i++) if (arr[i - 1]![0] > arr[i]![0]) { sorted = false; break; }
  if (!sorted) arr.sort((a, b) => strCmp(a[0], b[0]));
  return new Map(arr);
}

/** A tuple value of the elements. */
export function tuple(items: V[]): V {
  return { t: ['tuple', items.map((x) => x.t)], v: items };
}
/** An object value of the attributes (any key order). */
export function object(attrs: Map<string, V> | Iterable<[string, V]>): V {
  const m = attrs instanceof Map ? attrs : sortedMap(attrs);
  const ty: Record<string, Type> = {};
  for (const [k, x] of m) ty[k] = x.t;
  return { t: ['object', ty], v: m };
}
/** A list value (elements must already have the element type). */
export const list = (ety: Type, items: V[]): V => ({ t: ['list', ety], v: items });
/** A map value (entries must already have the element type; keys sorted here). */
export const map = (ety: Type, entries: Map<string, V> | Iterable<[string, V]>): V => ({
  t: ['map', ety],
  v: entries instanceof Map ? entries : sortedMap(entries),
});

/** True when the value and everything inside it is known. */
export function whollyKnown(v: V): boolean {
  const r = v.v;
  if (r === UNK) return false;
  if (r === null || typeof r !== 'object') return true;
  if (Array.isArray(r)) {
    for (const x of r) if (!whollyKnown(x)) return false;
    return true;
  }
  if (r instanceof Map) {
    for (const x of r.values()) if (!whollyKnown(x)) return false;
  }
  return true;
}

/** True when the value or anything inside it is sensitive. */
export function deepSensitive(v: V): boolean {
  if (v.s) return true;
  const r = v.v;
  if (r === null || typeof r !== 'object') return false;
  if (Array.isArray(r)) {
    for (const x of r) if (deepSensitive(x)) return true;
    return false;
  }
  if (r instanceof Map) for (const x of r.values()) if (deepSensitive(x)) return true;
  return false;
}

/** Removes every mark inside the value. */
export function unmarkDeep(v: V): V {
  if (!deepSensitive(v)) return v;
  const r = v.v;
  if (Array.isArray(r)) return { t: v.t, v: r.map(unmarkDeep) };
  if (r instanceof Map) return { t: v.t, v: new Map([...r].map(([k, x]) => [k, unmarkDeep(x)])) };
  return { t: v.t, v: r };
}

/** The element type for a collection-ish type at a key (tuple position, object attribute, else element). */
export function childType(t: Type, key: string | number): Type {
  if (typeof t === 'string') return 'dynamic';
  if (t[0] === 'tuple') return t[1][key as number] ?? 'dynamic';
  if (t[0] === 'object') return t[1][key as string] ?? 'dynamic';
  return elementType(t);
}
