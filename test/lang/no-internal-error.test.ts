import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { evaluate, functionNames, markSensitive, objectOf, fromJSON, parseExpression, unknown, type Scope, type Type } from '../../src/lang/index.js';
import { FUNCTIONS as LIBRARY } from '../../src/lang/functions/index.js';

// No user input reaches an internal error: every built-in function and operator, given random
// arguments of every type (awkward numbers, infinities, regex and CIDR text, unknown and sensitive
// values, nested collections), either gives a value or a diagnostic. An exception escaping
// `evaluate` is what the CLI reports as `Internal error`.

const dir = mkdtempSync(join(tmpdir(), 'minitf-lang-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scope: Scope = {
  get: (root) => (root === 'var' ? objectOf({ u: unknown(), s: markSensitive(fromJSON('secret')), n: fromJSON(null), l: fromJSON([1, 'a']) }) : undefined),
  baseDir: dir,
};

const NUMBERS = ['0', '1', '-1', '2', '3', '0.5', '-2.5', '7', '32', '255', '1024', '65536', '4294967296', '9007199254740993', '1e20', '-1e20', '1e400', '1e-400', '(1/0)', '(-1/0)', '(0/0)', '1e6'];
const STRINGS = [
  '""', '"a"', '"abc"', '"A b c"', '"10.0.0.0/8"', '"192.168.1.0/24"', '"::/0"', '"fd00::/8"', '"10.0.0.1"', '"2020-01-01T00:00:00Z"', '"1h"', '"-5m"', '"99999999999999h"', '"1e100h"',
  '"["', '"("', '"a{1000000}"', '"(?=a)"', '"\\\\1"', '"(?P<x>a)"', '"/[/"', '"/a/"', '"%d"', '"%s %s"', '"%1000000000d"', '"%.3f"', '"%[2]s"', '"$${x}"', '"{\\"a\\":1}"', '"[1,2]"',
  '"1e400"', '"12345678901234567890"', '"YQ=="', '"%%%"', '"ü"', '"🎉x"', '"true"', '"null"', '"a,b"', '"x\\ny"', '"*"', '"**/*"', '"0x10"', '"-"', '"."',
];
const ATOMS = [...NUMBERS, ...STRINGS, 'true', 'false', 'null', 'var.u', 'var.s', 'var.n', 'var.l', 'sensitive(1)'];

/** A random HCL expression of any type, nested up to `depth`. */
function value(depth: number): fc.Arbitrary<string> {
  const atom = fc.constantFrom(...ATOMS);
  if (depth <= 0) return atom;
  const inner = value(depth - 1);
  return fc.oneof(
    { weight: 5, arbitrary: atom },
    { weight: 2, arbitrary: fc.array(inner, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`) },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }).map((xs) => `tolist([${xs.join(', ')}])`) },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }).map((xs) => `toset([${xs.join(', ')}])`) },
    { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), inner), { maxLength: 3 }).map((kv) => `{ ${kv.map(([k, v]) => `${k} = ${v}`).join(', ')} }`) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom('a', 'b'), inner), { maxLength: 2 }).map((kv) => `tomap({ ${kv.map(([k, v]) => `${k} = ${v}`).join(', ')} })`) },
  );
}

/** A random expression of type `t` most of the time (so calls reach the implementation), else of any type. */
function typed(t: Type, depth = 2): fc.Arbitrary<string> {
  const any = value(depth);
  const of = (inner: fc.Arbitrary<string>, wrap: (xs: string[]) => string) => fc.array(inner, { maxLength: 4 }).map(wrap);
  let want: fc.Arbitrary<string>;
  if (t === 'number') want = fc.oneof(fc.constantFrom(...NUMBERS), fc.integer({ min: -300, max: 300 }).map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => `(${x})`));
  else if (t === 'string') want = fc.oneof(fc.constantFrom(...STRINGS), fc.string({ maxLength: 12 }).map((x) => JSON.stringify(x).replace(/\$\{/g, '$$${').replace(/%\{/g, '%%{')));
  else if (t === 'bool') want = fc.constantFrom('true', 'false');
  else if (t === 'dynamic' || depth <= 0) want = any;
  else if (t[0] === 'list' || t[0] === 'set') want = of(typed(t[1], depth - 1), (xs) => `${t[0] === 'set' ? 'toset' : 'tolist'}([${xs.join(', ')}])`);
  else if (t[0] === 'map') want = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), typed(t[1], depth - 1)), { maxLength: 3 }).map((kv) => `{ ${kv.map(([k, v]) => `${k} = ${v}`).join(', ')} }`);
  else want = any;
  return fc.oneof({ weight: 4, arbitrary: want }, { weight: 1, arbitrary: any });
}

/** A call of `name` with arguments shaped by its parameters (sometimes one too few or too many). */
function callOf(name: string): fc.Arbitrary<string> {
  const f = LIBRARY.get(name)!;
  const params = [...f.params.map((x) => x.type), ...(f.variadic ? [f.variadic.type, f.variadic.type] : [])];
  const args = params.length ? fc.tuple(...params.map((t) => typed(t))) : fc.constant([] as string[]);
  return fc.tuple(args, fc.integer({ min: -1, max: 1 }), value(1)).map(([xs, d, extra]) => {
    const list = d < 0 ? xs.slice(0, -1) : d > 0 ? [...xs, extra] : xs;
    return `${name}(${list.join(', ')})`;
  });
}

const FUNCTIONS = functionNames();
const BINARY = ['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||'];

/** Evaluates `text`; returns the failure (exception or Internal error) as a string, or undefined. */
function failure(text: string): string | undefined {
  const p = parseExpression(text, { file: 'prop.tf', line: 1, column: 1 });
  if (p.diagnostics.length) return undefined; // the generator's text did not parse: not this test's subject
  try {
    const r = evaluate(p.value, scope);
    const bad = r.diagnostics.find((d) => d.summary === 'Internal error' || /bug in minitf/i.test(d.detail ?? ''));
    return bad ? `${bad.summary}: ${bad.detail}` : undefined;
  } catch (e) {
    return `uncaught ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}

const call = fc.constantFrom(...FUNCTIONS).chain(callOf);
const anyCall = fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(value(2), { maxLength: 4 }), fc.boolean()).map(([f, args, expand]) => (expand && args.length ? `${f}(${args.join(', ')}...)` : `${f}(${args.join(', ')})`));
const operation = fc.oneof(
  fc.tuple(value(2), fc.constantFrom(...BINARY), value(2)).map(([a, op, b]) => `${a} ${op} ${b}`),
  fc.tuple(fc.constantFrom('-', '!'), value(2)).map(([op, a]) => `${op}${a}`),
  fc.tuple(value(1), value(2), value(2)).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
  fc.tuple(value(2), value(1)).map(([a, i]) => `${a}[${i}]`),
  fc.tuple(value(2), value(1)).map(([a, b]) => `[for k, v in ${a} : v if ${b}]`),
  fc.tuple(value(2), value(1)).map(([a, b]) => `{ for k, v in ${a} : k => ${b}... }`),
  value(2).map((a) => `${a}[*].a`),
  fc.tuple(value(1), value(1)).map(([a, b]) => `"x-\${${a}}-%{ if ${b} }y%{ endif }"`),
);

describe('no input reaches an internal error', () => {
  test('the generator covers the whole function library', () => {
    expect(FUNCTIONS.length).toBeGreaterThan(100);
  });

  test('every function, random arguments of every type', () => {
    fc.assert(fc.property(call, (text) => {
      expect(failure(text), text).toBeUndefined();
    }), { numRuns: 4000, seed: 15 });
  });

  test('every function, arguments of any type and count', () => {
    fc.assert(fc.property(anyCall, (text) => {
      expect(failure(text), text).toBeUndefined();
    }), { numRuns: 2000, seed: 15 });
  });

  test.each(FUNCTIONS)('%s, with arguments of its parameter types', (f) => {
    fc.assert(fc.property(callOf(f), (text) => {
      expect(failure(text), text).toBeUndefined();
    }), { numRuns: 150, seed: 15 });
  });

  test('operators, conditionals, indexes, for expressions, splats and templates', () => {
    fc.assert(fc.property(operation, (text) => {
      expect(failure(text), text).toBeUndefined();
    }), { numRuns: 3000, seed: 15 });
  });
});
