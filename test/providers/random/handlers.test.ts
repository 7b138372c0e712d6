import { describe, expect, test } from 'vitest';
import { HandlerDiagnosticError } from '../../../src/providers/errors.js';
import { randomProvider } from '../../../src/providers/random/index.js';
import { keepersReplace } from '../../../src/providers/random/plan.js';
import { UNKNOWN, type Attributes, type OperationContext, type ResourceHandler } from '../../../src/providers/types.js';

const ctx = {} as OperationContext<null> & { clientToken: string; recordPartial: () => Promise<void> };
const h = (type: string): ResourceHandler<null> => randomProvider.resources[type]!;
const view = { name: 'random' };
const plan = (type: string, prior: Attributes | null, config: Attributes) => h(type).plan!({ prior, proposed: { ...config }, config, requiresReplace: [] }, view);
const validate = (type: string, config: Attributes) => h(type).validate?.(config, view) ?? [];
const importError = async (type: string, id: string): Promise<HandlerDiagnosticError> => {
  try {
    await h(type).import(ctx, id);
  } catch (e) {
    if (e instanceof HandlerDiagnosticError) return e;
    throw e;
  }
  throw new Error(`import of ${type} ${id} succeeded`);
};

describe('plan: defaults, unknowns on create, state kept otherwise', () => {
  test('random_string: unset options get hashicorp/random defaults; result and id unknown', () => {
    const p = plan('random_string', null, { length: 8 });
    expect(p.planned).toMatchObject({ length: 8, special: true, upper: true, lower: true, number: true, numeric: true, min_upper: 0, min_lower: 0, min_numeric: 0, min_special: 0, override_special: null, keepers: null });
    expect(p.planned.result).toBe(UNKNOWN);
    expect(p.planned.id).toBe(UNKNOWN);
  });

  test.each([
    [{ numeric: false }, false, false],
    [{ number: false }, false, false],
    [{ number: true, numeric: true }, true, true],
  ])('number and numeric mirror each other: %o', (cfg, number, numeric) => {
    expect(plan('random_password', null, { length: 8, ...cfg }).planned).toMatchObject({ number, numeric });
  });

  test('random_pet defaults: length 2, separator "-"', () => {
    expect(plan('random_pet', null, {}).planned).toMatchObject({ length: 2, separator: '-', prefix: null, id: UNKNOWN });
  });

  test('an unchanged configuration plans the prior state, computed values included', async () => {
    const created = await h('random_integer').create(ctx, { min: 1, max: 5, seed: null, keepers: { a: 'x' } });
    const p = plan('random_integer', created, { min: 1, max: 5, seed: null, keepers: { a: 'x' } });
    expect(p.requiresReplace).toEqual([]);
    expect(p.planned).toEqual(created);
  });
});

describe('plan: what forces replacement', () => {
  const prior = { keepers: { a: '1' }, length: 8, special: true, upper: true, lower: true, number: true, numeric: true, min_upper: 0, min_lower: 0, min_numeric: 0, min_special: 0, override_special: null, result: 'abcdefgh', id: 'abcdefgh' };
  const same = { ...prior, result: null, id: null };
  test.each([
    ['length', { length: 9 }],
    ['special', { special: false }],
    ['min_upper', { min_upper: 1 }],
    ['override_special', { override_special: '_' }],
    ['keepers', { keepers: { a: '2' } }],
  ])('a change of %s', (attr, change) => {
    const p = plan('random_string', prior, { ...same, ...change });
    expect(p.requiresReplace).toEqual([[attr]]);
  });

  test('removing an option set to a non-default value replaces (the default comes back)', () => {
    const p = plan('random_string', { ...prior, special: false }, { ...same, special: null });
    expect(p.planned.special).toBe(true);
    expect(p.requiresReplace).toEqual([['special']]);
  });

  test('override_special from "" to null does not replace', () => {
    expect(plan('random_string', { ...prior, override_special: '' }, { ...same, override_special: null }).requiresReplace).toEqual([]);
  });

  test.each([
    ['same map', { a: '1' }, { a: '1' }, false],
    ['changed value', { a: '1' }, { a: '2' }, true],
    ['added key', { a: '1' }, { a: '1', b: '2' }, true],
    ['removed key', { a: '1', b: '2' }, { a: '1' }, true],
    ['added key with null value', { a: '1' }, { a: '1', b: null }, false],
    ['from null to all-null values', null, { b: null }, false],
    ['from null to a value', null, { b: 'x' }, true],
    ['to null', { a: '1' }, null, true],
    ['unknown', { a: '1' }, UNKNOWN, true],
    ['unknown value', { a: '1' }, { a: UNKNOWN }, true],
  ])('keepers, %s', (_n, before, after, replaces) => {
    expect(keepersReplace(before, after)).toBe(replaces);
  });
});

