import type { Path } from '../model.js';

/**
 * Selects attribute paths while walking a value: replace paths (`# forces replacement`) and relevant
 * attributes (which drift to show). `always` matches everything.
 */
export type Matcher = { readonly always: true } | { readonly always?: false; readonly paths: readonly Path[]; readonly propagate: boolean };

/** A matcher that matches every path. */
export const ALWAYS: Matcher = { always: true };

/** A matcher for `paths`; with `propagate`, a matched path also matches everything beneath it. */
export function pathMatcher(paths: readonly Path[] = [], propagate = false): Matcher {
  return { paths, propagate };
}

/** True when the walk has reached the end of one of the paths. */
export function matches(m: Matcher): boolean {
  return m.always === true || m.paths.some((p) => p.length === 0);
}

/** True when the current position lies on one of the paths (not necessarily at its end). */
export function matchesPartial(m: Matcher): boolean {
  return m.always === true || m.paths.length > 0;
}

/** The matcher for a child (attribute name, map key or list index). */
export function childMatcher(m: Matcher, step: string | number): Matcher {
  if (m.always === true) return m;
  const paths: Path[] = [];
  for (const p of m.paths) {
    if (p.length === 0) {
      if (m.propagate) paths.push(p);
      continue;
    }
    const head = p[0];
    if (head === step || (typeof step === 'number' && typeof head === 'string' && head === String(step)) || (typeof step === 'string' && typeof head === 'number' && String(head) === step)) {
      paths.push(p.slice(1));
    }
  }
  return { paths, propagate: m.propagate };
}

/**
 * One value's planned change, as the renderer walks it: before/after plain JSON, whether each side
 * was explicitly present (a key present with null vs. absent), and the unknown and sensitive shapes
 * at this position (`true` for "all of it", nested objects/arrays for parts).
 */
export interface Change {
  readonly before: unknown;
  readonly after: unknown;
  readonly beforeExplicit: boolean;
  readonly afterExplicit: boolean;
  readonly unknown: unknown;
  readonly beforeSensitive: unknown;
  readonly afterSensitive: unknown;
  readonly replace: Matcher;
  readonly relevant: Matcher;
  /** Set for schemas the legacy SDK could not express; otherwise empty strings count as null. */
  readonly nonLegacy: boolean;
}

/** Builds a top-level change. */
export function makeChange(p: Partial<Change> & { before: unknown; after: unknown }): Change {
  return {
    beforeExplicit: false,
    afterExplicit: false,
    unknown: false,
    beforeSensitive: false,
    afterSensitive: false,
    replace: pathMatcher(),
    relevant: ALWAYS,
    nonLegacy: false,
    ...p,
  };
}

/** True when the whole value is unknown. */
export const isUnknown = (c: Change): boolean => c.unknown === true;
/** True when the whole before value is sensitive. */
export const isBeforeSensitive = (c: Change): boolean => c.beforeSensitive === true;
/** True when the whole after value is sensitive. */
export const isAfterSensitive = (c: Change): boolean => c.afterSensitive === true;

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function asArray(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** The change of one attribute or map key (both the before/after maps and the shapes are followed). */
export function mapChild(c: Change, key: string): Change {
  const b = asRecord(c.before);
  const a = asRecord(c.after);
  const get = (r: Record<string, unknown> | undefined) => (r && Object.prototype.hasOwnProperty.call(r, key) ? r[key] : undefined);
  const has = (r: Record<string, unknown> | undefined) => r !== undefined && Object.prototype.hasOwnProperty.call(r, key);
  return {
    before: get(b) ?? null,
    after: get(a) ?? null,
    beforeExplicit: has(b),
    afterExplicit: has(a),
    unknown: get(asRecord(c.unknown)) ?? false,
    beforeSensitive: get(asRecord(c.beforeSensitive)) ?? false,
    afterSensitive: get(asRecord(c.afterSensitive)) ?? false,
    replace: childMatcher(c.replace, key),
    relevant: childMatcher(c.relevant, key),
    nonLegacy: c.nonLegacy,
  };
}

/** Every key of an object/map change: from before, after, and the unknown and sensitive shapes. */
export function allKeys(c: Change): string[] {
  const keys = new Set<string>();
  for (const v of [c.before, c.after, c.unknown, c.afterSensitive, c.beforeSensitive]) {
    const r = asRecord(v);
    if (r) for (const k of Object.keys(r)) keys.add(k);
  }
  return [...keys];
}

/** The keys present in before or after only. */
export function explicitKeys(c: Change): string[] {
  const keys = new Set<string>();
  for (const v of [c.before, c.after]) {
    const r = asRecord(v);
    if (r) for (const k of Object.keys(r)) keys.add(k);
  }
  return [...keys];
}

/** The before and after of a list/set/tuple change as arrays (undefined when not an array). */
export function sliceOf(c: Change): { before: unknown[] | undefined; after: unknown[] | undefined } {
  return { before: asArray(c.before), after: asArray(c.after) };
}

/** The change of the pair of elements `before[b]`/`after[a]` (an out-of-range index means absent). */
export function sliceChild(c: Change, b: number, a: number): Change {
  const pick = (v: unknown, i: number) => {
    const arr = asArray(v);
    return arr && i >= 0 && i < arr.length ? { v: arr[i], ok: true } : { v: null, ok: false };
  };
  const bv = pick(c.before, b);
  const av = pick(c.after, a);
  const beforeLen = asArray(c.before)?.length ?? 0;
  const idx = b < 0 || b >= beforeLen ? a : b;
  return {
    before: bv.v ?? null,
    after: av.v ?? null,
    beforeExplicit: bv.ok,
    afterExplicit: av.ok,
    unknown: pick(c.unknown, a).v ?? false,
    beforeSensitive: pick(c.beforeSensitive, b).v ?? false,
    afterSensitive: pick(c.afterSensitive, a).v ?? false,
    replace: childMatcher(c.replace, idx),
    relevant: childMatcher(c.relevant, idx),
    nonLegacy: false,
  };
}

/** The same change seen as "nothing changes": after := before. */
export function asNoOp(c: Change): Change {
  return { ...c, after: c.before, afterExplicit: c.beforeExplicit, unknown: false, afterSensitive: c.beforeSensitive, nonLegacy: false };
}

/** The same change seen as a deletion: after := absent. */
export function asDelete(c: Change): Change {
  return { ...c, after: null, afterExplicit: false, unknown: null, afterSensitive: null, nonLegacy: false };
}

/** The same change seen as a creation: before := absent. */
export function asCreate(c: Change): Change {
  return { ...c, before: null, beforeExplicit: false, beforeSensitive: null, nonLegacy: false };
}

/**
 * The default action for a collection before looking at its elements: create when only after
 * exists, delete when only before exists, otherwise no-op (children decide).
 */
export function defaultAction(c: Change): 'create' | 'delete' | 'noop' {
  if (c.before === null && c.after === null) return 'noop';
  if (c.before === null) return 'create';
  if (c.after === null) return 'delete';
  return 'noop';
}
