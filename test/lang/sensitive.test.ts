import { describe, expect, test } from 'vitest';
import { containsSensitive, formatValue, fromJSON, isSensitive, markPaths, markSensitive, sensitivePaths, toJSON, toPlanJSON } from '../../src/lang/index.js';
import { run, scopeOf } from './helpers.js';

const scope = scopeOf({
  pw: markSensitive(fromJSON('hunter2')),
  n: markSensitive(fromJSON(3)),
  flag: markSensitive(fromJSON(true)),
  list: markSensitive(fromJSON(['a', 'b'])),
  obj: markPaths(fromJSON({ user: 'admin', pass: 'p' }), [['pass']]),
});

// Expected marks were checked with `issensitive(...)` in `terraform console` (Terraform 1.11.4).
describe('sensitive marks', () => {
  test.each<[string, boolean]>([
    ['var.pw', true],
    ['"user:${var.pw}"', true],
    ['upper(var.pw)', true],
    ['var.n + 1', true],
    ['-var.n', true],
    ['var.n == 3', true],
    ['var.flag ? 1 : 2', true],
    ['var.list[0]', true],
    ['[for x in var.list : x]', true],
    ['length(var.list)', true],
    ['join(",", [var.pw, "b"])', true],
    ['var.obj.pass', true],
    ['var.obj.user', false],
    ['{a = var.pw, b = "y"}.b', false],
    ['merge({a = var.pw}, {b = 2}).b', false],
    ['tolist([var.pw, "b"])[1]', false],
    ['nonsensitive(var.pw)', false],
    ['sensitive("x")', true],
    ['"plain"', false],
    ['issensitive(var.pw)', false],
  ])('%s → sensitive %s', (src, want) => {
    const r = run(src, scope);
    expect(r.diagnostics).toEqual([]);
    expect(isSensitive(r.value)).toBe(want);
  });

  test('issensitive reports the mark without being sensitive itself', () => {
    expect(toJSON(run('issensitive(upper(var.pw))', scope).value)).toBe(true);
  });

  test('paths of sensitive parts and the plan shape', () => {
    const v = run('{a = var.pw, b = ["x", var.pw], c = "plain"}', scope).value;
    expect(containsSensitive(v)).toBe(true);
    expect(isSensitive(v)).toBe(false);
    expect(sensitivePaths(v)).toEqual([['a'], ['b', 1]]);
    expect(toPlanJSON(v).sensitive).toEqual({ a: true, b: [false, true] });
    expect(toPlanJSON(v).value).toEqual({ a: 'hunter2', b: ['x', 'hunter2'], c: 'plain' });
  });

  test('console formatting hides sensitive values', () => {
    expect(formatValue(run('{a = var.pw, b = "y"}', scope).value)).toBe('{\n  "a" = (sensitive value)\n  "b" = "y"\n}');
    expect(formatValue(run('var.pw', scope).value)).toBe('(sensitive value)');
  });
});

describe('sensitive values stay out of error messages', () => {
  test.each<[string, string]>([
    ['tonumber(var.pw)', 'Invalid function argument'],
    ['jsondecode(var.pw)', 'Error in function call'],
    ['base64decode(var.pw)', 'Error in function call'],
  ])('%s', (src, summary) => {
    const [d] = run(src, scope).diagnostics;
    expect(d!.summary).toBe(summary);
    expect(d!.detail).not.toContain('hunter2');
    expect(JSON.stringify(d)).not.toContain('hunter2');
  });
});
