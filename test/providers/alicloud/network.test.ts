import { describe, expect, test } from 'vitest';
import { alicloudProvider } from '../../../src/providers/alicloud/index.js';
import { ProviderError } from '../../../src/providers/errors.js';
import type { Attributes } from '../../../src/providers/types.js';
import { useTestCloud } from '../../helpers/emulator.js';
import { embeddedProvider, providerFor } from './cloud.js';
import { makeCtx } from './helpers.js';

const cloud = useTestCloud();
const R = alicloudProvider.resources;

const vpcConfig: Attributes = { vpc_name: 'net-a', name: null, cidr_block: '172.17.0.0/16', description: 'first description', tags: { Team: 'a', Env: 'test' } };

async function createVpc(region = 'cn-hangzhou', config: Attributes = vpcConfig): Promise<Attributes> {
  const p = providerFor(cloud.emu, region);
  return R.alicloud_vpc!.create(makeCtx(p), config);
}

describe('alicloud_vpc', () => {
  test('create, read, update in place, import, delete', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const ctx = makeCtx(p);
    const created = await R.alicloud_vpc!.create(ctx, vpcConfig);
    expect(created).toMatchObject({ vpc_name: 'net-a', name: 'net-a', cidr_block: '172.17.0.0/16', description: 'first description', status: 'Available', tags: { Team: 'a', Env: 'test' } });
    expect(created.id).toMatch(/^vpc-/);
    expect(created.router_id).toMatch(/^vrt-/);
    expect(created.route_table_id).toMatch(/^vtb-/);
    expect(ctx.recorded.partials.map((a) => a.id)).toEqual([created.id]);

    expect(await R.alicloud_vpc!.read(makeCtx(p), created)).toEqual(created);

    const next = { ...vpcConfig, vpc_name: 'net-b', description: 'second description', tags: { Team: 'b', Owner: 'me' } };
    const updated = await R.alicloud_vpc!.update(makeCtx(p), created, next, ['vpc_name', 'description', 'tags']);
    expect(updated).toMatchObject({ id: created.id, vpc_name: 'net-b', name: 'net-b', description: 'second description', tags: { Team: 'b', Owner: 'me' } });
    expect(await R.alicloud_vpc!.read(makeCtx(p), updated)).toEqual(updated);

    const imported = await R.alicloud_vpc!.import(makeCtx(p), created.id as string);
    expect(imported).toMatchObject({ id: created.id, vpc_name: 'net-b', cidr_block: '172.17.0.0/16', tags: { Team: 'b', Owner: 'me' } });

    await R.alicloud_vpc!.delete(makeCtx(p), updated);
    expect(await R.alicloud_vpc!.read(makeCtx(p), updated)).toBeNull();
    await R.alicloud_vpc!.delete(makeCtx(p), updated); // a missing VPC is success
  });

  test('every create passes the ClientToken: repeating it returns the same VPC', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const a = await R.alicloud_vpc!.create(makeCtx(p, { clientToken: 'vpc-token-1' }), vpcConfig);
    const b = await R.alicloud_vpc!.create(makeCtx(p, { clientToken: 'vpc-token-1' }), vpcConfig);
    expect(b.id).toBe(a.id);
    expect(cloud.emu.control.dump().regions['cn-hangzhou']!.vpcs.map((v) => v.id)).toEqual([a.id]);
  });

  test('out-of-band deletion reads as null; import of a missing ID is null', async () => {
    const created = await createVpc();
    expect(cloud.emu.control.deleteResource('vpc', created.id as string)).toBe(true);
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    expect(await R.alicloud_vpc!.read(makeCtx(p), created)).toBeNull();
    expect(await R.alicloud_vpc!.import(makeCtx(p), 'vpc-doesnotexist0000000')).toBeNull();
  });

  test('removing every tag writes back an empty map', async () => {
    const created = await createVpc();
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const updated = await R.alicloud_vpc!.update(makeCtx(p), created, { ...vpcConfig, tags: {} }, ['tags']);
    expect(updated.tags).toEqual({});
  });

  test('embedded emulator mode works without configured credentials', async () => {
    const p = embeddedProvider(cloud.emu, 'cn-shanghai');
    const created = await R.alicloud_vpc!.create(makeCtx(p), { ...vpcConfig, tags: null });
    expect(created.tags).toBeNull();
    expect(cloud.emu.control.dump().regions['cn-shanghai']!.vpcs.map((v) => v.id)).toEqual([created.id]);
  });
});

