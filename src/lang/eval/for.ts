import type { Type } from '../model.js';
import type { Node } from '../parser/ast.js';
import { convertValue, ConversionError } from '../values/convert.js';
import { isListType, isMapType, isObjectType, isSetType, isTupleType } from '../values/types.js';
import { DYN_UNKNOWN, UNK, sortedMap, str, withMark, type V } from '../values/value.js';
import { evalNode, fail, ownLocals, type Ctx } from './context.js';

/** The (key, value) pairs a `for` iterates over, or undefined when the collection is unknown. */
export function iterate(ctx: Ctx, at: { s: number; e: number }, coll: V): [V, V][] | undefined {
  const t = coll.t;
  if (coll.v === null) fail(ctx, at, 'Iteration over null value', 'A null value cannot be used as the collection in a \'for\' expression.');
  const iterable = isListType(t) || isSetType(t) || isTupleType(t) || isMapType(t) || isObjectType(t) || t === 'dynamic';
  if (!iterable) fail(ctx, at, 'Iteration over non-iterable value', `A value of type ${typeof t === 'string' ? t : t[0]} cannot be used as the collection in a 'for' expression.`);
  if (coll.v === UNK) return undefined;
  if (coll.v instanceof Map) return [...coll.v].map(([k, v]) => [str(k), v]);
  const items = coll.v as V[];
  if (isSetType(t)) return items.map((v) => [v, v]);
  return items.map((v, i) => [{ t: 'number', v: i }, v]);
}

function condition(ctx: Ctx, n: Node, v: V): boolean | undefined {
  if (v.v === null) fail(ctx, n, 'Condition is null', 'The value of the \'if\' clause must not be null.');
  try {
    const b = convertValue(v, 'bool');
    return b.v === UNK ? undefined : (b.v as boolean);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    return fail(ctx, n, 'Invalid \'for\' condition', 'The value of the \'if\' clause must be a bool.');
  }
}

/** Evaluates a `for` expression (tuple or object form, with `if` and grouping `...`). */
export function forExpr(ctx: Ctx, n: Extract<Node, { k: 'for' }>): V {
  const coll = evalNode(n.coll, ctx);
  const pairs = iterate(ctx, n.coll, coll);
  const marked = !!coll.s;
  if (!pairs) return withMark(DYN_UNKNOWN, marked);
  const L = ownLocals(ctx);
  const savedK = n.keyVar !== undefined ? L.get(n.keyVar) : undefined;
  const savedV = L.get(n.valVar);
  let unknown = false;
  try {
    if (!n.keyExpr) {
      const out: V[] = [];
      for (const [k, v] of pairs) {
        if (n.keyVar !== undefined) L.set(n.keyVar, k);
        L.set(n.valVar, v);
        if (n.cond) {
          const c = condition(ctx, n.cond, evalNode(n.cond, ctx));
          if (c === undefined) unknown = true;
          if (!c) continue;
        }
        out.push(evalNode(n.valExpr, ctx));
      }
      return withMark(unknown ? DYN_UNKNOWN : { t: ['tuple', out.map((x) => x.t)], v: out }, marked);
    }
    const groups = new Map<string, V[]>();
    const single = new Map<string, V>();
    for (const [k, v] of pairs) {
      if (n.keyVar !== undefined) L.set(n.keyVar, k);
      L.set(n.valVar, v);
      if (n.cond) {
        const c = condition(ctx, n.cond, evalNode(n.cond, ctx));
        if (c === undefined) unknown = true;
        if (!c) continue;
      }
      const kv = evalNode(n.keyExpr, ctx);
      const val = evalNode(n.valExpr, ctx);
      if (kv.v === null) fail(ctx, n.keyExpr, 'Invalid object key', 'Key expression in \'for\' expression must not produce a null value.');
      let ks: V;
      try {
        ks = convertValue(kv, 'string');
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        return fail(ctx, n.keyExpr, 'Invalid object key', 'The key expression produced an invalid result: string required.');
      }
      if (ks.v === UNK) {
        unknown = true;
        continue;
      }
      const key = ks.v as string;
      if (n.group) {
        const g = groups.get(key);
        if (g) g.push(val);
        else groups.set(key, [val]);
      } else {
        if (single.has(key)) {
          fail(ctx, n.keyExpr, 'Duplicate object key', `Two different items produced the key ${ks.s ? '(sensitive value)' : `"${key}"`} in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`);
        }
        single.set(key, val);
      }
    }
    if (unknown) return withMark(DYN_UNKNOWN, marked);
    const m = n.group
      ? sortedMap([...groups].map(([k, vs]) => [k, { t: ['tuple', vs.map((x) => x.t)] as Type, v: vs }]))
      : sortedMap(single);
    const ty: Record<string, Type> = {};
    for (const [k, x] of m) ty[k] = x.t;
    return withMark({ t: ['object', ty], v: m }, marked);
  } finally {
    if (n.keyVar !== undefined) {
      if (savedK === undefined) L.delete(n.keyVar);
      else L.set(n.keyVar, savedK);
    }
    if (savedV === undefined) L.delete(n.valVar);
    else L.set(n.valVar, savedV);
  }
}
