import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Ajv } from 'ajv';
import { DynamicBlocks, getSchema, listTypes, schemasDir, validateAttributes, type TypeSchema } from '../../src/schema/index.js';
import { configSchemaText } from '../../src/schema/config-schema.js';
import { UNKNOWN } from '../../src/providers/types.js';

const copy = (): TypeSchema => getSchema('resource', 'alicloud_image_copy')!;
const ctx = { address: 'alicloud_image_copy.default' };
const base = { source_image_id: 'm-1', source_region_id: 'cn-hangzhou' };
const tags = (n: number): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

describe('schema loading', () => {
  test('lists the documented types', () => {
    expect(listTypes('resource')).toEqual([
      'alicloud_image',
      'alicloud_image_copy',
      'alicloud_instance',
      'alicloud_security_group',
      'alicloud_subnet',
      'alicloud_vpc',
      'alicloud_vswitch',
      'random_id',
      'random_integer',
      'random_password',
      'random_pet',
      'random_shuffle',
      'random_string',
      'random_uuid',
      'terraform_data',
    ]);
    expect(listTypes('data')).toEqual(['alicloud_images', 'alicloud_instance_types', 'alicloud_zones', 'terraform_remote_state']);
    expect(listTypes('provider')).toEqual(['alicloud', 'random', 'terraform']);
  });

  test.each([
    ['resource', 'alicloud_image_copy', 'source_image_id', { required: true, forceNew: true, type: 'string', computed: false }],
    ['resource', 'alicloud_image_copy', 'image_name', { required: false, optional: true, computed: true, readOnly: false }],
    ['resource', 'alicloud_image_copy', 'tags', { type: ['map', 'string'] }],
    ['resource', 'alicloud_image_copy', 'id', { readOnly: true, computed: true, optional: false }],
    ['resource', 'alicloud_vpc', 'router_id', { readOnly: true, computed: true }],
    ['resource', 'alicloud_vpc', 'route_table_id', { readOnly: true }],
    ['resource', 'alicloud_instance', 'public_ip', { readOnly: true }],
    ['resource', 'alicloud_instance', 'security_groups', { type: ['set', 'string'] }],
    ['resource', 'alicloud_instance', 'internet_max_bandwidth_out', { type: 'number' }],
    ['resource', 'terraform_data', 'input', { type: 'dynamic', forceNew: false }],
    ['resource', 'terraform_data', 'triggers_replace', { type: 'dynamic', forceNew: true }],
    ['resource', 'terraform_data', 'output', { type: 'dynamic', readOnly: true }],
    ['provider', 'alicloud', 'secret_key', { sensitive: true }],
    ['data', 'alicloud_zones', 'zones', { readOnly: true }],
  ] as const)('%s %s.%s markers', (kind, type, attr, want) => {
    expect(getSchema(kind, type)!.attributes[attr]).toMatchObject(want);
  });

  test('deprecated aliases carry their message', () => {
    expect(copy().attributes.name!.deprecated).toMatch(/image_name/);
    expect(getSchema('resource', 'alicloud_security_group')!.attributes.name!.deprecated).toMatch(/security_group_name/);
  });

  test('timeouts: defaults and a single block', () => {
    expect(copy().timeouts).toEqual({ create: '10m', delete: '10m' });
    expect(copy().blocks.timeouts).toMatchObject({ nesting: 'single' });
    expect(Object.keys(copy().blocks.timeouts!.attributes)).toEqual(['create', 'delete']);
    expect(getSchema('resource', 'terraform_data')!.blocks.timeouts).toBeUndefined();
  });

  test('alicloud_subnet is an alias of alicloud_vswitch', () => {
    const sub = getSchema('resource', 'alicloud_subnet')!;
    expect(sub.aliasOf).toBe('alicloud_vswitch');
    expect(Object.keys(sub.attributes)).toEqual(Object.keys(getSchema('resource', 'alicloud_vswitch')!.attributes));
  });

  test('unknown types give undefined', () => {
    expect(getSchema('resource', 'alicloud_nope')).toBeUndefined();
    expect(getSchema('data', 'alicloud_vpc')).toBeUndefined();
  });

  test('every schema file is valid draft-07 and compiles', () => {
    const ajv = new Ajv({ strict: false, unicodeRegExp: true });
    for (const kind of ['resource', 'data', 'provider'] as const) {
      for (const t of listTypes(kind)) {
        const file = kind === 'provider' ? `provider.${t}.json` : `${t}.json`;
        const raw = JSON.parse(readFileSync(join(schemasDir(), file), 'utf8')) as object;
        expect(ajv.validateSchema(raw), file).toBe(true);
        expect(() => ajv.compile(raw)).not.toThrow();
      }
    }
  });

  test('schemas/config.schema.json is up to date (regenerate: npx tsx src/schema/config-schema.ts)', () => {
    expect(readFileSync(join(schemasDir(), 'config.schema.json'), 'utf8')).toBe(configSchemaText());
  });
});

