import { error, type Diagnostic } from '../../diag/index.js';
import type { Body } from '../../config/model.js';
import type { BlockSchema } from '../../schema/index.js';
import { convert, decodeTyped, entries, fromJSON, isKnown, nullValue, objectOf, tupleOf, unknown, type Type, type Value } from '../../lang/index.js';
import { blockType } from '../schema-types.js';
import type { Extras, ModuleInstance, World } from './world.js';

/**
 * Evaluates a block body into an object value shaped by its schema: every schema attribute (null
 * when unset, converted to its type), nested blocks as lists (or one object for `single` nesting),
 * `dynamic` blocks expanded. Without a schema, the configured attributes alone.
 */
export function evaluateBody(world: World, mi: ModuleInstance, body: Body, schema: Pick<BlockSchema, 'attributes' | 'blocks'> | undefined, extras: Extras, address?: string): { value: Value; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const out: Record<string, Value> = {};
  if (!schema) {
    for (const [name, a] of Object.entries(body.attributes)) {
      const r = world.evaluate(a.expr, mi, extras);
      diags.push(...r.diagnostics);
      out[name] = r.value;
    }
    return { value: objectOf(out), diagnostics: diags };
  }
  for (const [name, as] of Object.entries(schema.attributes)) {
    const a = body.attributes[name];
    if (!a) {
      out[name] = as.default !== undefined ? decodeTyped(as.default, as.type) : nullValue(as.type);
      continue;
    }
    const r = world.evaluate(a.expr, mi, extras);
    diags.push(...r.diagnostics.map((d) => (address && !d.address ? { ...d, address } : d)));
    if (r.diagnostics.some((d) => d.severity === 'error')) {
      out[name] = unknown(as.type);
      continue;
    }
    const c = convert(r.value, as.type);
    if (c.diagnostics.some((d) => d.severity === 'error')) {
      const why = c.diagnostics.find((d) => d.severity === 'error')?.detail ?? '';
      diags.push(error('Incorrect attribute value type', `Inappropriate value for attribute "${name}": ${why || `${typeName(as.type)} required.`}`, { subject: a.range, ...(address ? { address } : {}) }));
      out[name] = unknown(as.type);
      continue;
    }
    out[name] = c.value;
  }
  for (const [name, bs] of Object.entries(schema.blocks)) {
    const items: Value[] = [];
    for (const b of body.blocks) {
      if (b.type !== name) continue;
      const r = evaluateBody(world, mi, b.body, bs, extras, address);
      diags.push(...r.diagnostics);
      items.push(r.value);
    }
    for (const d of body.dynamic) {
      if (d.type !== name) continue;
      const fe = world.evaluate(d.forEach, mi, extras);
      diags.push(...fe.diagnostics);
      if (!isKnown(fe.value)) {
        items.push(unknown(blockType(bs)));
        continue;
      }
      for (const [k, v] of entries(fe.value)) {
        const it = objectOf({ key: typeof k === 'number' ? numberValue(k) : stringValue(k), value: v });
        const sub: Extras = { ...extras, symbols: { ...(extras.symbols ?? {}), [d.iterator]: it } };
        const r = evaluateBody(world, mi, d.content, bs, sub, address);
        diags.push(...r.diagnostics);
        items.push(r.value);
      }
    }
    if (bs.nesting === 'single') out[name] = items[0] ?? nullValue(blockType(bs));
    else out[name] = tupleToList(items, blockType(bs));
  }
  return { value: objectOf(out), diagnostics: diags };
}

function tupleToList(items: Value[], elem: Type): Value {
  const c = convert(tupleOf(items), ['list', elem]);
  return c.diagnostics.length ? tupleOf(items) : c.value;
}

function typeName(t: Type): string {
  if (typeof t === 'string') return t === 'dynamic' ? 'any value' : `${t}`;
  return `${t[0]}`;
}

function numberValue(n: number): Value {
  return fromJSON(n);
}
function stringValue(s: string): Value {
  return fromJSON(s);
}
