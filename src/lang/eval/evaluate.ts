import { error, type Result } from '../../diag/index.js';
import type { Expression, Scope, Value } from '../model.js';
import type { Node } from '../parser/ast.js';
import { compiled } from '../parser/api.js';
import { callFunction } from '../functions/call.js';
import { convertValue, ConversionError, unifyTypes } from '../values/convert.js';
import { rawEquals } from '../values/equality.js';
import { typeFriendlyName } from '../values/types.js';
import { DYN_UNKNOWN, NULL, O, UNK, object, sortedMap, unknownOf, withMark, type V } from '../values/value.js';
import { EMPTY_LOCALS, EvalError, fail, setEvaluator, type Ctx } from './context.js';
import { forExpr } from './for.js';
import { template } from './template.js';
import { binary, unary } from './operators.js';
import { getAttr, index, splat, stepKeyText } from './traversal.js';
import { allValues, subjectValues } from './describe.js';
import { nameSuggestion, type ExpressionValue } from '../../diag/index.js';

const UNDECLARED: Record<string, [string, string]> = {
  var: ['Reference to undeclared input variable', 'An input variable with the name "%s" has not been declared. This variable can be declared with a variable "%s" {} block.'],
  local: ['Reference to undeclared local value', 'A local value with the name "%s" has not been declared.'],
  module: ['Reference to undeclared module', 'No module call named "%s" is declared in the root module.'],
  data: ['Reference to undeclared resource', 'A data resource "%s" has not been declared in the root module.'],
  path: ['Invalid "path" attribute', 'The "path" object does not have an attribute named "%s". The supported attributes are path.cwd, path.module, and path.root.'],
  terraform: ['Invalid "terraform" attribute', 'The "terraform" object does not have an attribute named "%s". The only supported attribute is terraform.workspace.'],
  count: ['Invalid "count" attribute', 'The "count" object does not have an attribute named "%s". The only supported attribute is count.index.'],
  each: ['Invalid "each" attribute', 'The "each" object does not have an attribute named "%s". The supported attributes are each.key and each.value.'],
};

const NO_ROOT: Record<string, [string, string]> = {
  count: ['Reference to "count" in non-counted context', 'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.'],
  each: ['Reference to "each" in context without for_each', 'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" argument is set.'],
  self: ['Invalid "self" reference', 'The "self" object is not available in this context. This object can be used only in resource provisioner, connection, and postcondition blocks.'],
};

function scopeTraversal(ctx: Ctx, n: Extract<Node, { k: 'scope' }>): V {
  let v = ctx.locals.size ? ctx.locals.get(n.root) : undefined;
  let i = 0;
  if (v === undefined) {
    const root = ctx.scope.get(n.root);
    if (root === undefined) {
      const special = NO_ROOT[n.root];
      if (special) fail(ctx, n, special[0], special[1]);
      if (n.steps.length === 0) fail(ctx, n, 'Invalid reference', `A reference to a resource type must be followed by at least one attribute access, specifying the resource name.`);
      const s0 = n.steps[0]!;
      const name = s0.t === 'a' ? s0.name : stepKeyText(s0.key);
      const u = UNDECLARED[n.root];
      if (u) fail(ctx, n, u[0], u[1].replaceAll('%s', name));
      fail(ctx, n, 'Reference to undeclared resource', `A managed resource "${n.root}" "${name}" has not been declared in the root module.`);
    }
    v = root as unknown as V;
    const s0 = n.steps[0];
    if (s0 && s0.t === 'a' && v.v instanceof Map && !v.v.has(s0.name)) {
      const [summary, detail] = UNDECLARED[n.root] ?? ['Reference to undeclared resource', `A managed resource "${n.root}" "%s" has not been declared in the root module.`];
      // Terraform's suggestion among the names in scope (for a variable, instead of the hint to declare it).
      const like = n.root === 'var' || n.root === 'local' || n.root === 'module' ? nameSuggestion(s0.name, ctx.scope.declared?.(n.root) ?? (v.v as Map<string, V>).keys()) : undefined;
      const text = like && n.root === 'var' ? detail.replace(/ This variable can be declared .*$/, '') : detail;
      fail(ctx, { s: n.s, e: s0.e }, summary, text.replaceAll('%s', s0.name) + (like ? ` Did you mean "${like}"?` : ''));
    }
  }
  for (; i < n.steps.length; i++) {
    const st = n.steps[i]!;
    const at = { s: n.s, e: st.e };
    v = st.t === 'a' ? getAttr(ctx, at, v, st.name) : index(ctx, at, v, st.key);
  }
  return v;
}

function objectCons(ctx: Ctx, n: Extract<Node, { k: 'object' }>): V {
  const m = new Map<string, V>();
  let unknown = false;
  let marked = false;
  let sorted = true;
  let last = '';
  for (const it of n.items) {
    let key: string;
    if (it.ident && it.key.k === 'scope') key = it.key.root;
    else {
      const kv = evalNode(it.key, ctx);
      if (kv.v === null) fail(ctx, it.key, 'Null value as key', 'Can\'t use a null value as a key.');
      let ks: V;
      try {
        ks = convertValue(kv, 'string');
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        return fail(ctx, it.key, 'Incorrect key type', `Can't use this value as a key: string required.`);
      }
      if (ks.s) marked = true;
      if (ks.v === UNK) {
        unknown = true;
        evalNode(it.val, ctx);
        continue;
      }
      key = ks.v as string;
    }
    if (m.size && key <= last) sorted = false;
    last = key;
    m.set(key, evalNode(it.val, ctx));
  }
  if (unknown) return withMark(DYN_UNKNOWN, marked);
  const out = object(sorted ? m : sortedMap(m));
  return marked ? withMark(out) : out;
}

