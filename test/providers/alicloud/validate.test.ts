import { describe, expect, test } from 'vitest';
import { alicloudProvider } from '../../../src/providers/alicloud/index.js';
import { UNKNOWN, type Attributes, type PlanRequest } from '../../../src/providers/types.js';

const view = { name: 'alicloud', alias: 'sh', region: 'cn-shanghai' };
const R = alicloudProvider.resources;
const D = alicloudProvider.dataSources;

function summaries(type: string, config: Attributes, kind: 'resource' | 'data' = 'resource'): string[] {
  const h = kind === 'resource' ? R[type]! : D[type]!;
  return (h.validate?.(config, view) ?? []).map((d) => `${d.severity}: ${d.summary}`);
}

const copy = { source_image_id: 'm-1', source_region_id: 'cn-hangzhou', image_name: 'terraform-example', description: 'terraform-example', tags: { A: 'b' } };

describe('registry', () => {
  test('types', () => {
    expect(Object.keys(R).sort()).toEqual(['alicloud_image', 'alicloud_image_copy', 'alicloud_instance', 'alicloud_security_group', 'alicloud_subnet', 'alicloud_vpc', 'alicloud_vswitch']);
    expect(Object.keys(D).sort()).toEqual(['alicloud_images', 'alicloud_instance_types', 'alicloud_zones']);
    expect(alicloudProvider.source).toBe('registry.terraform.io/aliyun/alicloud');
    expect(R.alicloud_image_copy!.timeouts).toEqual({ create: 600_000, delete: 600_000 });
  });
});

describe('alicloud_image_copy validate', () => {
  test.each<[string, Attributes, string[]]>([
    ['the seed example', copy, []],
    ['unknown values are skipped', { ...copy, image_name: UNKNOWN, description: UNKNOWN, tags: UNKNOWN, source_image_id: UNKNOWN, kms_key_id: 'k', encrypted: UNKNOWN }, []],
    ['name too short', { ...copy, image_name: 'a' }, ['error: Invalid argument value']],
    ['name starting with a digit', { ...copy, image_name: '1abc' }, ['error: Invalid argument value']],
    ['name starting with http://', { ...copy, image_name: 'http://x' }, ['error: Invalid argument value']],
    ['name starting with aliyun', { ...copy, image_name: 'aliyunimage' }, ['error: Invalid argument value']],
    ['Chinese name', { ...copy, image_name: '镜像-副本' }, []],
    ['129-character name', { ...copy, image_name: 'a'.repeat(129) }, ['error: Invalid argument value']],
    ['description too short', { ...copy, description: 'x' }, ['error: Invalid argument value']],
    ['description https://', { ...copy, description: 'https://example' }, ['error: Invalid argument value']],
    ['21 tags', { ...copy, tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }, ['error: Invalid argument value']],
    ['system tag key', { ...copy, tags: { 'acs:x': 'v' } }, ['error: Invalid argument value']],
    ['kms_key_id without encrypted', { ...copy, kms_key_id: 'key-1' }, ['error: Invalid argument value']],
    ['kms_key_id with encrypted = false', { ...copy, kms_key_id: 'key-1', encrypted: false }, ['error: Invalid argument value']],
    ['kms_key_id with encrypted', { ...copy, kms_key_id: 'key-1', encrypted: true }, []],
    ['source region = provider region', { ...copy, source_region_id: 'cn-shanghai' }, ['error: Invalid argument value']],
    ['unknown source region', { ...copy, source_region_id: 'cn-atlantis' }, ['error: Invalid argument value']],
    ['deprecated name alone (the schema warns)', { ...copy, image_name: null, name: 'old-name' }, []],
    ['name and image_name differ', { ...copy, name: 'other-name' }, ['error: Conflicting arguments']],
    ['name and image_name equal', { ...copy, name: 'terraform-example' }, []],
  ])('%s', (_n, config, want) => {
    expect(summaries('alicloud_image_copy', config)).toEqual(want);
  });
});

