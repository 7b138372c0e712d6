import { describe, expect, test } from 'vitest';
import { asIndexedTraversal, asTraversal, compileJSON, parseExpression, parseTemplate, references } from '../../src/lang/index.js';

const origin = { file: 'main.tf', line: 10, column: 5 };
const refsOf = (src: string): (string | number)[][] => {
  const r = parseExpression(src, origin);
  expect(r.diagnostics).toEqual([]);
  return references(r.value).map((x) => [...x.parts]);
};

describe('reference extraction', () => {
  test.each<[string, (string | number)[][]]>([
    ['var.x', [['var', 'x']]],
    ['local.x', [['local', 'x']]],
    ['alicloud_vpc.default.id', [['alicloud_vpc', 'default', 'id']]],
    ['data.t.n.attr[0]', [['data', 't', 'n', 'attr', 0]]],
    ['data.alicloud_zones.default.zones[0].id', [['data', 'alicloud_zones', 'default', 'zones', 0, 'id']]],
    ['each.key', [['each', 'key']]],
    ['count.index + 1', [['count', 'index']]],
    ['self.x', [['self', 'x']]],
    ['path.module', [['path', 'module']]],
    ['terraform.workspace', [['terraform', 'workspace']]],
    ['alicloud.hz', [['alicloud', 'hz']]],
    ['alicloud.by_region["cn-beijing"]', [['alicloud', 'by_region', 'cn-beijing']]],
    ['a.b[var.i].c', [['a', 'b'], ['var', 'i']]],
    ['var.list.1', [['var', 'list', 1]]],
    ['[for x in var.l : x.a if local.ok[x]]', [['var', 'l'], ['local', 'ok']]],
    ['{for k, v in var.m : k => v.id}', [['var', 'm']]],
    ['"${var.a}-%{for s in local.xs}${s}${var.b}%{endfor}"', [['var', 'a'], ['local', 'xs'], ['var', 'b']]],
    ['upper(var.a) == "X" ? module.m.out : null', [['var', 'a'], ['module', 'm', 'out']]],
    ['var.objs[*].name', [['var', 'objs']]],
    ['{ (var.k) = 1, plain = local.v }', [['var', 'k'], ['local', 'v']]],
    ['<<EOT\nhello ${var.who}\nEOT', [['var', 'who']]],
  ])('%s', (src, want) => {
    expect(refsOf(src)).toEqual(want);
  });

  test('reference ranges point into the file', () => {
    const r = parseExpression('1 +\n  var.x', origin);
    const [ref] = references(r.value);
    expect(ref!.range.start).toMatchObject({ line: 11, column: 3 });
    expect(ref!.range.end).toMatchObject({ line: 11, column: 8 });
  });
});

describe('traversals', () => {
  test.each<[string, (string | number)[] | undefined]>([
    ['alicloud.hz', ['alicloud', 'hz']],
    ['terraform_data.a[0]', ['terraform_data', 'a', 0]],
    ['alicloud.by_region["cn-beijing"]', ['alicloud', 'by_region', 'cn-beijing']],
    ['var.a + 1', undefined],
    ['upper(x)', undefined],
  ])('%s', (src, want) => {
    expect(asTraversal(parseExpression(src, origin).value)).toEqual(want);
  });

  test('indexed provider reference keeps the key expression', () => {
    const r = asIndexedTraversal(parseExpression('alicloud.by_region[each.key]', origin).value);
    expect(r?.parts).toEqual(['alicloud', 'by_region']);
    expect(references(r!.key!).map((x) => x.parts)).toEqual([['each', 'key']]);
  });

  test('hcl2json strings are traversals', () => {
    expect(asTraversal(compileJSON('${alicloud.hz}', origin).value)).toEqual(['alicloud', 'hz']);
  });
});

describe('compileJSON', () => {
  test('finds references in nested structures and expression keys', () => {
    const r = compileJSON({ a: ['x-${var.a}', { '${(local.k)}': '${data.d.n.v}' }], b: 1, c: '$${not.ref}' }, origin);
    expect(r.diagnostics).toEqual([]);
    expect(references(r.value).map((x) => x.parts)).toEqual([['var', 'a'], ['local', 'k'], ['data', 'd', 'n', 'v']]);
  });
  test('reports template syntax errors', () => {
    const r = compileJSON({ a: '${var.a' }, origin);
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Extra characters after interpolation expression']);
  });
});

describe('syntax errors', () => {
  test.each<[string, string, number, number]>([
    ['"abc', 'Unterminated template string', 10, 6],
    ['1 +', 'Invalid expression', 10, 8],
    ['<<EOT\nabc\n', 'Unterminated template string', 10, 5],
    ['[1, 2', 'Missing item separator', 10, 10],
    ['"%{ if true }x"', 'Unterminated template directive', 10, 6],
    ['"%{ endif }"', 'Unexpected endif directive', 10, 6],
    ['"\\q"', 'Invalid escape sequence', 10, 6],
    ['a b', 'Extra characters after expression', 10, 7],
    ['f(1 2)', 'Missing argument separator', 10, 9],
  ])('%j', (src, summary, line, column) => {
    const r = parseExpression(src, origin);
    expect(r.diagnostics.map((d) => d.summary)).toEqual([summary]);
    expect(r.diagnostics[0]!.subject!.start).toMatchObject({ line, column });
  });

  test('templates parse', () => {
    expect(parseTemplate('a-${var.x}-%{ if y ~} b %{~ endif }', origin).diagnostics).toEqual([]);
  });
});
