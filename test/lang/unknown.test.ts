import { describe, expect, test } from 'vitest';
import { formatValue, fromJSON, isKnown, isWhollyKnown, markSensitive, toJSON, tupleOf, typeOf, unknown, unknownPaths, type Type } from '../../src/lang/index.js';
import { run, scopeOf } from './helpers.js';

const scope = scopeOf({
  u: unknown(),
  us: unknown('string'),
  un: unknown('number'),
  ub: unknown('bool'),
  ul: unknown(['list', 'string']),
  uo: unknown(['object', { id: 'string', n: 'number' }]),
  partial: tupleOf([unknown('string'), fromJSON('b')]),
  m: { a: 1 },
  s: 'x',
  secret: markSensitive(fromJSON('hunter2')),
});

describe('unknown values propagate', () => {
  test.each<[string, Type]>([
    ['var.un + 1', 'number'],
    ['-var.un', 'number'],
    ['var.un > 2', 'bool'],
    ['var.us == "a"', 'bool'],
    ['!var.ub', 'bool'],
    ['var.ub ? "a" : "b"', 'string'],
    ['var.ub ? 1 : "b"', 'string'],
    ['var.ub ? {a = 1} : {a = 2}', ['object', { a: 'number' }]],
    ['"x-${var.us}"', 'string'],
    ['"%{ if var.ub }a%{ endif }"', 'string'],
    ['"%{ for x in var.ul }${x}%{ endfor }"', 'string'],
    ['var.uo.id', 'string'],
    ['var.uo["n"]', 'number'],
    ['var.ul[0]', 'string'],
    ['var.ul[*]', ['list', 'string']],
    ['[for x in var.ul : x]', 'dynamic'],
    ['{for k, v in var.m : k => var.us}', ['object', { a: 'string' }]],
    ['upper(var.us)', 'string'],
    ['length(var.ul)', 'number'],
    ['join(",", var.partial)', 'string'],
    ['jsonencode(var.partial)', 'string'],
    ['can(var.u)', 'bool'],
    ['try(var.u, "x")', 'dynamic'],
    ['timestamp()', 'string'],
    ['var.m[var.us]', 'dynamic'],
    ['var.us == null', 'bool'],
  ])('%s is unknown of type %j', (src, type) => {
    const r = run(src, { ...scope, planning: true, get: scope.get, baseDir: '.' });
    expect(r.diagnostics).toEqual([]);
    if (src.startsWith('{for')) {
      expect(isWhollyKnown(r.value)).toBe(false);
      expect(isKnown(r.value)).toBe(true);
    } else expect(isKnown(r.value)).toBe(false);
    expect(typeOf(r.value)).toEqual(type);
    expect(formatValue(r.value)).toMatch(/known after apply/);
  });

  test.each<[string, unknown]>([
    ['length(var.partial)', 2],
    ['length(["a", var.us])', 2],
    ['var.ub && false', false],
    ['false && var.ub', false],
    ['var.ub || true', true],
    ['true ? "a" : var.us', 'a'],
    ['var.partial[1]', 'b'],
    ['[for x in var.partial : x][1]', 'b'],
    ['can(var.m.nope)', false],
    ['try(var.m.nope, "fallback")', 'fallback'],
    ['keys({a = var.us, b = 1})', ['a', 'b']],
  ])('%s stays known', (src, want) => {
    const r = run(src, scope);
    expect(r.diagnostics).toEqual([]);
    expect(isWhollyKnown(r.value)).toBe(true);
    expect(toJSON(r.value)).toEqual(want);
  });

  test.each<[string, Type, (string | number)[][]]>([
    ['tolist(var.partial)', ['list', 'string'], [[0]]],
    ['[var.us, 1]', ['tuple', ['string', 'number']], [[0]]],
    ['{a = var.un, b = "x"}', ['object', { a: 'number', b: 'string' }], [['a']]],
    ['merge({a = var.us}, {b = 1})', ['object', { a: 'string', b: 'number' }], [['a']]],
    ['concat(var.partial, ["c"])', ['tuple', ['string', 'string', 'string']], [[0]]],
  ])('%s keeps unknown elements inside a known collection', (src, type, paths) => {
    const r = run(src, scope);
    expect(r.diagnostics).toEqual([]);
    expect(isKnown(r.value)).toBe(true);
    expect(typeOf(r.value)).toEqual(type);
    expect(unknownPaths(r.value)).toEqual(paths);
  });

  test('impure functions are known outside planning', () => {
    const r = run('timestamp()', scope);
    expect(isKnown(r.value)).toBe(true);
    expect(String(toJSON(r.value))).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('errors still surface next to unknowns', () => {
    expect(run('var.us + "a"', scope).diagnostics.map((d) => d.summary)).toEqual(['Invalid operand']);
    expect(run('var.uo.missing', scope).diagnostics.map((d) => d.summary)).toEqual(['Unsupported attribute']);
  });
});
