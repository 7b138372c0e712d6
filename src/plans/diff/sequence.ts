import { jsonEqual } from '../text.js';

/**
 * The longest common subsequence of two sequences under deep JSON equality (dynamic programming; the
 * same tie-breaking as Terraform's, so equal-length ambiguities resolve identically).
 */
export function longestCommonSubsequence<T>(xs: readonly T[], ys: readonly T[]): T[] {
  if (xs.length === 0 || ys.length === 0) return [];
  const w = xs.length;
  const c = new Int32Array(xs.length * ys.length);
  const eq = new Uint8Array(xs.length * ys.length);
  for (let y = 0; y < ys.length; y++) {
    for (let x = 0; x < xs.length; x++) {
      const i = w * y + x;
      if (jsonEqual(xs[x], ys[y])) {
        eq[i] = 1;
        c[i] = x === 0 || y === 0 ? 1 : c[w * (y - 1) + (x - 1)]! + 1;
      } else {
        const left = x > 0 ? c[i - 1]! : 0;
        const up = y > 0 ? c[i - w]! : 0;
        c[i] = left > up ? left : up;
      }
    }
  }
  const seq: T[] = new Array(c[c.length - 1]!);
  let x = xs.length - 1;
  let y = ys.length - 1;
  let k = seq.length - 1;
  while (x > -1 && y > -1) {
    const i = w * y + x;
    if (eq[i]) {
      seq[k--] = xs[x]!;
      x--;
      y--;
    } else {
      const left = x > 0 ? c[i - 1]! : 0;
      const up = y > 0 ? c[i - w]! : 0;
      if (left > up) x--;
      else y--;
    }
  }
  return seq;
}

/** True when both sequences have the same length and every `before` item occurs somewhere in `after`. */
function isReorder<T>(before: readonly T[], after: readonly T[]): boolean {
  if (before.length !== after.length) return false;
  return before.every((b) => after.some((a) => jsonEqual(a, b)));
}

/**
 * Walks two sequences the way Terraform's plan renderer pairs list elements, calling `visit(b, a)`
 * with indexes into `before`/`after`; an index equal to the other sequence's length means "absent"
 * (`visit(i, after.length)` is a removal, `visit(before.length, j)` an addition).
 *
 * Equal-length sequences that are not a reordering are compared position by position; otherwise the
 * longest common subsequence is kept and the rest become removals and additions, except that two
 * objects (per `isObject`) facing each other outside the common part are paired as an update.
 */
export function walkSequences<T>(before: readonly T[], after: readonly T[], visit: (b: number, a: number) => void, isObject: (v: T) => boolean): void {
  if (before.length === after.length && !isReorder(before, after)) {
    for (let i = 0; i < before.length; i++) visit(i, i);
    return;
  }
  const lcs = longestCommonSubsequence(before, after);
  let b = 0;
  let a = 0;
  let l = 0;
  while (b < before.length || a < after.length || l < lcs.length) {
    while (b < before.length && (l >= lcs.length || !jsonEqual(before[b], lcs[l]))) {
      const pair = isObject(before[b]!) && a < after.length && isObject(after[a]!) && (l >= lcs.length || !jsonEqual(after[a], lcs[l]));
      if (pair) {
        visit(b++, a++);
        continue;
      }
      visit(b++, after.length);
    }
    while (a < after.length && (l >= lcs.length || !jsonEqual(after[a], lcs[l]))) visit(before.length, a++);
    if (l < lcs.length) {
      visit(b++, a++);
      l++;
    }
  }
}
