import { InvalidParameter, MissingParameter, InvalidTagCount, InvalidTagKeyMalformed, InvalidTagValueMalformed } from './errors.js';

/** One tag as the model keeps it (insertion order preserved). */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/**
 * The parameters of one API call (query plus form body, signing fields removed), with typed getters
 * that throw the cloud's parameter errors. Lists use the wire's 1-based flattening: `Tag.1.Key`,
 * `SecurityGroupIds.2`.
 */
export class Params {
  private readonly map: Map<string, string>;
  constructor(pairs: Iterable<readonly [string, string]>) {
    this.map = new Map(pairs);
  }
  /** All parameters, sorted by name (used to compare ClientToken repeats). */
  entries(): [string, string][] {
    return [...this.map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  /** Whether `name` was sent. */
  has(name: string): boolean {
    return this.map.has(name);
  }
  /** The raw value, or undefined when absent. */
  str(name: string): string | undefined {
    return this.map.get(name);
  }
  /** A value that must be present and non-empty (else `MissingParameter`). */
  required(name: string): string {
    const v = this.map.get(name);
    if (v === undefined || v === '') throw new MissingParameter(name);
    return v;
  }
  /** `true`/`false` (any case); absent → `dflt`; anything else → `InvalidParameter`. */
  bool(name: string, dflt = false): boolean {
    const v = this.map.get(name);
    if (v === undefined || v === '') return dflt;
    const l = v.toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
    throw new InvalidParameter(name, 'It must be true or false.');
  }
  /** An integer in [min, max]; absent → `dflt`; else `InvalidParameter`. */
  int(name: string, dflt: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.map.get(name);
    if (v === undefined || v === '') return dflt;
    if (!/^-?\d+$/.test(v)) throw new InvalidParameter(name, 'It must be an integer.');
    const n = Number(v);
    if (n < min || n > max) throw new InvalidParameter(name, `It must be between ${min} and ${max}.`);
    return n;
  }
  /** Values of `prefix.1`, `prefix.2`, … ordered by N (gaps allowed). */
  list(prefix: string): string[] {
    const re = new RegExp(`^${escapeRe(prefix)}\\.(\\d+)$`);
    const items: [number, string][] = [];
    for (const [k, v] of this.map) {
      const m = re.exec(k);
      if (m) items.push([Number(m[1]), v]);
    }
    return items.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
  /** Objects of `prefix.N.Field` ordered by N: `{ Key: 'a', Value: 'b' }`. */
  objects(prefix: string): Record<string, string>[] {
    const re = new RegExp(`^${escapeRe(prefix)}\\.(\\d+)\\.(.+)$`);
    const byN = new Map<number, Record<string, string>>();
    for (const [k, v] of this.map) {
      const m = re.exec(k);
      if (!m) continue;
      const n = Number(m[1]);
      const o = byN.get(n) ?? {};
      o[m[2] as string] = v;
      byN.set(n, o);
    }
    return [...byN.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o);
  }
  /** A comma-separated list (`ImageId=m-1,m-2`), trimmed, empties dropped. */
  commaList(name: string): string[] | undefined {
    const v = this.map.get(name);
    if (v === undefined || v.trim() === '') return undefined;
    return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  /** A JSON array of strings sent as one string (`InstanceIds='["i-1"]'`); malformed → `InvalidParameter`. */
  jsonList(name: string): string[] | undefined {
    const v = this.map.get(name);
    if (v === undefined || v.trim() === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw new InvalidParameter(name, 'It must be a JSON array of strings.');
    }
    if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== 'string')) throw new InvalidParameter(name, 'It must be a JSON array of strings.');
    return parsed as string[];
  }
  /**
   * Tags from `Tag.N.Key` / `Tag.N.Value`, checked: at most 20, keys 1–128 characters without a system
   * prefix, values ≤ 128 characters. A repeated key keeps the last value.
   */
  tags(prefix = 'Tag'): Tag[] {
    const raw = this.objects(prefix);
    if (raw.length > 20) throw new InvalidTagCount();
    const out = new Map<string, string>();
    for (const t of raw) {
      const key = t['Key'];
      if (key === undefined || key === '') {
        if (t['Value'] === undefined || t['Value'] === '') continue;
        throw new InvalidTagKeyMalformed('');
      }
      checkTag(key, t['Value'] ?? '');
      out.set(key, t['Value'] ?? '');
    }
    return [...out].map(([key, value]) => ({ key, value }));
  }
}

/** Tag keys with these prefixes belong to the system: users cannot set or remove them. */
export const SYSTEM_TAG_PREFIXES: readonly string[] = ['aliyun', 'acs:', 'http://', 'https://'];

/** Whether a tag key is a system key. */
export function isSystemTagKey(key: string): boolean {
  const l = key.toLowerCase();
  return SYSTEM_TAG_PREFIXES.some((p) => l.startsWith(p));
}

/** Validates one user tag (key 1–128, no system prefix; value ≤ 128, no `http(s)://` prefix). */
export function checkTag(key: string, value: string): void {
  if (key.length < 1 || key.length > 128 || isSystemTagKey(key)) throw new InvalidTagKeyMalformed(key);
  if (value.length > 128 || /^https?:\/\//i.test(value)) throw new InvalidTagValueMalformed(key);
}

/** Merges `add` into `tags` (same key → new value), enforcing the 20-tag limit on user keys. */
export function mergeTags(tags: readonly Tag[], add: readonly Tag[]): Tag[] {
  const m = new Map(tags.map((t) => [t.key, t.value]));
  for (const t of add) m.set(t.key, t.value);
  const userCount = [...m.keys()].filter((k) => !isSystemTagKey(k)).length;
  if (userCount > 20) throw new InvalidTagCount();
  return [...m].map(([key, value]) => ({ key, value }));
}

/** Whether `tags` match every filter (`Tag.N.Key` with an optional `Tag.N.Value`). */
export function matchesTagFilters(tags: readonly Tag[], filters: readonly Record<string, string>[]): boolean {
  return filters.every((f) => {
    const key = f['Key'];
    if (key === undefined || key === '') return true;
    const t = tags.find((x) => x.key === key);
    if (!t) return false;
    return f['Value'] === undefined || f['Value'] === t.value;
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
