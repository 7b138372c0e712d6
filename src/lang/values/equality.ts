import type { Type } from '../model.js';
import { cmp, numEq, numText, type Num } from './number.js';
import { typeEquals } from './types.js';
import { UNK, strCmp, type V } from './value.js';

/** True when two values are identical: same type, same payload, same marks (unknowns equal unknowns). */
export function rawEquals(a: V, b: V): boolean {
  if (a === b) return true;
  if (!!a.s !== !!b.s || !typeEquals(a.t, b.t)) return false;
  return sameRaw(a, b, true);
}

function sameRaw(a: V, b: V, raw: boolean): boolean {
  const x = a.v;
  const y = b.v;
  if (x === UNK || y === UNK) return raw && x === y;
  if (x === null || y === null) return x === y;
  if (typeof x === 'string' || typeof x === 'boolean') return x === y;
  if (Array.isArray(x)) {
    const ys = y as V[];
    if (x.length !== ys.length) return false;
    for (let i = 0; i < x.length; i++) if (!(raw ? rawEquals(x[i]!, ys[i]!) : valueEq(x[i]!, ys[i]!) === true)) return false;
    return true;
  }
  if (x instanceof Map) {
    const ym = y as Map<string, V>;
    if (x.size !== ym.size) return false;
    for (const [k, xv] of x) {
      const yv = ym.get(k);
      if (!yv || !(raw ? rawEquals(xv, yv) : valueEq(xv, yv) === true)) return false;
    }
    return true;
  }
  return numEq(x as Num, y as Num);
}

/**
 * HCL's `==`: true/false, or undefined when the answer depends on unknown values. Values of different
 * types are never equal (except null to null).
 */
export function valueEq(a: V, b: V): boolean | undefined {
  const x = a.v;
  const y = b.v;
  if (x === null || y === null) {
    if (x === UNK || y === UNK) return undefined;
    return x === y;
  }
  if (x === UNK || y === UNK) return undefined;
  if (!typeEquals(a.t, b.t)) return false;
  if (Array.isArray(x) || x instanceof Map) {
    let unknown = false;
    if (Array.isArray(x)) {
      const ys = y as V[];
      if (x.length !== ys.length) return false;
      for (let i = 0; i < x.length; i++) {
        const r = valueEq(x[i]!, ys[i]!);
        if (r === false) return false;
        if (r === undefined) unknown = true;
      }
    } else {
      const ym = y as Map<string, V>;
      if (x.size !== ym.size) return false;
      for (const [k, xv] of x) {
        const yv = ym.get(k);
        if (!yv) return false;
        const r = valueEq(xv, yv);
        if (r === false) return false;
        if (r === undefined) unknown = true;
      }
    }
    return unknown ? undefined : true;
  }
  return sameRaw(a, b, false);
}

/** A total order used for set elements: known before unknown, then by type-specific order. */
export function setOrder(a: V, b: V): number {
  const x = a.v;
  const y = b.v;
  if (x === UNK || y === UNK) return x === y ? 0 : x === UNK ? 1 : -1;
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (typeof x === 'string' && typeof y === 'string') return strCmp(x, y);
  if (typeof x === 'boolean' && typeof y === 'boolean') return x === y ? 0 : x ? 1 : -1;
  if (a.t === 'number' && b.t === 'number') return cmp(x as Num, y as Num);
  return strCmp(sortKey(a), sortKey(b));
}

function sortKey(v: V): string {
  const r = v.v;
  if (r === null) return 'null';
  if (r === UNK) return '?';
  if (typeof r === 'string') return JSON.stringify(r);
  if (typeof r === 'boolean') return String(r);
  if (Array.isArray(r)) return `[${r.map(sortKey).join(',')}]`;
  if (r instanceof Map) return `{${[...r].map(([k, x]) => `${JSON.stringify(k)}:${sortKey(x)}`).join(',')}}`;
  return numText(r);
}

/** Builds a set value: elements sorted and de-duplicated (elements must already have the element type). */
export function makeSet(ety: Type, items: V[]): V {
  const sorted = [...items].sort(setOrder);
  const out: V[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && x.v !== UNK && rawEqualsIgnoringMarks(last, x)) {
      if (x.s && !last.s) out[out.length - 1] = x;
      continue;
    }
    out.push(x);
  }
  return { t: ['set', ety], v: out };
}

function rawEqualsIgnoringMarks(a: V, b: V): boolean {
  return typeEquals(a.t, b.t) && sameRaw(a, b, true);
}
