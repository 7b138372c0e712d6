import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { consoleLine, formatType, fromJSON, functionNames, isKnown, isSensitive, markSensitive, toJSON, typeOf, unknown } from '../../src/lang/index.js';
import { CONSOLE_CASES } from './console-cases.js';
import { FUNCTION_CASES } from './function-cases.js';
import { run, scopeOf } from './helpers.js';

const scope = scopeOf({});

describe('functions agree with Terraform', () => {
  test.each(FUNCTION_CASES)('%s', (src, want) => {
    const r = run(src, scope);
    if (want.error !== undefined) {
      expect(r.diagnostics.map((d) => d.summary)).toEqual([want.error]);
      return;
    }
    expect(r.diagnostics).toEqual([]);
    const enc = run(`jsonencode(${src})`, scope);
    expect(toJSON(enc.value)).toBe(want.json);
    expect(formatType(typeOf(r.value)).replace(/\s+/g, ' ')).toBe(want.type);
  });
});

describe('function registry', () => {
  test('has at least 90 functions, including the removed list and map', () => {
    const names = functionNames();
    expect(names.length).toBeGreaterThanOrEqual(90);
    for (const n of ['try', 'can', 'lookup', 'templatefile', 'cidrsubnets', 'yamlencode', 'list', 'map']) expect(names).toContain(n);
  });

  test.each<[string, string]>([
    ['list("a")', 'Error in function call'],
    ['map("a", 1)', 'Error in function call'],
    ['nosuch(1)', 'Call to unknown function'],
    ['upper()', 'Not enough function arguments'],
    ['upper("a", "b")', 'Too many function arguments'],
    ['upper(null)', 'Invalid function argument'],
    ['upper([])', 'Invalid function argument'],
    ['concat(1...)', 'Invalid expanding argument value'],
  ])('%s fails with %s', (src, summary) => {
    expect(run(src, scope).diagnostics.map((d) => d.summary)).toEqual([summary]);
  });

  test('the removal message names the replacement', () => {
    expect(run('list("a")', scope).diagnostics[0]!.detail).toBe(
      'Call to function "list" failed: the "list" function was deprecated in Terraform v0.12 and is no longer available; use tolist([ ... ]) syntax to write a literal list.',
    );
  });

  test.each(['timestamp()', 'uuid()'])('%s is unknown while planning', (src) => {
    expect(isKnown(run(src, { ...scope, get: scope.get, baseDir: '.', planning: true }).value)).toBe(false);
    expect(isKnown(run(src, scope).value)).toBe(true);
  });
});

describe('file functions resolve against the scope base directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-lang-'));
  mkdirSync(join(dir, 'tpl'));
  writeFileSync(join(dir, 'hello.txt'), 'hello\n');
  writeFileSync(join(dir, 'tpl', 'a.tpl'), '%{ for n in names ~}\nhi ${n}\n%{ endfor ~}\n${upper(x)}');
  writeFileSync(join(dir, 'tpl', 'bad.tpl'), '${nope}');
  const fs = { ...scope, get: scope.get, baseDir: dir };
  test.each<[string, unknown]>([
    ['file("hello.txt")', 'hello\n'],
    ['fileexists("hello.txt")', true],
    ['fileexists("missing.txt")', false],
    ['filebase64("hello.txt")', 'aGVsbG8K'],
    ['filemd5("hello.txt")', 'b1946ac92492d2347c6235b4d2611184'],
    ['templatefile("tpl/a.tpl", {names = ["a", "b"], x = "y"})', 'hi a\nhi b\nY'],
    ['sort(fileset(".", "**/*.tpl"))', ['tpl/a.tpl', 'tpl/bad.tpl']],
  ])('%s', (src, want) => {
    const r = run(src, fs);
    expect(r.diagnostics).toEqual([]);
    expect(toJSON(r.value)).toEqual(want);
  });
  test.each<[string, string]>([
    ['file("missing.txt")', 'Error in function call'],
    ['templatefile("tpl/bad.tpl", {})', 'Error in function call'],
  ])('%s fails', (src, summary) => {
    expect(run(src, fs).diagnostics.map((d) => d.summary)).toEqual([summary]);
  });
});

describe('console lines agree with terraform console', () => {
  test.each(CONSOLE_CASES)('%s', (line, want) => {
    const r = consoleLine(line, scope);
    const got = r.text !== undefined ? r.text : `ERROR ${r.diagnostics[0]?.summary}`;
    expect(got.replace(/\s+/g, ' ')).toBe(want.replace(/\s+/g, ' '));
  });
});

describe('try and can', () => {
  const s = scopeOf({ m: { a: 'x', o: { k: 1 } }, l: ['a', 'b'], n: null, u: unknown('string') });
  const pw = scopeOf({ o: markSensitive(fromJSON({ a: 1 })) });
  test.each<[string, unknown]>([
    ['can(var.m.nope)', false],
    ['can(var.m.o.k)', true],
    ['can(var.m["a"])', true],
    ['can(var.m["zz"])', false],
    ['can(var.l[1])', true],
    ['can(var.l[5])', false],
    ['can(var.l[-1])', false],
    ['can(var.n.x)', false],
    ['can(var.m.a.b)', false],
    ['can(toset(["a"])[0])', false],
    ['can(var.l["1"])', true],
    ['try(var.m.o.k, 0)', 1],
    ['try(var.m.nope, var.l[5], "last")', 'last'],
    ['try(var.l[0], "d")', 'a'],
    ['try(nosuch(1), 2)', 2],
    ['try({a = 1}.b, 2)', 2],
  ])('%s', (src, want) => {
    const r = run(src, s);
    expect(r.diagnostics).toEqual([]);
    expect(toJSON(r.value)).toEqual(want);
  });
  test('unknown values make try and can unknown', () => {
    expect(isKnown(run('can(var.u)', s).value)).toBe(false);
    expect(isKnown(run('try(var.u, "x")', s).value)).toBe(false);
  });
  test('marks survive', () => {
    expect(isSensitive(run('try(var.o.a, 0)', pw).value)).toBe(true);
  });
  // Terraform reports reference errors before evaluation, so try and can do not hide them.
  test.each<[string, string]>([
    ['can(local.nope)', 'Reference to undeclared local value'],
    ['can(var.nope)', 'Reference to undeclared input variable'],
    ['try(count.index, 0)', 'Reference to "count" in non-counted context'],
  ])('%s fails with %s', (src, summary) => {
    expect(run(src, s).diagnostics.map((d) => d.summary)).toEqual([summary]);
  });
});
