import type { Type } from '../model.js';
import type { Node } from '../parser/ast.js';
import { convertValue, ConversionError } from '../values/convert.js';
import { numText, toSafeInt, type Num } from '../values/number.js';
import { elementType, isListType, isMapType, isObjectType, isSetType, isTupleType, typeFriendlyName } from '../values/types.js';
import { DYN_UNKNOWN, UNK, childType, unknownOf, withMark, type V } from '../values/value.js';
import { fail, type Ctx } from './context.js';

const mark = (x: V, on: boolean | undefined): V => (on ? withMark(x) : x);

/** `v.name`: object attributes and map elements. */
export function getAttr(ctx: Ctx, at: { s: number; e: number }, v: V, name: string): V {
  const t = v.t;
  const r = v.v;
  if (r instanceof Map) {
    const x = r.get(name);
    if (x !== undefined) return v.s ? withMark(x) : x;
  }
  if (r === null) fail(ctx, at, 'Attempt to get attribute from null value', 'This value is null, so it does not have any attributes.');
  if (isObjectType(t)) {
    const at2 = t[1][name];
    if (at2 === undefined) fail(ctx, at, 'Unsupported attribute', `This object does not have an attribute named "${name}".`);
    if (v.v === UNK) return mark(unknownOf(at2), v.s);
    return mark((v.v as Map<string, V>).get(name)!, v.s);
  }
  if (isMapType(t)) {
    if (v.v === UNK) return mark(unknownOf(t[1]), v.s);
    const x = (v.v as Map<string, V>).get(name);
    if (x === undefined) fail(ctx, at, 'Missing map element', `This map does not have an element with the key "${name}".`);
    return mark(x, v.s);
  }
  if (t === 'dynamic') return mark(DYN_UNKNOWN, v.s);
  if ((isListType(t) || isSetType(t)) && isObjectType(elementType(t))) {
    fail(ctx, at, 'Unsupported attribute', `Can't access attributes on a ${typeFriendlyName(t).replace(/ of object$/, ' of objects')}. Did you mean to access an attribute for a specific element of the ${t[0]}, or across all elements of the ${t[0]}?`);
  }
  if (isListType(t) || isSetType(t) || isTupleType(t)) fail(ctx, at, 'Unsupported attribute', 'This value does not have any attributes.');
  return fail(ctx, at, 'Unsupported attribute', `Can't access attributes on a primitive-typed value (${typeFriendlyName(t)}).`);
}

const NOT_FOUND = 'The given key does not identify an element in this collection value.';

/** `v[key]`: sequence positions and map/object keys. */
export function index(ctx: Ctx, at: { s: number; e: number }, v: V, key: V): V {
  const t = v.t;
  const marked = v.s || key.s;
  if (v.v === null) fail(ctx, at, 'Attempt to index null value', 'This value is null, so it does not have any indices.');
  if (key.v === null) fail(ctx, at, 'Invalid index', 'Can\'t use a null value as an indexing key.');
  if (isSetType(t)) {
    fail(ctx, at, 'Invalid index', 'Elements of a set are identified only by their value and don\'t have any separate index or key to select with, so it\'s only possible to perform operations across all elements of the set.');
  }
  if (isListType(t) || isTupleType(t)) {
    let k: V;
    try {
      k = convertValue(key, 'number');
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      return fail(ctx, at, 'Invalid index', 'The given key does not identify an element in this collection value: a number is required.');
    }
    if (k.v === UNK || v.v === UNK) return mark(unknownOf(isListType(t) ? t[1] : 'dynamic'), marked);
    const i = toSafeInt(k.v as Num);
    if (i === undefined) fail(ctx, at, 'Invalid index', 'The given key does not identify an element in this collection value: indexes must be whole numbers.');
    if (i! < 0) fail(ctx, at, 'Invalid index', `${NOT_FOUND.slice(0, -1)}: a negative number is not a valid index for a sequence.`);
    const items = v.v as V[];
    if (i! >= items.length) fail(ctx, at, 'Invalid index', NOT_FOUND);
    return mark(items[i!]!, marked);
  }
  if (isMapType(t) || isObjectType(t)) {
    let k: V;
    try {
      k = convertValue(key, 'string');
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      return fail(ctx, at, 'Invalid index', 'The given key does not identify an element in this collection value: a string is required.');
    }
    if (k.v === UNK) return mark(unknownOf(isMapType(t) ? t[1] : 'dynamic'), marked);
    const name = k.v as string;
    if (isObjectType(t) && t[1][name] === undefined) fail(ctx, at, 'Invalid index', NOT_FOUND);
    if (v.v === UNK) return mark(unknownOf(childType(t, name)), marked);
    const x = (v.v as Map<string, V>).get(name);
    if (x === undefined) fail(ctx, at, 'Invalid index', NOT_FOUND);
    return mark(x, marked);
  }
  if (t === 'dynamic') return mark(DYN_UNKNOWN, marked);
  return fail(ctx, at, 'Invalid index', 'This value does not have any indices.');
}

/** Applies a static traversal step key (`.0`, `["k"]`) through index(). */
export function stepKeyText(k: V): string {
  return typeof k.v === 'string' ? k.v : numText(k.v as Num);
}

/** `src[*].each`: applies `each` to every element (a non-collection is a one-element tuple, null none). */
export function splat(ctx: Ctx, n: Extract<Node, { k: 'splat' }>, src: V, apply: (item: V) => V): V {
  const t = src.t;
  const saved = ctx.anon;
  try {
    if (src.v === null) return mark({ t: ['tuple', []], v: [] }, src.s);
    if (src.v === UNK) {
      if (isListType(t) || isSetType(t)) {
        const et = applyType(apply, elementType(t));
        return mark(unknownOf(['list', et] as Type), src.s);
      }
      return mark(DYN_UNKNOWN, src.s);
    }
    if (isListType(t) || isSetType(t)) {
      const out = (src.v as V[]).map(apply);
      const et = out.length ? out[0]!.t : applyType(apply, elementType(t));
      return mark({ t: ['list', et], v: out }, src.s);
    }
    if (isTupleType(t)) {
      const out = (src.v as V[]).map(apply);
      return mark({ t: ['tuple', out.map((x) => x.t)], v: out }, src.s);
    }
    const one = apply(src);
    return { t: ['tuple', [one.t]], v: [one] };
  } finally {
    ctx.anon = saved;
    void n;
  }
}

function applyType(apply: (item: V) => V, et: Type): Type {
  try {
    return apply(unknownOf(et)).t;
  } catch {
    return 'dynamic';
  }
}
