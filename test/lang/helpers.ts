import { evaluate, fromJSON, objectOf, parseExpression, type Scope, type Value } from '../../src/lang/index.js';

/** A scope with `var` built from values (plain JSON or lang values) and extra roots. */
export function scopeOf(vars: Record<string, unknown>, roots: Record<string, Value> = {}, planning = false): Scope {
  const v = objectOf(
    Object.fromEntries(Object.entries(vars).map(([k, x]) => [k, isValue(x) ? x : fromJSON(x)])),
  );
  return { get: (r) => (r === 'var' ? v : roots[r]), baseDir: '.', planning };
}

function isValue(x: unknown): x is Value {
  return typeof x === 'object' && x !== null && 't' in x && 'v' in x;
}

/** Parses and evaluates an expression; fails the test on parse errors. */
export function run(src: string, scope: Scope): ReturnType<typeof evaluate> {
  const p = parseExpression(src, { file: 'test.tf', line: 1, column: 1 });
  if (p.diagnostics.length) throw new Error(`parse error in ${src}: ${p.diagnostics[0]!.summary}: ${p.diagnostics[0]!.detail}`);
  return evaluate(p.value, scope);
}
