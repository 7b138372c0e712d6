import { describe, expect, test } from 'vitest';
import { fromJSON, goString, nullValue, unknown, type Type } from '../../src/lang/index.js';

// cty's GoString forms, as Terraform prints them in "Provider produced inconsistent …" diagnostics.
describe('goString', () => {
  test.each<[unknown, Type | undefined, string]>([
    ['one\n', undefined, 'cty.StringVal("one\\n")'],
    ['tab\there "q" \\', undefined, 'cty.StringVal("tab\\there \\"q\\" \\\\")'],
    ['é✓', undefined, 'cty.StringVal("é✓")'],
    [3, undefined, 'cty.NumberIntVal(3)'],
    [-1.5, undefined, 'cty.NumberFloatVal(-1.5)'],
    [true, undefined, 'cty.True'],
    [false, undefined, 'cty.False'],
    [['a', 'b'], ['list', 'string'], 'cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})'],
    [[], ['list', 'string'], 'cty.ListValEmpty(cty.String)'],
    [['a', 1], undefined, 'cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.NumberIntVal(1)})'],
    [[], undefined, 'cty.EmptyTupleVal'],
    [{ k: 'v' }, ['map', 'string'], 'cty.MapVal(map[string]cty.Value{"k":cty.StringVal("v")})'],
    [{ b: 1, a: true }, undefined, 'cty.ObjectVal(map[string]cty.Value{"a":cty.True, "b":cty.NumberIntVal(1)})'],
    [{}, undefined, 'cty.EmptyObjectVal'],
    [['x'], ['set', 'string'], 'cty.SetVal([]cty.Value{cty.StringVal("x")})'],
  ])('%j as %j', (json, type, want) => {
    expect(goString(fromJSON(json, type))).toBe(want);
  });

  test('null and unknown values name their type', () => {
    expect(goString(nullValue('string'))).toBe('cty.NullVal(cty.String)');
    expect(goString(nullValue(['object', { a: 'number' }]))).toBe('cty.NullVal(cty.Object(map[string]cty.Type{"a":cty.Number}))');
    expect(goString(unknown(['list', 'bool']))).toBe('cty.UnknownVal(cty.List(cty.Bool))');
    expect(goString(unknown())).toBe('cty.DynamicVal');
  });
});
