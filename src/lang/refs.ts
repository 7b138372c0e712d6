import type { Reference } from './model.js';
import type { Expression } from './model.js';
import type { Node } from './parser/ast.js';
import { Compiled, compiled } from './parser/api.js';
import type { Source } from './parser/source.js';
import type { V } from './values/value.js';

function stepKey(v: V): string | number {
  return typeof v.v === 'string' ? v.v : typeof v.v === 'number' ? v.v : Number(String(v.v));
}

/** Calls `f` for each direct child node (in source order), with the local names the child adds. */
export function children(n: Node, f: (c: Node, locals?: readonly string[]) => void): void {
  switch (n.k) {
    case 'lit':
    case 'scope':
    case 'anon':
      return;
    case 'tmpl':
      n.parts.forEach((c) => f(c));
      return;
    case 'tif':
      f(n.cond);
      n.then.forEach((c) => f(c));
      n.else.forEach((c) => f(c));
      return;
    case 'tfor': {
      f(n.coll);
      const l = n.keyVar !== undefined ? [n.keyVar, n.valVar] : [n.valVar];
      n.body.forEach((c) => f(c, l));
      return;
    }
    case 'attr':
      f(n.obj);
      return;
    case 'index':
      f(n.obj);
      f(n.key);
      return;
    case 'splat':
      f(n.src);
      f(n.each);
      return;
    case 'tuple':
      n.items.forEach((c) => f(c));
      return;
    case 'object':
      for (const it of n.items) {
        if (!it.ident) f(it.key);
        f(it.val);
      }
      return;
    case 'call':
      n.args.forEach((c) => f(c));
      return;
    case 'cond':
      f(n.c);
      f(n.t);
      f(n.f);
      return;
    case 'bin':
      f(n.l);
      f(n.r);
      return;
    case 'not':
    case 'neg':
    case 'paren':
    case 'src':
      f(n.x);
      return;
    case 'for': {
      f(n.coll);
      const l = n.keyVar !== undefined ? [n.keyVar, n.valVar] : [n.valVar];
      if (n.keyExpr) f(n.keyExpr, l);
      f(n.valExpr, l);
      if (n.cond) f(n.cond, l);
      return;
    }
  }
}

/**
 * The static references of an expression (excluding `for` locals and other local symbols), in source
 * order. A reference's parts stop at the first dynamic index; `a.b[var.i]` gives `['a','b']` (and the
 * references inside the index).
 */
export function references(expr: Expression): Reference[] {
  const c = compiled(expr);
  const out: Reference[] = [];
  const walk = (n: Node, src: Source, locals: ReadonlySet<string>): void => {
    if (n.k === 'src') return walk(n.x, n.src, locals);
    if (n.k === 'scope') {
      if (locals.has(n.root)) return;
      out.push({ parts: [n.root, ...n.steps.map((s) => (s.t === 'a' ? s.name : stepKey(s.key)))], range: src.range(n.s, n.e) });
      return;
    }
    children(n, (ch, l) => walk(ch, src, l ? new Set([...locals, ...l]) : locals));
  };
  walk(c.node, c.src, new Set());
  return out;
}

/** If the expression is a single static traversal (`alicloud.hz`, `terraform_data.a[0]`), its parts. */
export function asTraversal(expr: Expression): (string | number)[] | undefined {
  let n = compiled(expr).node;
  while (n.k === 'src' || n.k === 'paren') n = n.x;
  if (n.k !== 'scope') return undefined;
  return [n.root, ...n.steps.map((s) => (s.t === 'a' ? s.name : stepKey(s.key)))];
}

/**
 * A traversal possibly ending in one dynamic index (`a.b[expr]`): the scope node of its static part
 * and the index as an expression of its own. Undefined for any other expression.
 */
function indexedScope(expr: Expression): { scope: Extract<Node, { k: 'scope' }>; key?: Expression } | undefined {
  const c = compiled(expr);
  let n = c.node;
  let src = c.src;
  while (n.k === 'src' || n.k === 'paren') {
    if (n.k === 'src') src = n.src;
    n = n.x;
  }
  if (n.k === 'scope') return { scope: n };
  if (n.k === 'index' && n.obj.k === 'scope') return { scope: n.obj, key: new Compiled(n.key, src) };
  return undefined;
}

/**
 * Splits `name.alias[key]` (a provider reference with a dynamic instance key, `alicloud.by_region[each.key]`)
 * into its static parts and the key expression; a fully static traversal gives no key. Undefined otherwise.
 */
export function asIndexedTraversal(expr: Expression): { parts: (string | number)[]; key?: Expression } | undefined {
  const t = indexedScope(expr);
  if (!t) return undefined;
  const parts = [t.scope.root, ...t.scope.steps.map((s) => (s.t === 'a' ? s.name : stepKey(s.key)))];
  return t.key ? { parts, key: t.key } : { parts };
}

/**
 * An address written as a traversal, possibly ending in one dynamic index (`aws_x.y[each.key]`):
 * the static part as address text (`module.m.aws_x.y["k"]`, index steps in brackets) and the key
 * expression when there is one. Undefined when the expression is not of that form.
 */
export function asAddressTraversal(expr: Expression): { text: string; key?: Expression } | undefined {
  const t = indexedScope(expr);
  if (!t) return undefined;
  const text = t.scope.root + t.scope.steps.map((st) => (st.t === 'a' ? `.${st.name}` : `[${JSON.stringify(stepKey(st.key))}]`)).join('');
  return t.key ? { text, key: t.key } : { text };
}
