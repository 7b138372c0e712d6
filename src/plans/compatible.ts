import { containsSensitive, entries, equals, getPath, goString, isKnown, isNull, nullValue, typeOf, type Path, type Value } from '../lang/index.js';

/** One way a value differs from what was planned for it: where, and Terraform's text for it. */
export interface Inconsistency {
  readonly path: Path;
  /** `.input: was cty.StringVal("a"), but now cty.StringVal("b")`, as Terraform's objchange writes it. */
  readonly message: string;
}

/** One step of a path as Terraform's tfdiags.FormatCtyPath writes it: `.name` for attributes, `["k"]`/`[0]` for keys. */
const step = (k: string | number, attr: boolean): string => (attr ? `.${k}` : typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`);

const kindOf = (v: Value): 'primitive' | 'seq' | 'map' | 'object' | 'set' => {
  const t = typeOf(v);
  if (typeof t === 'string') return 'primitive';
  if (t[0] === 'set') return 'set';
  if (t[0] === 'list' || t[0] === 'tuple') return 'seq';
  return t[0] === 'map' ? 'map' : 'object';
};

/**
 * Terraform's objchange.AssertObjectCompatible for one object value: every part `planned` knew must
 * come out the same in `actual` (unknown parts may become anything). Attributes are checked in name
 * order; a difference in a sensitive attribute (marked in either value, or named in `sensitive`) is
 * reported as `inconsistent values for sensitive attribute`, without its values.
 */
export function objectInconsistencies(planned: Value, actual: Value, sensitive: ReadonlySet<string> = new Set()): Inconsistency[] {
  if (!isKnown(planned)) return [];
  const names = [...new Set([...entries(planned).map(([k]) => String(k)), ...entries(actual).map(([k]) => String(k))])].sort();
  const out: Inconsistency[] = [];
  for (const name of names) {
    const p = getPath(planned, [name]) ?? nullValue();
    const a = getPath(actual, [name]) ?? nullValue();
    const errs = valueInconsistencies(p, a, [name], step(name, true));
    if (!errs.length) continue;
    if (sensitive.has(name) || containsSensitive(p) || containsSensitive(a)) out.push({ path: [name], message: `${step(name, true)}: inconsistent values for sensitive attribute` });
    else out.push(...errs);
  }
  return out;
}

function valueInconsistencies(planned: Value, actual: Value, path: Path, shown: string): Inconsistency[] {
  const at = (message: string, p: Path = path, text = shown): Inconsistency => ({ path: p, message: `${text}: ${message}` });
  if (!isKnown(planned)) return [];
  if (!isKnown(actual)) return [at('was known, but now unknown')];
  if (isNull(actual)) return isNull(planned) ? [] : [at(`was ${goString(planned)}, but now null`)];
  if (isNull(planned)) return [at(`was null, but now ${goString(actual)}`)];
  const kind = kindOf(planned);
  if (kind === 'primitive') return equals(planned, actual) && kindOf(actual) === 'primitive' ? [] : [at(`was ${goString(planned)}, but now ${goString(actual)}`)];
  if (kind === 'set') {
    const pl = entries(planned).length;
    const al = entries(actual).length;
    return pl === al ? [] : [at(`length changed from ${pl} to ${al}`)];
  }
  const errs: Inconsistency[] = [];
  const pe = entries(planned);
  const ae = new Map(entries(actual).map(([k, v]) => [String(k), v]));
  if (kind === 'object') {
    for (const [k, pv] of pe) errs.push(...valueInconsistencies(pv, ae.get(String(k)) ?? nullValue(), [...path, k], shown + step(k, true)));
    return errs;
  }
  for (const [k, pv] of pe) {
    const av = ae.get(String(k));
    if (!av) errs.push(at('element has vanished', [...path, k], shown + step(k, false)));
    else errs.push(...valueInconsistencies(pv, av, [...path, k], shown + step(k, false)));
  }
  const known = new Set(pe.map(([k]) => String(k)));
  for (const [k] of entries(actual)) if (!known.has(String(k))) errs.push(at(`new element ${typeof k === 'number' ? k : JSON.stringify(k)} has appeared`));
  return errs;
}
