import { describe, expect, test } from 'vitest';
import { compileJSON, evaluate, fromJSON, parseExpression, toJSON, type Scope, type Value } from '../../src/lang/index.js';

const roots: Record<string, Value> = {
  var: fromJSON({ region: 'cn-hangzhou', n: 2 }),
  local: fromJSON({ name: 'web' }),
  count: fromJSON({ index: 1 }),
  each: fromJSON({ key: 'a', value: { size: 3 } }),
  self: fromJSON({ id: 'i-1' }),
  path: fromJSON({ module: '.', root: '.', cwd: '/work' }),
  terraform: fromJSON({ workspace: 'default' }),
  alicloud_vpc: fromJSON({ main: { id: 'vpc-1' }, by_key: { a: { id: 'vpc-a' } } }),
  data: fromJSON({ alicloud_zones: { default: { zones: [{ id: 'z1' }] } } }),
  module: fromJSON({ net: { vpc_id: 'vpc-9' } }),
};
const scope: Scope = { get: (r) => roots[r], baseDir: '.' };
const bare: Scope = { get: (r) => (r === 'var' ? roots.var : r === 'local' ? roots.local : undefined), baseDir: '.' };
const origin = { file: 'main.tf', line: 12, column: 14 };

const ev = (src: string, s: Scope = scope) => evaluate(parseExpression(src, origin).value, s);

describe('scopes', () => {
  test.each<[string, unknown]>([
    ['var.region', 'cn-hangzhou'],
    ['local.name', 'web'],
    ['count.index + var.n', 3],
    ['each.key', 'a'],
    ['each.value.size', 3],
    ['self.id', 'i-1'],
    ['path.module', '.'],
    ['terraform.workspace', 'default'],
    ['alicloud_vpc.main.id', 'vpc-1'],
    ['alicloud_vpc.by_key["a"].id', 'vpc-a'],
    ['alicloud_vpc.by_key[each.key].id', 'vpc-a'],
    ['data.alicloud_zones.default.zones[0].id', 'z1'],
    ['module.net.vpc_id', 'vpc-9'],
    ['[for z in data.alicloud_zones.default.zones : z.id]', ['z1']],
  ])('%s', (src, want) => {
    const r = ev(src);
    expect(r.diagnostics).toEqual([]);
    expect(toJSON(r.value)).toEqual(want);
  });

  test.each<[string, string]>([
    ['var.nope', 'Reference to undeclared input variable'],
    ['local.nope', 'Reference to undeclared local value'],
    ['count.index', 'Reference to "count" in non-counted context'],
    ['each.key', 'Reference to "each" in context without for_each'],
    ['self.id', 'Invalid "self" reference'],
    ['alicloud_vpc.main.id', 'Reference to undeclared resource'],
    ['module.net.x', 'Reference to undeclared module'],
    ['foo', 'Invalid reference'],
  ])('%s fails with %s', (src, summary) => {
    expect(ev(src, bare).diagnostics.map((d) => d.summary)).toEqual([summary]);
  });
});

describe('diagnostics point into the file', () => {
  test.each<[string, string, number, number]>([
    ['var.n + "a"', 'Invalid operand', 12, 22],
    ['1 +\n  var.nope', 'Reference to undeclared input variable', 13, 3],
    ['{a = 1}.b', 'Unsupported attribute', 12, 14],
    ['[1, 2][5]', 'Invalid index', 12, 14],
    ['upper(1, 2)', 'Too many function arguments', 12, 23],
    ['nosuch(1)', 'Call to unknown function', 12, 14],
    ['"x${null}"', 'Invalid template interpolation value', 12, 18],
  ])('%s', (src, summary, line, column) => {
    const r = ev(src);
    expect(r.diagnostics.map((d) => d.summary)).toEqual([summary]);
    expect(r.diagnostics[0]!.subject).toMatchObject({ file: 'main.tf', start: { line, column } });
  });

  test('errors inside hcl2json strings use the attribute origin', () => {
    const r = evaluate(compileJSON({ a: 'x-${var.nope}' }, origin).value, scope);
    expect(r.diagnostics[0]!.summary).toBe('Reference to undeclared input variable');
    expect(r.diagnostics[0]!.subject).toMatchObject({ file: 'main.tf', start: { line: 12, column: 18 } });
  });
});

describe('operators and numbers', () => {
  test.each<[string, unknown]>([
    ['0.1 + 0.2 == 0.3', true],
    ['9007199254740993 - 1', 9007199254740992],
    ['1 / 3 * 3', 1],
    ['-7 % 3', -1],
    ['2 * 3 + 4 * 5 > 25 && !false', true],
    ['"10" > 9', true],
    ['1 == 1.0', true],
    ['[1, "a"] != [1, "a"]', false],
  ])('%s', (src, want) => {
    const r = ev(src);
    expect(r.diagnostics).toEqual([]);
    expect(toJSON(r.value)).toEqual(want);
  });
});

// Terraform computes with 512-bit binary floats and prints the shortest decimal that maps back to the
// same float; the expected texts were printed by `terraform console` (Terraform 1.11.4).
describe('long decimals print as Terraform prints them', () => {
  test.each<[string, string]>([
    ['10/3', '3.3333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333332'],
    ['2/3', '0.6666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666666667'],
    ['-1/3', '-0.33333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333335'],
    ['1/3*3', '1'],
  ])('%s', (src, want) => {
    expect(toJSON(ev(`tostring(${src})`).value)).toBe(want);
  });
});

// The values Terraform 1.11.4 lists under these errors (checked with `terraform plan`).
describe('diagnostics list the values of the references involved', () => {
  const vals: Scope = {
    get: (r) => (r === 'var' ? run('{s = "abc", l = ["a", "b"], o = {a = 1, b = 2}, n = null, p = sensitive("x")}') : undefined),
    baseDir: '.',
  };
  function run(src: string): Value {
    return evaluate(parseExpression(src, origin).value, scope).value;
  }
  test.each<[string, string, [string, string][]]>([
    ['var.s + 1', 'Unsuitable value for left operand: a number is required.', [['var.s', 'is "abc"']]],
    ['var.l.x', 'This value does not have any attributes.', [['var.l', 'is tuple with 2 elements']]],
    ['var.o.c', 'This object does not have an attribute named "c".', [['var.o', 'is object with 2 attributes']]],
    ['upper(var.l)', 'Invalid value for "str" parameter: string required.', [['var.l', 'is tuple with 2 elements']]],
    ['var.n.x', 'This value is null, so it does not have any attributes.', [['var.n', 'is null']]],
    ['var.l[5]', 'The given key does not identify an element in this collection value.', [['var.l', 'is tuple with 2 elements']]],
    ['var.p + 1', 'Unsuitable value for left operand: a number is required.', []],
  ])('%s', (src, detail, values) => {
    const [d] = evaluate(parseExpression(src, origin).value, vals).diagnostics;
    expect(d!.detail).toBe(detail);
    expect((d!.values ?? []).map((v) => [v.traversal, v.statement])).toEqual(values);
  });
});
