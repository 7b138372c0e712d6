import type { ExpressionValue } from '../../diag/index.js';
import type { Scope } from '../model.js';
import type { Node } from '../parser/ast.js';
import type { Source } from '../parser/source.js';
import { children } from '../refs.js';
import { hclString } from '../values/format.js';
import { numText, type Num } from '../values/number.js';
import { typeFriendlyName } from '../values/types.js';
import { UNK, type V } from '../values/value.js';
import { EMPTY_LOCALS, EvalError, evalNode } from './context.js';

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Terraform's short description of a value under a diagnostic (`is "abc"`, `is tuple with 2 elements`). */
export function describeValue(v: V): string {
  const t = v.t;
  if (v.v === UNK) return t === 'dynamic' ? 'will be known only after apply' : `is a ${typeFriendlyName(t)}, known only after apply`;
  if (v.v === null) return 'is null';
  if (typeof t === 'string') {
    if (t === 'string') return `is ${hclString(v.v as string)}`;
    if (t === 'number') return `is ${numText(v.v as Num)}`;
    return `is ${String(v.v)}`;
  }
  const size = Array.isArray(v.v) ? v.v.length : (v.v as Map<string, V>).size;
  switch (t[0]) {
    case 'tuple':
      return size ? `is tuple with ${count(size, 'element', 'elements')}` : 'is empty tuple';
    case 'object':
      return size ? `is object with ${count(size, 'attribute', 'attributes')}` : 'is object with no attributes';
    default:
      return size ? `is ${typeFriendlyName(t)} with ${count(size, 'element', 'elements')}` : `is empty ${typeFriendlyName(t)}`;
  }
}

/**
 * The values of the references inside an error's subject, as Terraform lists them under the source
 * line. Sensitive values and references to `for` symbols are left out.
 */
export function subjectValues(root: Node, rootSrc: Source, err: EvalError, scope: Scope): ExpressionValue[] {
  const at = err.at;
  if (!at) return [];
  const out: ExpressionValue[] = [];
  const seen = new Set<string>();
  const walk = (n: Node, src: Source): void => {
    if (n.k === 'src') return walk(n.x, n.src);
    if (src === at.src && n.k === 'scope' && n.s >= at.s && n.e <= at.e) {
      // The longest prefix of the traversal that has a value (`var.l` for a failing `var.l.x`).
      for (let k = n.steps.length; k >= 1; k--) {
        const e = n.steps[k - 1]!.e;
        const text = src.text.slice(n.s, e);
        if (seen.has(text)) return;
        try {
          const v = evalNode({ k: 'scope', root: n.root, steps: n.steps.slice(0, k), s: n.s, e }, { scope, src, locals: EMPTY_LOCALS, anon: undefined });
          seen.add(text);
          if (!v.s) out.push({ traversal: text, statement: describeValue(v) });
          return;
        } catch (err) {
          if (!(err instanceof EvalError)) throw err;
        }
      }
      return;
    }
    children(n, (c) => walk(c, src));
  };
  walk(root, rootSrc);
  return out;
}

/**
 * The values of every reference in an expression, as Terraform lists them under a failed condition
 * (sorted by the renderer). Sensitive values and `for` symbols are left out. An unknown value is
 * described by its type (`is a string`) unless `causedByUnknown`, Terraform's rule for diagnostics
 * that are not about unknown values themselves.
 */
export function allValues(root: Node, rootSrc: Source, scope: Scope, causedByUnknown: boolean): ExpressionValue[] {
  const out: ExpressionValue[] = [];
  const seen = new Set<string>();
  const walk = (n: Node, src: Source): void => {
    if (n.k === 'src') return walk(n.x, n.src);
    if (n.k === 'scope') {
      const text = src.text.slice(n.s, n.e);
      if (seen.has(text)) return;
      seen.add(text);
      try {
        const v = evalNode(n, { scope, src, locals: EMPTY_LOCALS, anon: undefined });
        if (v.s) return;
        const unknownTyped = v.v === UNK && !causedByUnknown && v.t !== 'dynamic';
        out.push({ traversal: text, statement: unknownTyped ? `is a ${typeFriendlyName(v.t)}` : describeValue(v) });
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
      }
      return;
    }
    children(n, (c) => walk(c, src));
  };
  walk(root, rootSrc);
  return out;
}
