import { describe, expect, test } from 'vitest';
import {
  convert,
  decodeTyped,
  encodeTyped,
  entries,
  equals,
  formatValue,
  fromJSON,
  fromPlanJSON,
  getPath,
  isNull,
  isWhollyKnown,
  markSensitive,
  nullValue,
  parseExpression,
  parseTypeConstraint,
  applyTypeDefaults,
  sensitivePaths,
  toJSON,
  toPlanJSON,
  typeOf,
  unknown,
  unknownPaths,
  type Type,
  compileJSON,
  consoleLine,
} from '../../src/lang/index.js';
import { run, scopeOf } from './helpers.js';

const origin = { file: 'variables.tf', line: 3, column: 10 };
const none = scopeOf({});

describe('JSON and typed encodings', () => {
  test.each<[unknown, Type | undefined, Type]>([
    [{ a: [1, 'x'] }, undefined, ['object', { a: ['tuple', ['number', 'string']] }]],
    [[1, 2], ['list', 'number'], ['list', 'number']],
    [['b', 'a', 'b'], ['set', 'string'], ['set', 'string']],
    [{ a: 1 }, ['map', 'string'], ['map', 'string']],
    [null, 'string', 'string'],
  ])('fromJSON(%j, %j)', (json, type, want) => {
    expect(typeOf(fromJSON(json, type))).toEqual(want);
  });

  test('sets are sorted and de-duplicated', () => {
    expect(toJSON(fromJSON(['b', 'a', 'b'], ['set', 'string']))).toEqual(['a', 'b']);
  });

  test.each<[unknown, Type, unknown]>([
    [{ a: 1, b: 'x' }, 'dynamic', { value: { a: 1, b: 'x' }, type: ['object', { a: 'number', b: 'string' }] }],
    [{ input: 'x', n: 1 }, ['object', { input: 'dynamic', n: 'number' }], { input: { value: 'x', type: 'string' }, n: 1 }],
    [[1, 2], ['list', 'number'], [1, 2]],
    // A null of dynamic type is stored as plain null, as Terraform writes terraform_data's unset triggers_replace.
    [null, 'dynamic', null],
  ])('encodeTyped(%j, %j) and back', (json, type, want) => {
    const v = type === 'dynamic' ? fromJSON(json) : fromJSON(json, type);
    const enc = encodeTyped(v, type);
    expect(enc).toEqual(want);
    const back = decodeTyped(enc, type);
    expect(toJSON(back)).toEqual(json);
    expect(typeOf(back)).toEqual(typeOf(v));
  });

  test('plan JSON marks unknown and sensitive leaves', () => {
    const v = run('{id = var.u, tags = {a = "x"}, list = ["a", var.u], secret = var.s}', scopeOf({ u: unknown('string'), s: markSensitive(fromJSON('p')) })).value;
    const plan = toPlanJSON(v);
    expect(plan.value).toEqual({ id: null, tags: { a: 'x' }, list: ['a', null], secret: 'p' });
    // As Terraform's after_unknown: known nested objects stay as `{}`, known list elements as `false`.
    expect(plan.unknown).toEqual({ id: true, list: [false, true], tags: {} });
    expect(plan.sensitive).toEqual({ secret: true, list: [false, false], tags: {} });
    const back = fromPlanJSON(plan.value, plan.unknown, plan.sensitive, typeOf(v));
    expect(unknownPaths(back)).toEqual([['id'], ['list', 1]]);
    expect(sensitivePaths(back)).toEqual([['secret']]);
    expect(toPlanJSON(fromJSON({ a: 1 }))).toEqual({ value: { a: 1 }, unknown: false, sensitive: false });
  });

  test('paths, entries and equality', () => {
    const v = fromJSON({ a: [{ b: 1 }], c: 'x' });
    expect(toJSON(getPath(v, ['a', 0, 'b'])!)).toBe(1);
    expect(getPath(v, ['a', 3])).toBeUndefined();
    expect(entries(v).map(([k]) => k)).toEqual(['a', 'c']);
    expect(equals(v, fromJSON({ c: 'x', a: [{ b: 1 }] }))).toBe(true);
    expect(equals(unknown('string'), unknown('string'))).toBe(false);
    expect(isNull(nullValue('string'))).toBe(true);
    expect(isWhollyKnown(fromJSON([1]))).toBe(true);
  });
});

// Expected texts were printed by `terraform console` (Terraform 1.11.4).
describe('formatValue follows terraform console', () => {
  test.each<[string, string]>([
    ['[1, "a", true, null, {b=1}]', '[\n  1,\n  "a",\n  true,\n  null,\n  {\n    "b" = 1\n  },\n]'],
    ['"multi\\nline"', '<<-EOT\nmulti\nline\nEOT'],
    ['"a\\nb\\n"', '<<EOT\na\nb\nEOT'],
    ['tolist(["a"])', 'tolist([\n  "a",\n])'],
    ['toset(["a"])', 'toset([\n  "a",\n])'],
    ['tomap({a=1})', 'tomap({\n  "a" = 1\n})'],
    ['{"key with space" = 1, "x.y" = 2}', '{\n  "key with space" = 1\n  "x.y" = 2\n}'],
    ['1e21', '1000000000000000000000'],
    ['-0.0', '-0'],
    ['sensitive({a=1})', '(sensitive value)'],
    ['tomap({})', 'tomap({})'],
    ['{}', '{}'],
    ['[]', '[]'],
    ['null', 'null'],
    ['{a="x\\ny", b=[{c=tolist(["q"])}]}', '{\n  "a" = <<-EOT\n  x\n  y\n  EOT\n  "b" = [\n    {\n      "c" = tolist([\n        "q",\n      ])\n    },\n  ]\n}'],
  ])('%s', (src, want) => {
    expect(formatValue(run(src, none).value)).toBe(want);
  });

  test('unknown values', () => {
    expect(formatValue(unknown('string'))).toBe('(known after apply)');
  });
});