describe('validateAttributes', () => {
  test.each([
    ['valid', { ...base, image_name: 'terraform-example', description: 'terraform-example', tags: tags(20) }, []],
    ['image_name starting with http://', { ...base, image_name: 'http://x' }, ['Invalid value for argument']],
    ['image_name starting with https://', { ...base, image_name: 'https://example' }, ['Invalid value for argument']],
    ['image_name starting with a digit', { ...base, image_name: '1abc' }, ['Invalid value for argument']],
    ['image_name one character', { ...base, image_name: 'a' }, ['Invalid value for argument']],
    ['image_name 129 characters', { ...base, image_name: 'a'.repeat(129) }, ['Invalid value for argument']],
    ['image_name Chinese', { ...base, image_name: '镜像-copy.1:x_y' }, []],
    ['description one character', { ...base, description: 'a' }, ['Invalid value for argument']],
    ['description 257 characters', { ...base, description: 'a'.repeat(257) }, ['Invalid value for argument']],
    ['description https', { ...base, description: 'https://x.example' }, ['Invalid value for argument']],
    ['21 tags', { ...base, tags: tags(21) }, ['Too many tags']],
    ['tag key too long', { ...base, tags: { ['k'.repeat(129)]: 'v' } }, ['Invalid value for argument']],
    ['tag value too long', { ...base, tags: { k: 'v'.repeat(129) } }, ['Invalid value for argument']],
    ['system tag key', { ...base, tags: { 'acs:x': 'v' } }, ['Invalid value for argument']],
    ['missing source_image_id', { source_region_id: 'cn-hangzhou' }, ['Missing required argument']],
    ['unsupported argument', { ...base, bogus: 1 }, ['Unsupported argument']],
    ['read-only id set', { ...base, id: 'm-1' }, ['Unsupported argument']],
    ['wrong type', { ...base, encrypted: 'yes' }, ['Incorrect attribute value type']],
    ['bool from string converts', { ...base, encrypted: 'true' }, []],
    ['string from number converts', { ...base, description: 12345 }, []],
    ['null is unset', { ...base, description: null }, []],
    ['unknown required argument counts as present', { source_image_id: UNKNOWN, source_region_id: 'cn-hangzhou' }, []],
    ['unknown values are skipped', { ...base, image_name: UNKNOWN, tags: { a: UNKNOWN } }, []],
    ['bad timeout duration', { ...base, timeouts: { create: '10 minutes' } }, ['Invalid value for argument']],
    ['unsupported timeout kind', { ...base, timeouts: { update: '1m' } }, ['Unsupported argument']],
    ['unsupported argument with an unknown value', { ...base, bogus: UNKNOWN }, ['Unsupported argument']],
    ['unsupported argument set to null', { ...base, bogus: null }, ['Unsupported argument']],
    ['unsupported timeout kind with an unknown value', { ...base, timeouts: { create: UNKNOWN, update: UNKNOWN } }, ['Unsupported argument']],
    ['unsupported name in dynamic timeouts', { ...base, timeouts: new DynamicBlocks({ create: UNKNOWN, bogus: UNKNOWN }) }, ['Unsupported argument']],
    ['dynamic timeouts with known names', { ...base, timeouts: new DynamicBlocks({ create: UNKNOWN }) }, []],
  ])('image_copy: %s', (_name, values, want) => {
    const diags = validateAttributes(copy(), values as Record<string, unknown>, ctx).filter((d) => d.severity === 'error');
    expect(diags.map((d) => d.summary)).toEqual(want);
  });

  test('details say the rule and name the argument', () => {
    const [d] = validateAttributes(copy(), { ...base, image_name: 'http://x' }, ctx);
    expect(d!.detail).toContain('"image_name" must be 2 to 128 characters');
    expect(d!.detail).toContain('"http://"');
    expect(d!.address).toBe('alicloud_image_copy.default');
    const [m] = validateAttributes(copy(), { source_region_id: 'cn-hangzhou' }, ctx);
    expect(m!.detail).toBe('The argument "source_image_id" is required, but no definition was found.');
    const [u] = validateAttributes(copy(), { ...base, bogus: 1 }, ctx);
    expect(u!.detail).toBe('An argument named "bogus" is not expected here.');
  });

  test('subjects come from ranges, missing arguments point at the block', () => {
    const at = (line: number) => ({ file: 'main.tf', start: { line, column: 3 } });
    const ranges = (a: string) => (a === 'description' ? at(7) : undefined);
    const diags = validateAttributes(copy(), { source_region_id: 'x-y', description: 'a' }, { ...ctx, ranges, blockRange: at(1), context: 'resource "alicloud_image_copy" "default"' });
    expect(diags.map((d) => [d.summary, d.subject?.start.line, d.context])).toEqual([
      ['Missing required argument', 1, 'resource "alicloud_image_copy" "default"'],
      ['Invalid value for argument', 7, 'resource "alicloud_image_copy" "default"'],
    ]);
  });

  test('deprecated arguments warn unless turned off', () => {
    const on = validateAttributes(copy(), { ...base, name: 'abc' }, ctx);
    expect(on.map((d) => [d.severity, d.summary])).toEqual([['warning', 'Argument is deprecated']]);
    expect(validateAttributes(copy(), { ...base, name: 'abc' }, { ...ctx, deprecations: false })).toEqual([]);
  });

  test.each([
    ['vpc cidr inside 172.16/12', 'alicloud_vpc', { cidr_block: '172.17.3.0/24' }, []],
    ['vpc cidr outside private ranges', 'alicloud_vpc', { cidr_block: '8.8.8.0/24' }, ['Invalid value for argument']],
    ['vpc mask 29', 'alicloud_vpc', { cidr_block: '10.0.0.0/29' }, ['Invalid value for argument']],
    ['vswitch needs vpc_id and cidr_block', 'alicloud_vswitch', { zone_id: 'cn-hangzhou-h' }, ['Missing required argument', 'Missing required argument']],
    ['instance bandwidth 101', 'alicloud_instance', { image_id: 'x', instance_type: 'ecs.n4.small', internet_max_bandwidth_out: 101 }, ['Invalid value for argument']],
    ['instance bandwidth from string', 'alicloud_instance', { image_id: 'x', instance_type: 'ecs.n4.small', internet_max_bandwidth_out: '10' }, []],
    ['instance type prefix', 'alicloud_instance', { image_id: 'x', instance_type: 'n4.small' }, ['Invalid value for argument']],
    ['security group type enum', 'alicloud_security_group', { security_group_type: 'fancy' }, ['Invalid value for argument']],
    ['terraform_data takes anything', 'terraform_data', { input: { a: [1, 'x', null] }, triggers_replace: 'x' }, []],
  ] as const)('%s', (_name, type, values, want) => {
    const diags = validateAttributes(getSchema('resource', type)!, values, { address: `${type}.x` });
    expect(diags.map((d) => d.summary)).toEqual(want);
  });

  test.each((['resource', 'data', 'provider'] as const).flatMap((kind) => listTypes(kind).map((t) => [kind, t] as const)))('%s %s: an undeclared argument is unsupported whatever its value', (kind, type) => {
    const schema = getSchema(kind, type)!;
    const at = (line: number) => ({ file: 'main.tf', start: { line, column: 3 } });
    const lines: Record<string, number> = { bogus: 4, 'nested.bogus': 9 };
    for (const value of [UNKNOWN, 'x', [UNKNOWN], { k: UNKNOWN }]) {
      const d = validateAttributes(schema, { bogus: value }, { address: 'x.y', ranges: (a) => (lines[a] ? at(lines[a]) : undefined) }).filter((x) => x.summary === 'Unsupported argument');
      expect(d.map((x) => [x.detail, x.subject?.start.line])).toEqual([['An argument named "bogus" is not expected here.', 4]]);
    }
    for (const [name, block] of Object.entries(schema.blocks)) {
      const inner = { bogus: UNKNOWN };
      const values = { [name]: block.nesting === 'list' ? [inner] : inner };
      const ranges = (a: string) => (a === `${name}.0.bogus` || a === `${name}.bogus` ? at(9) : undefined);
      const d = validateAttributes(schema, values, { address: 'x.y', ranges }).filter((x) => x.summary === 'Unsupported argument');
      expect(d.map((x) => [x.detail, x.subject?.start.line])).toEqual([['An argument named "bogus" is not expected here.', 9]]);
    }
  });

  test('provider endpoints: one block at most, known keys only', () => {
    const p = getSchema('provider', 'alicloud')!;
    expect(validateAttributes(p, { region: 'cn-hangzhou', endpoints: [{ ecs: '127.0.0.1:1', vpc: '127.0.0.1:1' }] }, { address: 'provider.alicloud' })).toEqual([]);
    const d = validateAttributes(p, { endpoints: [{ ecs: 'a', rds: 'b' }, { vpc: 'c' }] }, { address: 'provider.alicloud' });
    expect(d.map((x) => x.summary).sort()).toEqual(['Too many blocks', 'Unsupported argument']);
  });
});
