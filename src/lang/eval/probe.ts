import type { Node } from '../parser/ast.js';
import { toSafeInt, type Num } from '../values/number.js';
import { withMark, type V } from '../values/value.js';
import { evalNode, type Ctx } from './context.js';

/** What `probe` returns when a traversal step finds nothing (the error `try`/`can` would catch). */
export const MISSING: unique symbol = Symbol('missing');

type Step = V | typeof MISSING | undefined;

function softAttr(v: V, name: string): Step {
  const r = v.v;
  if (r === null) return MISSING;
  if (r instanceof Map) {
    const x = r.get(name);
    if (x === undefined) return MISSING;
    return v.s ? withMark(x) : x;
  }
  return undefined;
}

function softIndex(v: V, key: V): Step {
  const r = v.v;
  if (r === null) return MISSING;
  const k = key.v;
  let x: V | undefined;
  if (Array.isArray(r) && key.t === 'number' && typeof v.t !== 'string' && v.t[0] !== 'set') {
    const i = toSafeInt(k as Num);
    if (i === undefined) return undefined;
    x = r[i];
  } else if (r instanceof Map && typeof k === 'string') x = r.get(k);
  else return undefined;
  if (x === undefined) return MISSING;
  return v.s || key.s ? withMark(x) : x;
}

/**
 * Evaluates a node like evalNode, except that a traversal step which finds no attribute, element or
 * key (or meets null) gives MISSING instead of throwing: `try` and `can` test such traversals often,
 * and an exception costs microseconds. Anything unusual is left to evalNode (which throws as usual).
 */
export function probe(n: Node, ctx: Ctx): V | typeof MISSING {
  let v: Step;
  switch (n.k) {
    case 'scope': {
      v = ctx.locals.size ? ctx.locals.get(n.root) : undefined;
      if (v === undefined) {
        const root = ctx.scope.get(n.root) as unknown as V | undefined;
        if (root === undefined || n.steps.length === 0) return evalNode(n, ctx);
        v = root;
        const s0 = n.steps[0]!;
        if (s0.t === 'a' && v.v instanceof Map && !v.v.has(s0.name)) return evalNode(n, ctx);
      }
      for (const st of n.steps) {
        v = st.t === 'a' ? softAttr(v, st.name) : softIndex(v, st.key);
        if (v === MISSING) return MISSING;
        if (v === undefined) return evalNode(n, ctx);
      }
      return v;
    }
    case 'attr': {
      const o = probe(n.obj, ctx);
      if (o === MISSING) return MISSING;
      v = softAttr(o, n.name);
      return v === undefined ? evalNode(n, ctx) : v;
    }
    case 'index': {
      const o = probe(n.obj, ctx);
      if (o === MISSING) return MISSING;
      v = softIndex(o, evalNode(n.key, ctx));
      return v === undefined ? evalNode(n, ctx) : v;
    }
    case 'paren':
      return probe(n.x, ctx);
  }
  return evalNode(n, ctx);
}