describe('type constraints and conversion', () => {
  const tc = (src: string) => parseTypeConstraint(parseExpression(src, origin).value);
  test.each<[string, Type]>([
    ['string', 'string'],
    ['any', 'dynamic'],
    ['list(string)', ['list', 'string']],
    ['map(any)', ['map', 'dynamic']],
    ['set(number)', ['set', 'number']],
    ['tuple([string, bool])', ['tuple', ['string', 'bool']]],
    ['object({a = string, b = optional(number, 1)})', ['object', { a: 'string', b: 'number' }, ['b']]],
  ])('%s', (src, want) => {
    const r = tc(src);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.type).toEqual(want);
  });

  test('hcl2json form of a type constraint', () => {
    const r = parseTypeConstraint(compileJSON('${list(object({name=string}))}', origin).value);
    expect(r.value.type).toEqual(['list', ['object', { name: 'string' }]]);
  });

  test('invalid type constraints are diagnostics', () => {
    const r = tc('lsit(string)');
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Invalid type specification']);
    expect(r.diagnostics[0]!.subject!.start).toMatchObject({ line: 3, column: 10 });
  });

  test('optional attributes get nulls, then defaults', () => {
    const r = tc('object({a = string, b = optional(number, 1), c = optional(list(object({d = optional(bool, true)})))})');
    const c = convert(fromJSON({ a: 'x', c: [{}] }), r.value.type);
    expect(c.diagnostics).toEqual([]);
    expect(toJSON(c.value)).toEqual({ a: 'x', b: null, c: [{ d: null }] });
    expect(toJSON(applyTypeDefaults(c.value, r.value.defaults!))).toEqual({ a: 'x', b: 1, c: [{ d: true }] });
  });

  test.each<[unknown, Type, string]>([
    [{ b: 1 }, ['object', { a: 'string' }], 'attribute "a" is required'],
    ['abc', 'number', 'a number is required'],
    [[1, true], ['list', 'dynamic'], 'all list elements must have the same type'],
    [{ a: 'x' }, 'string', 'string required'],
  ])('convert(%j, %j) fails', (json, type, msg) => {
    const r = convert(fromJSON(json), type);
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Invalid value']);
    expect(r.diagnostics[0]!.detail).toContain(msg);
  });

  test.each<[unknown, Type, unknown]>([
    ['5', 'number', 5],
    [5, 'string', '5'],
    ['true', 'bool', true],
    [[1, 2], ['set', 'string'], ['1', '2']],
    [{ a: 1, b: 2 }, ['map', 'number'], { a: 1, b: 2 }],
    [{ a: 1, extra: 2 }, ['object', { a: 'number' }], { a: 1 }],
  ])('convert(%j, %j)', (json, type, want) => {
    const r = convert(fromJSON(json), type);
    expect(r.diagnostics).toEqual([]);
    expect(toJSON(r.value)).toEqual(want);
  });
});

describe('console lines', () => {
  test.each<[string, string]>([
    ['tomap({a = 1})', 'tomap({\n  "a" = 1\n})'],
    ['type(tolist([]))', 'list(dynamic)'],
    ['type({a = [1, "x"]})', 'object({\n    a: tuple([\n        number,\n        string,\n    ]),\n})'],
  ])('%s', (line, want) => {
    const r = consoleLine(line, none);
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toBe(want);
  });
  test.each<[string, string]>([
    ['jsonencode(type(1))', 'Invalid use of type function'],
    ['1 +', 'Invalid expression'],
    ['var.nope', 'Reference to undeclared input variable'],
  ])('%s fails with %s', (line, summary) => {
    const r = consoleLine(line, none);
    expect(r.text).toBeUndefined();
    expect(r.diagnostics.map((d) => d.summary)).toEqual([summary]);
  });
});

describe('unknown markers at the provider boundary', () => {
  const UNKNOWN = Symbol.for('minitf.unknown');
  test('toJSON and fromJSON translate unknown leaves to and from a marker', () => {
    const v = fromJSON({ id: UNKNOWN, tags: { a: 'x' }, list: ['a', UNKNOWN] }, undefined, UNKNOWN);
    expect(unknownPaths(v)).toEqual([['id'], ['list', 1]]);
    expect(toJSON(v, UNKNOWN)).toEqual({ id: UNKNOWN, tags: { a: 'x' }, list: ['a', UNKNOWN] });
    expect(toJSON(v)).toEqual({ id: null, tags: { a: 'x' }, list: ['a', null] });
    const typed = fromJSON({ id: UNKNOWN, n: 1 }, ['object', { id: 'string', n: 'number' }], UNKNOWN);
    expect(typeOf(typed)).toEqual(['object', { id: 'string', n: 'number' }]);
    expect(unknownPaths(typed)).toEqual([['id']]);
  });
});
