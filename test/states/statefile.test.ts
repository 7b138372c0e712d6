import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { canonicalState, emptyState, formatState, parseState, StateCorruptError } from '../../src/states/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'states');
const pairs = readdirSync(dir)
  .filter((f) => f.endsWith('.in.json'))
  .map((f) => f.slice(0, -'.in.json'.length));

describe('state file format', () => {
  test.each(pairs)('%s: formatState(parseState(in)) is Terraform’s out, byte for byte', (name) => {
    const input = readFileSync(join(dir, `${name}.in.json`), 'utf8');
    const want = readFileSync(join(dir, `${name}.out.json`), 'utf8');
    expect(formatState(parseState(input, `${name}.in.json`))).toBe(want);
  });

  test('the fixtures cover every pair', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(2);
  });

  test('emptyState is version 4, serial 0, with a UUID lineage, and formats with Terraform’s key order', () => {
    const a = emptyState();
    const b = emptyState();
    expect(a.lineage).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a.lineage).not.toBe(b.lineage);
    expect(Object.keys(JSON.parse(formatState(a)))).toEqual(['version', 'terraform_version', 'serial', 'lineage', 'outputs', 'resources', 'check_results']);
    expect(formatState(a).endsWith('}\n')).toBe(true);
    expect(a.serial).toBe(0);
  });

  test.each([
    ['resources by module, mode, type, name', [['module.b', 'managed', 't', 'a'], ['', 'managed', 't', 'b'], ['', 'data', 't', 'z'], ['', 'managed', 'T', 'c'], ['module.a[10]', 'managed', 't', 'x'], ['module.a[2]', 'managed', 't', 'x']], ['/data/t/z', '/managed/T/c', '/managed/t/b', 'module.a[10]/managed/t/x', 'module.a[2]/managed/t/x', 'module.b/managed/t/a']],
  ])('orders %s as Terraform does', (_name, resources, want) => {
    const s = emptyState();
    for (const [module, mode, type, name] of resources as string[][]) {
      s.resources.push({ ...(module ? { module } : {}), mode: mode as 'managed', type: type!, name: name!, provider: 'p', instances: [{ schema_version: 0, attributes: {}, sensitive_attributes: [] }] });
    }
    expect(canonicalState(s).resources.map((r) => `${r.module ?? ''}/${r.mode}/${r.type}/${r.name}`)).toEqual(want);
  });

  test('orders instances: no key, numbers ascending, strings, current before deposed', () => {
    const s = emptyState();
    const keys = [['b', undefined], [10, undefined], [undefined, undefined], [2, 'ffff0000'], ['a', undefined], [2, undefined], [2, '0000ffff']] as const;
    s.resources.push({ mode: 'managed', type: 't', name: 'n', provider: 'p', instances: keys.map(([k, d]) => ({ ...(k !== undefined ? { index_key: k } : {}), ...(d ? { deposed: d } : {}), schema_version: 0, attributes: {}, sensitive_attributes: [] })) });
    const got = canonicalState(s).resources[0]!.instances.map((i) => `${i.index_key ?? '-'}${i.deposed ? `/${i.deposed}` : ''}`);
    expect(got).toEqual(['-', '2', '2/0000ffff', '2/ffff0000', '10', 'a', 'b']);
  });

  const good = readFileSync(join(dir, 'terraform-apply.in.json'), 'utf8');
  test.each([
    ['truncated', good.slice(0, Math.floor(good.length / 2)), 'not valid JSON'],
    ['empty', '', 'empty'],
    ['not JSON', 'hello\n', 'not valid JSON'],
    ['without version', '{"serial":1,"lineage":"x"}', '"version"'],
    ['version 3', '{"version":3,"serial":1,"lineage":"x"}', 'version 3'],
    ['without lineage', '{"version":4,"serial":1}', 'lineage'],
    ['with a bad resource', '{"version":4,"serial":1,"lineage":"x","resources":[{"mode":"managed"}]}', 'resources[0]'],
  ])('a %s file is a StateCorruptError naming the file and what is wrong', (_name, text, why) => {
    let err: unknown;
    try {
      parseState(text, 'state/terraform.tfstate');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StateCorruptError);
    const e = err as StateCorruptError;
    expect(e.message).toContain('"state/terraform.tfstate"');
    expect(e.message).toContain(why);
    expect(e.reason).toContain(why);
  });
});
