import { error, type Diagnostic, type SourceRange } from '../../diag/index.js';
import type { Expression } from '../../lang/index.js';
import { containsSensitive, convert, entries, isKnown, isNull, isWhollyKnown, toJSON, typeFriendlyName, typeOf, type Type, type Value } from '../../lang/index.js';
import type { Expansion, Extras, ModuleInstance, World } from './world.js';
import type { InstanceKey } from '../../addrs/index.js';
import type { Resource } from '../../config/model.js';

/** The largest `count` minitf expands (the most elements an array can hold). */
const MAX_COUNT = 2 ** 32 - 1;

/**
 * Evaluates `count` or `for_each` of a resource or module call into an expansion, as Terraform does:
 * `count` is converted to a number (`"2"` is 2; sensitive values are allowed), and must be known, not
 * null, whole and not negative; `for_each` must be a known, non-sensitive map, object or set of
 * strings without nulls. Problems are errors with Terraform's summaries and details (`Invalid count
 * argument`, `Incorrect value type`, `Invalid for_each argument`, `Invalid for_each set argument`).
 */
export function expand(world: World, mi: ModuleInstance, count: Expression | undefined, forEach: Expression | undefined, range: SourceRange, address: string): { value: Expansion; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  if (count && forEach) {
    diags.push(error('Invalid combination of "count" and "for_each"', 'The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.', { subject: count.range }));
    return { value: { mode: 'unknown' }, diagnostics: diags };
  }
  if (count) {
    const r = world.evaluate(count, mi);
    diags.push(...r.diagnostics);
    if (r.diagnostics.some((d) => d.severity === 'error')) return { value: { mode: 'unknown' }, diagnostics: diags };
    const bad = (detail: string, summary = 'Invalid count argument') => {
      diags.push(error(summary, detail, { subject: count.range, address }));
      return { value: { mode: 'unknown' } as Expansion, diagnostics: diags };
    };
    if (!isKnown(r.value)) return bad('The "count" value depends on resource attributes that cannot be determined until apply, so minitf cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the count depends on.');
    const c = convert(r.value, 'number');
    if (c.diagnostics.length) return bad(`Invalid expression value: ${(c.diagnostics[0]!.detail ?? '').replace(/^Incorrect value type: /, '')}`, 'Incorrect value type');
    if (isNull(c.value)) return bad('The given "count" argument value is null. An integer is required.');
    const n = toJSON(c.value);
    if (typeof n !== 'number' || !Number.isInteger(n) || Math.abs(n) >= 2 ** 63) return bad('The given "count" argument value is unsuitable: value must be a whole number, between -9223372036854775808 and 9223372036854775807.');
    if (n < 0) return bad('The given "count" argument value is unsuitable: must be greater than or equal to zero.');
    if (n > MAX_COUNT) return bad(`The given "count" argument value is unsuitable: minitf can make at most ${MAX_COUNT} instances of one resource.`);
    return { value: { mode: 'count', keys: Array.from({ length: n }, (_, i) => i) }, diagnostics: diags };
  }
  if (forEach) {
    const r = world.evaluate(forEach, mi);
    diags.push(...r.diagnostics);
    if (r.diagnostics.some((d) => d.severity === 'error')) return { value: { mode: 'unknown' }, diagnostics: diags };
    const v = r.value;
    const bad = (detail: string, summary = 'Invalid for_each argument') => {
      diags.push(error(summary, detail, { subject: forEach.range, address }));
      return { value: { mode: 'unknown' } as Expansion, diagnostics: diags };
    };
    if (!isKnown(v)) return bad('The "for_each" map includes keys derived from resource attributes that cannot be determined until apply, and so minitf cannot determine the full set of keys that will identify the instances of this resource. Use a map whose keys are defined in the configuration, or apply the resources the keys depend on first with -target.');
    if (isNull(v)) return bad('The given "for_each" argument value is unsuitable: the given "for_each" argument value is null. A map, or set of strings is allowed.');
    if (containsSensitive(v)) return bad('Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.');
    const t = typeOf(v);
    const kind = typeof t === 'string' ? t : t[0];
    if (kind === 'set' && typeof t !== 'string') {
      const items = entries(v);
      if (!items.length) return { value: { mode: 'for_each', keys: [], values: new Map() }, diagnostics: diags };
      if (!isWhollyKnown(v)) return bad('The "for_each" set includes values derived from resource attributes that cannot be determined until apply, and so minitf cannot determine the full set of keys that will identify the instances of this resource.');
      if (t[1] !== 'string') return bad(`The given "for_each" argument value is unsuitable: "for_each" supports maps and sets of strings, but you have provided a set containing type ${typeFriendlyName(t[1] as Type)}.`, 'Invalid for_each set argument');
      const keys: string[] = [];
      const values = new Map<string, Value>();
      for (const [, item] of items) {
        const s = toJSON(item);
        if (typeof s !== 'string') return bad('The given "for_each" argument value is unsuitable: "for_each" sets must not contain null values.', 'Invalid for_each set argument');
        keys.push(s);
        values.set(s, item);
      }
      return { value: { mode: 'for_each', keys, values }, diagnostics: diags };
    }
    if (kind === 'map' || kind === 'object') {
      const keys: string[] = [];
      const values = new Map<string, Value>();
      for (const [k, item] of entries(v)) {
        keys.push(String(k));
        values.set(String(k), item);
      }
      keys.sort();
      return { value: { mode: 'for_each', keys, values }, diagnostics: diags };
    }
    return bad(`The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${typeFriendlyName(t)}.`);
  }
  void range;
  return { value: { mode: 'single' }, diagnostics: diags };
}

/**
 * Expands a resource in one module instance: evaluates its `count`/`for_each` (diagnostics go to
 * `diagnostics`) and records the expansion in the world, where references to the resource read it.
 */
export function expandResource(world: World, mi: ModuleInstance, r: Resource, address: string, diagnostics: Diagnostic[]): Expansion {
  const ex = expand(world, mi, r.count, r.forEach, r.range, address);
  diagnostics.push(...ex.diagnostics);
  world.setExpansion(mi, r, ex.value);
  return ex.value;
}

/** The instances of an expansion: each key with the `count.index` / `each.*` symbols it brings. */
export function instancesOf(e: Expansion): { readonly key: InstanceKey; readonly extras: Extras }[] {
  if (e.mode === 'count') return e.keys.map((k) => ({ key: k, extras: { countIndex: k } }));
  if (e.mode === 'for_each') return e.keys.map((k) => ({ key: k, extras: { eachKey: k, eachValue: e.values.get(k)! } }));
  return e.mode === 'single' ? [{ key: undefined, extras: {} }] : [];
}