describe('validation, in hashicorp/random words', () => {
  test.each([
    ['random_string', { length: 0 }, 'Invalid Attribute Value', 'Attribute length value must be at least 1, got: 0'],
    ['random_password', { length: 2, min_lower: 3 }, 'Invalid Attribute Value', 'Attribute length value must be at least sum of min_upper + min_lower + min_numeric + min_special, got: 2'],
    ['random_string', { length: 4, number: false, numeric: true }, 'Number and numeric are both configured with different values', 'Number is deprecated, use numeric instead'],
    ['random_string', { length: 4, special: false, upper: false, lower: false, numeric: false }, 'Invalid Attribute Combination', 'At least one attribute out of [special,upper,lower,numeric] must be specified as true'],
    ['random_string', { length: 4, min_upper: -1 }, 'Invalid Attribute Value', 'Attribute min_upper value must be at least 0, got: -1'],
    ['random_id', { byte_length: -1 }, 'Invalid Attribute Value', 'Attribute byte_length value must be at least 0, got: -1'],
    ['random_shuffle', { input: [], result_count: -2 }, 'Invalid Attribute Value', 'Attribute result_count value must be at least 0, got: -2'],
    ['random_integer', { min: 0, max: 2 ** 60 }, 'Invalid Attribute Value', 'Attribute max value must be a whole number'],
  ])('%s %o', (type, config, summary, detail) => {
    const d = validate(type, config);
    expect(d.map((x) => x.summary)).toContain(summary);
    expect(d.find((x) => x.summary === summary)!.detail).toContain(detail);
  });

  test('diagnostics name the argument they are about, so they point at its line', () => {
    expect(validate('random_string', { length: 0 }).map((d) => d.attribute)).toEqual(['length']);
    expect(validate('random_string', { length: 4, special: false, upper: false, lower: false, numeric: false })[0]!.attribute).toBe('numeric');
  });

  test('the deprecated number argument warns as the plugin framework does', () => {
    const d = validate('random_password', { length: 4, number: true });
    expect(d).toEqual([expect.objectContaining({ severity: 'warning', summary: 'Attribute Deprecated', detail: '**NOTE**: This is deprecated, use `numeric` instead.', attribute: 'number' })]);
    expect(validate('random_password', { length: 4, numeric: true })).toEqual([]);
  });

  test.each([
    ['random_string', { length: 4, min_upper: 2, min_lower: 2 }],
    ['random_string', { length: 4, special: false, upper: false, lower: false, numeric: true }],
    ['random_string', { length: 4, special: false, upper: UNKNOWN, lower: false, numeric: false }],
    ['random_password', { length: UNKNOWN, min_lower: 3 }],
    ['random_integer', { min: -5, max: 5 }],
  ])('%s %o is valid', (type, config) => {
    expect(validate(type, config)).toEqual([]);
  });
});

describe('create', () => {
  test('random_string: result is the id and has the length', async () => {
    const s = await h('random_string').create(ctx, { length: 10, special: false });
    expect(s.result).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(s.id).toBe(s.result);
    expect(s.special).toBe(false);
  });

  test('random_password: id "none", bcrypt_hash of the result', async () => {
    const s = await h('random_password').create(ctx, { length: 12 });
    expect(s.id).toBe('none');
    expect(String(s.result)).toHaveLength(12);
    expect(s.bcrypt_hash).toMatch(/^\$2a\$10\$/);
  });

  test('random_integer refuses max < min at apply, as hashicorp/random does', async () => {
    await expect(h('random_integer').create(ctx, { min: 5, max: 1 })).rejects.toMatchObject({ summary: 'Create Random Integer Error' });
  });

  test('random_integer with a seed is deterministic', async () => {
    const a = await h('random_integer').create(ctx, { min: 1, max: 1_000_000, seed: 'fixed' });
    const b = await h('random_integer').create(ctx, { min: 1, max: 1_000_000, seed: 'fixed' });
    expect(a.result).toBe(b.result);
    expect(a.id).toBe(String(a.result));
  });

  test('random_shuffle: id "-", result_count defaults to the input length', async () => {
    const s = await h('random_shuffle').create(ctx, { input: ['a', 'b', 'c'] });
    expect(s.id).toBe('-');
    expect((s.result as string[]).slice().sort()).toEqual(['a', 'b', 'c']);
  });

  test('random_id: byte_length bytes in each encoding', async () => {
    const s = await h('random_id').create(ctx, { byte_length: 6, prefix: 'x-' });
    expect(s.hex).toMatch(/^x-[0-9a-f]{12}$/);
    expect(Buffer.from(String(s.id), 'base64url')).toHaveLength(6);
    expect(s.b64_url).toBe(`x-${s.id}`);
  });

  test('random_uuid: a UUID, also the id', async () => {
    const s = await h('random_uuid').create(ctx, {});
    expect(s.result).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(s.id).toBe(s.result);
  });
});

