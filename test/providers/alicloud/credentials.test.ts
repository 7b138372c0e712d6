import { describe, expect, test } from 'vitest';
import { alicloudProvider } from '../../../src/providers/alicloud/index.js';
import { ProviderError } from '../../../src/providers/errors.js';
import type { Attributes } from '../../../src/providers/types.js';
import { useTestCloud } from '../../helpers/emulator.js';
import { providerFor } from './cloud.js';
import { makeCtx } from './helpers.js';

const cloud = useTestCloud();
const R = alicloudProvider.resources;
const D = alicloudProvider.dataSources;
const BAD = { id: 'LTAI5tMinitfEmulatorDemo', secret: 'definitely-not-the-secret' };

const creates: [string, string, Attributes][] = [
  ['alicloud_vpc', 'cn-hangzhou', { vpc_name: 'v', cidr_block: '10.0.0.0/16' }],
  ['alicloud_vswitch', 'cn-hangzhou', { vpc_id: 'vpc-x', cidr_block: '10.0.0.0/24', zone_id: 'cn-hangzhou-h' }],
  ['alicloud_subnet', 'cn-hangzhou', { vpc_id: 'vpc-x', cidr_block: '10.0.0.0/24', zone_id: 'cn-hangzhou-h' }],
  ['alicloud_security_group', 'cn-hangzhou', { name: 'sg' }],
  ['alicloud_instance', 'cn-hangzhou', { image_id: 'm-x', instance_type: 'ecs.sn1ne.large', vswitch_id: 'vsw-x', security_groups: ['sg-x'] }],
  ['alicloud_image', 'cn-hangzhou', { instance_id: 'i-x', image_name: 'img' }],
  ['alicloud_image_copy', 'cn-shanghai', { source_image_id: 'm-x', source_region_id: 'cn-hangzhou', image_name: 'copy' }],
];

function expectCredentialError(err: unknown): void {
  expect(err).toBeInstanceOf(ProviderError);
  const pe = err as ProviderError;
  expect(pe.apiCode).toBe('SignatureDoesNotMatch');
  expect(pe.errorClass).toBe('fatal');
  expect(pe.message).toContain('rejected the credentials of provider["registry.terraform.io/aliyun/alicloud"]');
  expect(pe.message).not.toContain(BAD.secret);
}

describe('wrong credentials: a clear fatal error after one request, for every type', () => {
  test.each(creates)('%s create', async (type, region, config) => {
    cloud.emu.control.clearRequestLog();
    const ctx = makeCtx(providerFor(cloud.emu, region, BAD));
    expectCredentialError(await R[type]!.create(ctx, config).catch((e: unknown) => e));
    expect(ctx.recorded.partials).toEqual([]);
    expect(cloud.emu.control.requestLog()).toHaveLength(1);
  });

  test.each(creates)('%s read', async (type, region) => {
    const ctx = makeCtx(providerFor(cloud.emu, region, BAD));
    expectCredentialError(await R[type]!.read(ctx, { id: 'x-123' }).catch((e: unknown) => e));
  });

  test.each<[string, Attributes]>([
    ['alicloud_zones', { available_resource_creation: 'Instance' }],
    ['alicloud_instance_types', { instance_type_family: 'ecs.sn1ne' }],
    ['alicloud_images', { owners: 'system' }],
  ])('data %s', async (type, config) => {
    cloud.emu.control.clearRequestLog();
    expectCredentialError(await D[type]!.read(makeCtx(providerFor(cloud.emu, 'cn-hangzhou', BAD)), config).catch((e: unknown) => e));
    expect(cloud.emu.control.requestLog()).toHaveLength(1);
  });
});
