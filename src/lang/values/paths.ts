import type { Path } from '../model.js';
import { UNK, withMark, type V } from './value.js';

/** The part of a value at a path (attribute names and indexes), or undefined when absent. */
export function valueAt(v: V, path: Path): V | undefined {
  let cur: V | undefined = v;
  for (const step of path) {
    if (!cur) return undefined;
    const r: V['v'] = cur.v;
    if (r === null || r === UNK) return undefined;
    if (Array.isArray(r)) cur = typeof step === 'number' ? r[step] : r[Number(step)];
    else if (r instanceof Map) cur = r.get(String(step));
    else return undefined;
  }
  return cur;
}

/** Returns the value with the parts at the given paths marked sensitive (absent paths are ignored). */
export function markAt(v: V, paths: readonly Path[]): V {
  let out = v;
  for (const p of paths) out = markOne(out, p, 0);
  return out;
}

function markOne(v: V, path: Path, i: number): V {
  if (i === path.length) return withMark(v);
  const r = v.v;
  const step = path[i]!;
  if (Array.isArray(r)) {
    const idx = typeof step === 'number' ? step : Number(step);
    if (!(idx >= 0 && idx < r.length)) return v;
    const items = r.slice();
    items[idx] = markOne(r[idx]!, path, i + 1);
    return { t: v.t, v: items, ...(v.s ? { s: true } : {}) };
  }
  if (r instanceof Map) {
    const k = String(step);
    const x = r.get(k);
    if (!x) return v;
    const m = new Map(r);
    m.set(k, markOne(x, path, i + 1));
    return { t: v.t, v: m, ...(v.s ? { s: true } : {}) };
  }
  return v;
}
