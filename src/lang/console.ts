import { error, type Diagnostic } from '../diag/index.js';
import { evaluate } from './eval/evaluate.js';
import type { Node } from './parser/ast.js';
import type { Scope } from './model.js';
import { Compiled, compiled, parseExpression } from './parser/api.js';
import { format, formatType } from './values/format.js';
import { I } from './values/value.js';
import { children } from './refs.js';

/** The result of one console line: the text to print (absent on errors) and the diagnostics. */
export interface ConsoleResult {
  readonly text?: string;
  readonly diagnostics: Diagnostic[];
}

/** The first `type(…)` call inside a node, if any. */
function usesType(n: Node): Node | undefined {
  if (n.k === 'call' && n.name === 'type') return n;
  let hit: Node | undefined;
  children(n, (c) => {
    hit ??= usesType(c);
  });
  return hit;
}

/**
 * Evaluates one `terraform console` line: the value in console format, or for `type(expr)` the
 * expression's type as Terraform prints it. `type` anywhere else is "Invalid use of type function".
 */
export function consoleLine(line: string, scope: Scope): ConsoleResult {
  const origin = { file: '<console-input>', line: 1, column: 1 };
  const p = parseExpression(line, origin);
  if (p.diagnostics.length) return { diagnostics: p.diagnostics };
  const c = compiled(p.value);
  const n = c.node;
  if (n.k === 'call' && n.name === 'type' && !n.expand && n.args.length === 1 && !usesType(n.args[0]!)) {
    const r = evaluate(new Compiled(n.args[0]!, c.src), scope);
    return r.diagnostics.some((d) => d.severity === 'error') ? { diagnostics: r.diagnostics } : { text: formatType(I(r.value).t), diagnostics: r.diagnostics };
  }
  const t = usesType(n);
  if (t) {
    return {
      diagnostics: [error('Invalid use of type function', 'The console-only "type" function cannot be used as part of an expression.', { subject: c.src.range(t.s, t.e) })],
    };
  }
  const r = evaluate(p.value, scope);
  if (r.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: r.diagnostics };
  return { text: format(I(r.value)), diagnostics: r.diagnostics };
}
