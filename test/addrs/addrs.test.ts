import { describe, expect, test } from 'vitest';
import { compareInstances, formatInstance, parseInstance, quoteString, type ResourceInstanceAddr } from '../../src/addrs/index.js';

describe('resource instance addresses', () => {
  test.each([
    ['alicloud_vpc.default'],
    ['data.alicloud_zones.default'],
    ['terraform_data.web[0]'],
    ['terraform_data.m["b"]'],
    ['module.pool[1].terraform_data.member["x"]'],
    ['module.a.module.b["k"].data.t.n'],
  ])('%s round-trips', (text) => {
    const r = parseInstance(text);
    if ('error' in r) throw new Error(r.error);
    expect(formatInstance(r.addr)).toBe(text);
  });

  test.each([['foo'], ['a.b.c'], ['a.b[x]'], ['a.b['], ['module.m'], ['.a.b']])('%s is rejected', (text) => {
    expect('error' in parseInstance(text)).toBe(true);
  });

  test('sorts root first, data before managed, integer keys numerically', () => {
    const addrs = ['terraform_data.a[10]', 'module.m.terraform_data.a', 'terraform_data.a[2]', 'data.x.y', 'terraform_data.a["k"]'];
    const parsed = addrs.map((a) => (parseInstance(a) as { addr: ResourceInstanceAddr }).addr);
    parsed.sort(compareInstances);
    expect(parsed.map(formatInstance)).toEqual(['data.x.y', 'terraform_data.a[2]', 'terraform_data.a[10]', 'terraform_data.a["k"]', 'module.m.terraform_data.a']);
  });

  test('quotes keys with HCL escapes', () => {
    expect(quoteString('a"b\\c\n${x}')).toBe('"a\\"b\\\\c\\n$${x}"');
  });
});