describe('alicloud_vswitch and alicloud_subnet', () => {
  test.each(['alicloud_vswitch', 'alicloud_subnet'])('%s: create, read, update, import, out-of-band deletion, delete', async (type) => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const vpc = await createVpc();
    const config = { vswitch_name: 'sw-a', vpc_id: vpc.id, cidr_block: '172.17.3.0/24', zone_id: 'cn-hangzhou-h', availability_zone: null, description: 'sw description', tags: { A: '1' } };
    const created = await R[type]!.create(makeCtx(p), config);
    expect(created).toMatchObject({ vswitch_name: 'sw-a', vpc_id: vpc.id, cidr_block: '172.17.3.0/24', zone_id: 'cn-hangzhou-h', availability_zone: 'cn-hangzhou-h', status: 'Available', tags: { A: '1' } });
    expect(await R[type]!.read(makeCtx(p), created)).toEqual(created);
    const updated = await R[type]!.update(makeCtx(p), created, { ...config, vswitch_name: 'sw-b', description: 'other description', tags: { B: '2' } }, ['vswitch_name', 'description', 'tags']);
    expect(updated).toMatchObject({ vswitch_name: 'sw-b', name: 'sw-b', description: 'other description', tags: { B: '2' } });
    expect(await R[type]!.import(makeCtx(p), created.id as string)).toMatchObject({ id: created.id, vswitch_name: 'sw-b', vpc_id: vpc.id });
    await R[type]!.delete(makeCtx(p), updated);
    expect(await R[type]!.read(makeCtx(p), updated)).toBeNull();

    const again = await R[type]!.create(makeCtx(p), config);
    cloud.emu.control.deleteResource('vswitch', again.id as string);
    expect(await R[type]!.read(makeCtx(p), again)).toBeNull();
  });

  test('W codes: TaskConflict on CreateVSwitch is retried with the same ClientToken', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const vpc = await createVpc();
    cloud.emu.control.injectError('CreateVSwitch', { code: 'TaskConflict', status: 400, times: 3 });
    cloud.emu.control.clearRequestLog();
    const sw = await R.alicloud_vswitch!.create(makeCtx(p), { vswitch_name: 'sw', vpc_id: vpc.id, cidr_block: '172.17.5.0/24', zone_id: 'cn-hangzhou-h' });
    expect(sw.status).toBe('Available');
    expect(cloud.emu.control.requestLog().filter((e) => e.action === 'CreateVSwitch').map((e) => e.code ?? e.status)).toEqual(['TaskConflict', 'TaskConflict', 'TaskConflict', 200]);
  });

  test('deleting a VPC waits while its vSwitch is being deleted', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const vpc = await createVpc();
    const sw = await R.alicloud_vswitch!.create(makeCtx(p), { vswitch_name: 'sw', vpc_id: vpc.id, cidr_block: '172.17.4.0/24', zone_id: 'cn-hangzhou-h' });
    const swDelete = R.alicloud_vswitch!.delete(makeCtx(p), sw);
    await R.alicloud_vpc!.delete(makeCtx(p), vpc);
    await swDelete;
    expect(await R.alicloud_vpc!.read(makeCtx(p), vpc)).toBeNull();
  });
});

describe('alicloud_security_group', () => {
  test('create, read, update in place, import, out-of-band deletion, delete', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const vpc = await createVpc();
    const config = { name: 'sg-a', security_group_name: null, vpc_id: vpc.id, description: 'sg description', tags: { A: '1' } };
    const created = await R.alicloud_security_group!.create(makeCtx(p), config);
    expect(created).toMatchObject({ name: 'sg-a', security_group_name: 'sg-a', vpc_id: vpc.id, description: 'sg description', tags: { A: '1' }, security_group_type: 'normal' });
    expect(await R.alicloud_security_group!.read(makeCtx(p), created)).toEqual(created);
    const updated = await R.alicloud_security_group!.update(makeCtx(p), created, { ...config, name: 'sg-b', description: 'new description', tags: {} }, ['name', 'description', 'tags']);
    expect(updated).toMatchObject({ name: 'sg-b', security_group_name: 'sg-b', description: 'new description', tags: {} });
    expect(await R.alicloud_security_group!.import(makeCtx(p), created.id as string)).toMatchObject({ id: created.id, name: 'sg-b', vpc_id: vpc.id });
    await R.alicloud_security_group!.delete(makeCtx(p), updated);
    expect(await R.alicloud_security_group!.read(makeCtx(p), updated)).toBeNull();

    const again = await R.alicloud_security_group!.create(makeCtx(p), config);
    cloud.emu.control.deleteResource('securityGroup', again.id as string);
    expect(await R.alicloud_security_group!.read(makeCtx(p), again)).toBeNull();
  });
});

describe('wrong credentials', () => {
  test.each([
    ['unknown access key', { id: 'LTAI-unknown', secret: 'whatever' }, 'InvalidAccessKeyId.NotFound'],
    ['wrong secret', { id: 'LTAI5tMinitfEmulatorDemo', secret: 'not-the-secret' }, 'SignatureDoesNotMatch'],
  ])('%s: a clear, fatal error naming the provider, sent once, without the secret', async (_n, creds, code) => {
    const p = providerFor(cloud.emu, 'cn-hangzhou', creds);
    cloud.emu.control.clearRequestLog();
    const err = await R.alicloud_vpc!.create(makeCtx(p), vpcConfig).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    const pe = err as ProviderError;
    expect(pe.apiCode).toBe(code);
    expect(pe.errorClass).toBe('fatal');
    expect(pe.message).toContain('provider["registry.terraform.io/aliyun/alicloud"]');
    expect(pe.message).toContain('access_key');
    expect(pe.message).not.toContain(creds.secret);
    expect(pe.requestId).toBeTruthy();
    expect(cloud.emu.control.requestLog()).toHaveLength(1);
  });
});