describe('import, as hashicorp/random takes it', () => {
  test('random_string: the value itself, with the defaults', async () => {
    expect(await h('random_string').import(ctx, 'hello')).toMatchObject({ result: 'hello', id: 'hello', length: 5, special: true, numeric: true, min_upper: 0, keepers: null, override_special: null });
  });

  test('random_password: the password; id "none"; a hash of it', async () => {
    const s = (await h('random_password').import(ctx, 'securepassword'))!;
    expect(s).toMatchObject({ result: 'securepassword', id: 'none', length: 14 });
    expect(s.bcrypt_hash).toMatch(/^\$2a\$10\$/);
  });

  test.each([
    ['15390,1,50000', { result: 15390, min: 1, max: 50000, seed: null, id: '15390' }],
    ['3,1,5,myseed', { result: 3, min: 1, max: 5, seed: 'myseed', id: '3' }],
  ])('random_integer %s', async (id, want) => {
    expect(await h('random_integer').import(ctx, id)).toMatchObject(want);
  });

  test.each([
    ['1,2', 'Invalid import usage: expecting {result},{min},{max} or {result},{min},{max},{seed}'],
    ['x,1,2', 'The value supplied could not be parsed as an integer.'],
    ['1,y,2', 'The min value supplied could not be parsed as an integer.'],
    ['1,2,z', 'The max value supplied could not be parsed as an integer.'],
  ])('random_integer refuses %s', async (id, detail) => {
    const e = await importError('random_integer', id);
    expect(e.summary).toBe('Import Random Integer Error');
    expect(e.detail).toContain(detail);
  });

  test('random_id: b64_url, optionally after "prefix,"', async () => {
    expect(await h('random_id').import(ctx, 'p-9hUg')).toMatchObject({ id: 'p-9hUg', b64_url: 'p-9hUg', byte_length: 4, prefix: null, hex: 'a7ef6152' });
    expect(await h('random_id').import(ctx, 'my,prefix-,p-9hUg')).toMatchObject({ id: 'p-9hUg', b64_url: 'my,prefix-p-9hUg', prefix: 'my,prefix-', hex: 'my,prefix-a7ef6152' });
    expect((await importError('random_id', 'not base64!')).summary).toBe('Import Random ID Error');
  });

  test('random_uuid: the UUID, lower-cased; other text refused', async () => {
    expect(await h('random_uuid').import(ctx, 'AABBCCDD-EEFF-0011-2233-445566778899')).toMatchObject({ result: 'aabbccdd-eeff-0011-2233-445566778899', id: 'aabbccdd-eeff-0011-2233-445566778899' });
    expect((await importError('random_uuid', 'nope')).summary).toBe('Import Random UUID Error');
  });

  test.each(['random_shuffle', 'random_pet'])('%s cannot be imported', async (type) => {
    const e = await importError(type, 'x');
    expect(e.summary).toBe('Resource Import Not Implemented');
    expect(e.detail).toBe('This resource does not support import. Please contact the provider developer for additional information.');
  });
});

describe("README's claim", () => {
  test('the random types README lists are the ones built in, each with a schema', async () => {
    const { readFileSync } = await import('node:fs');
    const { getSchema, listTypes } = await import('../../../src/schema/index.js');
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const para = readme.slice(readme.indexOf('Supported types:'), readme.indexOf('\n\n', readme.indexOf('Supported types:')));
    const named = [...new Set([...para.matchAll(/`(random_[a-z]+)`/g)].map((m) => m[1]!))].sort();
    expect(named).toEqual(Object.keys(randomProvider.resources).sort());
    expect(listTypes('resource').filter((t) => t.startsWith('random_'))).toEqual(named);
    for (const t of named) expect(getSchema('resource', t), t).toBeDefined();
  });
});

describe('provider resolution', () => {
  test.each([
    ['random', 'hashicorp/random', undefined],
    ['random', 'registry.terraform.io/hashicorp/random', undefined],
    ['random', 'HashiCorp/Random', undefined],
    ['random', 'acme/random', 'registry.terraform.io/hashicorp/random'],
    ['random', 'example.com/hashicorp/random', 'registry.terraform.io/hashicorp/random'],
    ['alicloud', 'aliyun/alicloud', undefined],
    ['alicloud', 'hashicorp/alicloud', undefined],
    ['alicloud', 'acme/alicloud', 'registry.terraform.io/aliyun/alicloud'],
    ['nothing', 'acme/nothing', undefined],
  ])('%s = { source = "%s" } -> %s', async (name, source, want) => {
    const { mismatchedSource } = await import('../../../src/addrs/index.js');
    expect(mismatchedSource(name, source)).toBe(want);
  });
});