function branch(x: Node, ctx: Ctx): V | EvalError {
  try {
    return evalNode(x, ctx);
  } catch (e) {
    if (e instanceof EvalError) return e;
    throw e;
  }
}

function conditional(ctx: Ctx, n: Extract<Node, { k: 'cond' }>): V {
  const c = evalNode(n.c, ctx);
  const t = branch(n.t, ctx);
  const f = branch(n.f, ctx);
  if (c.v === null) fail(ctx, n.c, 'Null condition', 'The condition value is null. Conditions must either be true or false.');
  let b: V;
  try {
    b = convertValue(c, 'bool');
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    return fail(ctx, n.c, 'Incorrect condition type', `The condition expression must be of type bool.`);
  }
  const pick = b.v === UNK ? undefined : (b.v as boolean);
  if (pick === true && t instanceof EvalError) throw t;
  if (pick === false && f instanceof EvalError) throw f;
  if (pick === undefined) {
    if (t instanceof EvalError) throw t;
    if (f instanceof EvalError) throw f;
  }
  const tv = t instanceof EvalError ? undefined : t;
  const fv = f instanceof EvalError ? undefined : f;
  let rt: V['t'] | undefined;
  if (tv && fv) {
    if (rawEquals(tv, NULL)) rt = fv.t;
    else if (rawEquals(fv, NULL)) rt = tv.t;
    else if (tv.t === 'dynamic' || fv.t === 'dynamic') rt = 'dynamic';
    else rt = unifyTypes([tv.t, fv.t]);
    if (rt === undefined) {
      fail(ctx, n, 'Inconsistent conditional result types', `The true and false result expressions must have consistent types. The 'true' value is ${typeFriendlyName(tv.t)}, but the 'false' value is ${typeFriendlyName(fv.t)}.`);
    }
  } else rt = (tv ?? fv)!.t;
  const marked = c.s;
  let out: V;
  if (pick === undefined) out = unknownOf(rt!);
  else {
    const chosen = (pick ? tv : fv)!;
    try {
      out = convertValue(chosen, rt!);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      return fail(ctx, pick ? n.t : n.f, 'Inconsistent conditional result types', `The ${pick} result value has the wrong type: ${e.message}.`);
    }
  }
  return marked ? withMark(out) : out;
}

/** Evaluates one syntax node. */
export function evalNode(n: Node, ctx: Ctx): V {
  switch (n.k) {
    case 'lit':
      return n.val;
    case 'scope':
      return scopeTraversal(ctx, n);
    case 'tmpl':
      return template(ctx, n.parts);
    case 'attr':
      return getAttr(ctx, n, evalNode(n.obj, ctx), n.name);
    case 'index': {
      const obj = evalNode(n.obj, ctx);
      return index(ctx, n, obj, evalNode(n.key, ctx));
    }
    case 'splat': {
      const src = evalNode(n.src, ctx);
      return splat(ctx, n, src, (item) => {
        ctx.anon = item;
        return evalNode(n.each, ctx);
      });
    }
    case 'anon':
      return ctx.anon ?? NULL;
    case 'tuple': {
      const items = n.items.map((x) => evalNode(x, ctx));
      return { t: ['tuple', items.map((x) => x.t)], v: items };
    }
    case 'object':
      return objectCons(ctx, n);
    case 'call':
      return callFunction(ctx, n);
    case 'cond':
      return conditional(ctx, n);
    case 'bin': {
      const l = evalNode(n.l, ctx);
      return binary(ctx, n, l, evalNode(n.r, ctx));
    }
    case 'not':
    case 'neg':
      return unary(ctx, n, evalNode(n.x, ctx));
    case 'paren':
      return evalNode(n.x, ctx);
    case 'for':
      return forExpr(ctx, n);
    case 'src': {
      const saved = ctx.src;
      ctx.src = n.src;
      try {
        return evalNode(n.x, ctx);
      } finally {
        ctx.src = saved;
      }
    }
    case 'tif':
    case 'tfor':
      return template(ctx, [n]);
  }
}
setEvaluator(evalNode);

/** Evaluates an expression in a scope. The value is meaningful unless the diagnostics hold an error. */
export function evaluate(expr: Expression, scope: Scope): Result<Value> {
  const c = compiled(expr);
  const ctx: Ctx = { scope, src: c.src, locals: EMPTY_LOCALS, anon: undefined };
  try {
    return { value: O(evalNode(c.node, ctx)), diagnostics: [] };
  } catch (e) {
    if (e instanceof EvalError) {
      const values = subjectValues(c.node, c.src, e, scope);
      const d = values.length ? { ...e.diag, values } : e.diag;
      return { value: O(unknownOf('dynamic')), diagnostics: [d] };
    }
    // An expression nested deeper than the JS stack allows is the user's input, not a bug.
    if (e instanceof RangeError && /call stack size/i.test(e.message)) {
      return { value: O(unknownOf('dynamic')), diagnostics: [error('Expression too deeply nested', 'This expression nests operators, calls or collections too deeply for minitf to evaluate. Split it into smaller parts, for example with local values.', { subject: expr.range })] };
    }
    throw e;
  }
}

/** The values of the references in an expression, for the lines under a failed condition (see `allValues`). */
export function expressionValues(expr: Expression, scope: Scope, causedByUnknown = false): ExpressionValue[] {
  const c = compiled(expr);
  return allValues(c.node, c.src, scope, causedByUnknown);
}
