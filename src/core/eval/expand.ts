import { error, type Diagnostic, type SourceRange } from '../../diag/index.js';
import type { Expression } from '../../lang/index.js';
import { containsSensitive, entries, isKnown, isNull, isWhollyKnown, toJSON, typeOf, type Value } from '../../lang/index.js';
import type { Expansion, Extras, ModuleInstance, World } from './world.js';
import type { InstanceKey } from '../../addrs/index.js';
import type { Resource } from '../../config/model.js';

/**
 * Evaluates `count` or `for_each` of a resource or module call into an expansion. Unknown, negative,
 * fractional, null or sensitive values and `for_each` over anything but a map or a set of strings are
 * errors with Terraform's summaries (`Invalid count argument`, `Invalid for_each argument`).
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
    const v = r.value;
    const bad = (detail: string) => {
      diags.push(error('Invalid count argument', detail, { subject: count.range, address }));
      return { value: { mode: 'unknown' } as Expansion, diagnostics: diags };
    };
    if (!isKnown(v)) return bad('The "count" value depends on resource attributes that cannot be determined until apply, so minitf cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the count depends on.');
    if (isNull(v)) return bad('The given "count" argument value is null. An integer is required.');
    if (containsSensitive(v)) return bad('The given "count" value is derived from a sensitive value, so minitf cannot safely use it to decide how many instances to create.');
    const n = toJSON(v);
    if (typeof n !== 'number' || !Number.isInteger(n)) return bad('The given "count" argument value is unsuitable: a whole number is required.');
    if (n < 0) return bad('The given "count" argument value is unsuitable: must be greater than or equal to zero.');
    return { value: { mode: 'count', keys: Array.from({ length: n }, (_, i) => i) }, diagnostics: diags };
  }
  if (forEach) {
    const r = world.evaluate(forEach, mi);
    diags.push(...r.diagnostics);
    if (r.diagnostics.some((d) => d.severity === 'error')) return { value: { mode: 'unknown' }, diagnostics: diags };
    const v = r.value;
    const bad = (detail: string) => {
      diags.push(error('Invalid for_each argument', detail, { subject: forEach.range, address }));
      return { value: { mode: 'unknown' } as Expansion, diagnostics: diags };
    };
    if (!isKnown(v)) return bad('The "for_each" map includes keys derived from resource attributes that cannot be determined until apply, and so minitf cannot determine the full set of keys that will identify the instances of this resource. Use a map whose keys are defined in the configuration, or apply the resources the keys depend on first with -target.');
    if (isNull(v)) return bad('The given "for_each" argument value is unsuitable: the given "for_each" argument value is null. A map, or set of strings is allowed.');
    if (containsSensitive(v)) return bad('Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.');
    const t = typeOf(v);
    const kind = typeof t === 'string' ? t : t[0];
    if (kind === 'set') {
      const items = entries(v);
      const keys: string[] = [];
      const values = new Map<string, Value>();
      for (const [, item] of items) {
        if (!isWhollyKnown(item)) return bad('The "for_each" set includes values derived from resource attributes that cannot be determined until apply, and so minitf cannot determine the full set of keys that will identify the instances of this resource.');
        const s = toJSON(item);
        if (typeof s !== 'string') return bad(`The given "for_each" argument value is unsuitable: "for_each" supports maps and sets of strings, but you have provided a set containing type ${describe(typeOf(item))}.`);
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
    return bad(`The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${describe(t)}.`);
  }
  void range;
  return { value: { mode: 'single' }, diagnostics: diags };
}

function describe(t: ReturnType<typeof typeOf>): string {
  return typeof t === 'string' ? t : t[0];
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