describe('other types validate', () => {
  test.each<[string, Attributes, string[]]>([
    ['alicloud_vpc', { vpc_name: 'terraform-example', cidr_block: '172.17.3.0/24' }, []],
    ['alicloud_vpc', { vpc_name: 'v', cidr_block: '8.8.8.0/24' }, ['error: Invalid argument value']],
    ['alicloud_vpc', { vpc_name: 'v', cidr_block: '172.17.3.1/24' }, ['error: Invalid argument value']],
    ['alicloud_vpc', { vpc_name: 'v', cidr_block: '10.0.0.0/30' }, ['error: Invalid argument value']],
    ['alicloud_vpc', { name: 'old', cidr_block: UNKNOWN }, []],
    ['alicloud_vswitch', { vswitch_name: 'v', cidr_block: '172.17.3.0/24', vpc_id: UNKNOWN, zone_id: UNKNOWN }, []],
    ['alicloud_vswitch', { cidr_block: '172.17.3.0/30', vpc_id: 'vpc-1', zone_id: 'z' }, ['error: Invalid argument value']],
    ['alicloud_vswitch', { cidr_block: '172.17.3.0/24', vpc_id: 'vpc-1', availability_zone: 'z' }, []],
    ['alicloud_vswitch', { cidr_block: '172.17.3.0/24', vpc_id: 'vpc-1' }, ['error: Missing required argument']],
    ['alicloud_security_group', { name: 'terraform-example', vpc_id: UNKNOWN }, []],
    ['alicloud_security_group', { security_group_name: '-bad', vpc_id: 'vpc-1' }, ['error: Invalid argument value']],
    ['alicloud_instance', { instance_type: 'ecs.sn1ne.large', internet_max_bandwidth_out: 10, instance_name: 'terraform-example' }, []],
    ['alicloud_instance', { instance_type: 'sn1ne.large', internet_max_bandwidth_out: 101 }, ['error: Invalid argument value', 'error: Invalid argument value']],
    ['alicloud_image', { instance_id: UNKNOWN, image_name: 'terraform-example', description: 'terraform-example' }, []],
    ['alicloud_image', { image_name: 'terraform-example' }, ['error: Missing required argument']],
  ])('%s %j', (type, config, want) => {
    expect(summaries(type, config)).toEqual(want);
  });

  test.each<[string, Attributes, string[]]>([
    ['alicloud_images', { name_regex: '^ubuntu_[0-9]+_[0-9]+_x64*', owners: 'system' }, []],
    ['alicloud_images', { name_regex: '([', owners: 'system' }, ['error: Invalid argument value']],
    ['alicloud_images', { owners: 'friends' }, ['error: Invalid argument value']],
    ['alicloud_images', {}, ['error: Missing required argument']],
    ['alicloud_zones', { available_resource_creation: 'Instance' }, []],
    ['alicloud_zones', { available_resource_creation: 'Spaceship' }, ['error: Invalid argument value']],
  ])('data %s %j', (type, config, want) => {
    expect(summaries(type, config, 'data')).toEqual(want);
  });
});

function planReq(prior: Attributes | null, config: Attributes, requiresReplace: (string | number)[][]): PlanRequest {
  const proposed: Attributes = { ...(prior ?? {}) };
  for (const [k, v] of Object.entries(config)) if (v !== null) proposed[k] = v;
  return { prior, proposed, config, requiresReplace };
}

describe('alicloud_image_copy plan', () => {
  const imported = { id: 'm-copy', image_name: 'terraform-example', name: 'terraform-example', description: 'terraform-example', tags: { A: 'b' }, source_image_id: null, source_region_id: null, encrypted: null, kms_key_id: null, force: false };
  const config = { ...copy, name: null, encrypted: false, kms_key_id: null, force: null };

  test('after import, null ForceNew inputs are adopted from configuration instead of replacing', () => {
    const res = R.alicloud_image_copy!.plan!(planReq(imported, config, [['source_image_id'], ['source_region_id'], ['encrypted']]), view);
    expect(res.requiresReplace).toEqual([]);
    expect(res.planned.source_image_id).toBe('m-1');
    expect(res.planned.source_region_id).toBe('cn-hangzhou');
  });

  test('a real change of a known ForceNew input still replaces', () => {
    const prior = { ...imported, source_image_id: 'm-0', source_region_id: 'cn-hangzhou', encrypted: false };
    const res = R.alicloud_image_copy!.plan!(planReq(prior, config, [['source_image_id']]), view);
    expect(res.requiresReplace).toEqual([['source_image_id']]);
  });

  test('on create, id is unknown; name follows image_name', () => {
    const res = R.alicloud_image_copy!.plan!(planReq(null, config, []), view);
    expect(res.planned.id).toBe(UNKNOWN);
    expect(res.planned.name).toBe('terraform-example');
  });

  test('renaming through image_name plans the deprecated name too (and the reverse)', () => {
    const res = R.alicloud_image_copy!.plan!(planReq({ ...imported, source_image_id: 'm-1' }, { ...config, image_name: 'renamed' }, []), view);
    expect([res.planned.image_name, res.planned.name]).toEqual(['renamed', 'renamed']);
    const viaAlias = R.alicloud_image_copy!.plan!(planReq({ ...imported, source_image_id: 'm-1' }, { ...config, image_name: null, name: 'old-style' }, []), view);
    expect([viaAlias.planned.image_name, viaAlias.planned.name]).toEqual(['old-style', 'old-style']);
  });

  test('without a name anywhere on create, both names are unknown', () => {
    const res = R.alicloud_image_copy!.plan!(planReq(null, { ...config, image_name: null }, []), view);
    expect([res.planned.image_name, res.planned.name]).toEqual([UNKNOWN, UNKNOWN]);
  });
});

describe('alicloud_image_copy plan: description', () => {
  const prior = { id: 'm-c', image_name: 'x1', name: 'x1', description: 'inherited', source_image_id: 'm-1', source_region_id: 'cn-hangzhou', encrypted: false, kms_key_id: null };
  test.each<[string, Attributes | null, unknown, unknown]>([
    ['unset keeps the inherited one', prior, null, 'inherited'],
    ['set wins', prior, 'new text', 'new text'],
    ['unset on create is unknown', null, null, UNKNOWN],
  ])('%s', (_n, p, desc, want) => {
    const config = { ...copy, description: desc };
    const res = R.alicloud_image_copy!.plan!(planReq(p, config, []), view);
    expect(res.planned.description).toBe(want);
  });
});
