import { describe, expect, test } from 'vitest';
import { alicloudProvider, type AlicloudClient } from '../../../src/providers/alicloud/index.js';
import { ProviderError } from '../../../src/providers/errors.js';
import type { Attributes } from '../../../src/providers/types.js';
import { useTestCloud } from '../../helpers/emulator.js';
import { providerFor } from './cloud.js';
import { makeCtx } from './helpers.js';

const cloud = useTestCloud();
const R = alicloudProvider.resources;
const UBUNTU = 'ubuntu_18_04_x64_20G_alibase_20230208.vhd';

/** A VPC, vSwitch and security group in cn-hangzhou, made through the handlers. */
async function network(p: AlicloudClient): Promise<{ vpc: Attributes; vsw: Attributes; sg: Attributes }> {
  const vpc = await R.alicloud_vpc!.create(makeCtx(p), { vpc_name: 'net', cidr_block: '172.17.0.0/16' });
  const vsw = await R.alicloud_vswitch!.create(makeCtx(p), { vswitch_name: 'sw', vpc_id: vpc.id, cidr_block: '172.17.3.0/24', zone_id: 'cn-hangzhou-h' });
  const sg = await R.alicloud_security_group!.create(makeCtx(p), { name: 'sg', vpc_id: vpc.id });
  return { vpc, vsw, sg };
}

function instanceConfig(net: { vsw: Attributes; sg: Attributes }): Attributes {
  return {
    image_id: UBUNTU,
    instance_type: 'ecs.sn1ne.large',
    availability_zone: 'cn-hangzhou-h',
    security_groups: [net.sg.id],
    vswitch_id: net.vsw.id,
    instance_name: 'vm-a',
    internet_max_bandwidth_out: 10,
    system_disk_category: 'cloud_efficiency',
    tags: { Role: 'web' },
  };
}

describe('alicloud_instance', () => {
  test('create (waits for Running), read, update in place, import, delete', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const net = await network(p);
    const config = instanceConfig(net);
    const ctx = makeCtx(p);
    const created = await R.alicloud_instance!.create(ctx, config);
    expect(created).toMatchObject({ image_id: UBUNTU, instance_type: 'ecs.sn1ne.large', availability_zone: 'cn-hangzhou-h', security_groups: [net.sg.id], vswitch_id: net.vsw.id, vpc_id: net.vpc.id, instance_name: 'vm-a', internet_max_bandwidth_out: 10, status: 'Running', system_disk_category: 'cloud_efficiency', tags: { Role: 'web' } });
    expect(created.private_ip).toMatch(/^172\.17\.3\./);
    expect(created.public_ip).toBeTruthy();
    expect(ctx.recorded.partials.map((a) => a.id)).toEqual([created.id]);
    expect(ctx.recorded.progress.at(-1)?.message).toBe('Running');
    expect(await R.alicloud_instance!.read(makeCtx(p), created)).toEqual(created);

    const updated = await R.alicloud_instance!.update(makeCtx(p), created, { ...config, instance_name: 'vm-b', tags: { Role: 'db', Tier: '2' } }, ['instance_name', 'tags']);
    expect(updated).toMatchObject({ instance_name: 'vm-b', tags: { Role: 'db', Tier: '2' } });
    expect(await R.alicloud_instance!.read(makeCtx(p), updated)).toEqual(updated);

    const imported = await R.alicloud_instance!.import(makeCtx(p), created.id as string);
    expect(imported).toMatchObject({ id: created.id, instance_name: 'vm-b', image_id: UBUNTU, system_disk_category: null });
    const plan = R.alicloud_instance!.plan!({ prior: imported, proposed: { ...imported, ...config }, config, requiresReplace: [['system_disk_category']] }, { name: 'alicloud', region: 'cn-hangzhou' });
    expect(plan.requiresReplace).toEqual([]);

    await R.alicloud_instance!.delete(makeCtx(p), updated);
    expect(await R.alicloud_instance!.read(makeCtx(p), updated)).toBeNull();
    // The security group and vSwitch are free again.
    await R.alicloud_security_group!.delete(makeCtx(p), net.sg);
    await R.alicloud_vswitch!.delete(makeCtx(p), net.vsw);
  });

  test('status Stopped stops it after creation; Running starts it again; an unset bandwidth stays unset', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const config = { ...instanceConfig(await network(p)), status: 'Stopped', internet_max_bandwidth_out: null };
    const created = await R.alicloud_instance!.create(makeCtx(p), config);
    expect(created).toMatchObject({ status: 'Stopped', internet_max_bandwidth_out: null, public_ip: null });
    expect(await R.alicloud_instance!.read(makeCtx(p), created)).toEqual(created);
    const started = await R.alicloud_instance!.update(makeCtx(p), created, { ...config, status: 'Running' }, ['status']);
    expect(started.status).toBe('Running');
  });

  test('repeating RunInstances with the same ClientToken returns the same instance', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const net = await network(p);
    const a = await R.alicloud_instance!.create(makeCtx(p, { clientToken: 'run-1' }), instanceConfig(net));
    const b = await R.alicloud_instance!.create(makeCtx(p, { clientToken: 'run-1' }), instanceConfig(net));
    expect(b.id).toBe(a.id);
    expect(cloud.emu.control.dump().regions['cn-hangzhou']!.instances).toHaveLength(1);
  });

  test('out-of-band deletion reads as null', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const created = await R.alicloud_instance!.create(makeCtx(p), instanceConfig(await network(p)));
    cloud.emu.control.deleteResource('instance', created.id as string);
    expect(await R.alicloud_instance!.read(makeCtx(p), created)).toBeNull();
    await R.alicloud_instance!.delete(makeCtx(p), created);
  });

  test('a bad image is a fatal error with the API code', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const err = await R.alicloud_instance!.create(makeCtx(p), { ...instanceConfig(await network(p)), image_id: 'm-doesnotexist00000000' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).apiCode).toBe('InvalidImageId.NotFound');
  });
});

describe('alicloud_image', () => {
  test('create from an instance (waits until usable), read, update, import, out-of-band deletion, delete', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const vm = await R.alicloud_instance!.create(makeCtx(p), instanceConfig(await network(p)));
    const config = { instance_id: vm.id, image_name: 'img-a', description: 'image description', tags: { A: '1' } };
    const ctx = makeCtx(p);
    const created = await R.alicloud_image!.create(ctx, config);
    expect(created).toMatchObject({ instance_id: vm.id, image_name: 'img-a', name: 'img-a', description: 'image description', status: 'Available', usable: true, tags: { A: '1' }, force: false });
    expect(ctx.recorded.partials.map((a) => a.id)).toEqual([created.id]);
    expect(await R.alicloud_image!.read(makeCtx(p), created)).toEqual(created);

    const updated = await R.alicloud_image!.update(makeCtx(p), created, { ...config, image_name: 'img-b', description: 'new description', tags: { B: '2' } }, ['image_name', 'description', 'tags']);
    expect(updated).toMatchObject({ image_name: 'img-b', name: 'img-b', description: 'new description', tags: { B: '2' } });

    const imported = await R.alicloud_image!.import(makeCtx(p), created.id as string);
    expect(imported).toMatchObject({ id: created.id, image_name: 'img-b', instance_id: null });
    const plan = R.alicloud_image!.plan!({ prior: imported, proposed: { ...imported, ...config }, config, requiresReplace: [['instance_id']] }, { name: 'alicloud', region: 'cn-hangzhou' });
    expect(plan.requiresReplace).toEqual([]);

    // In use by the instance it came from? No: made from it, not launched from it, so DeleteImage works.
    await R.alicloud_image!.delete(makeCtx(p), updated);
    expect(await R.alicloud_image!.read(makeCtx(p), updated)).toBeNull();

    const again = await R.alicloud_image!.create(makeCtx(p), { ...config, image_name: 'img-c' });
    cloud.emu.control.deleteResource('image', again.id as string);
    expect(await R.alicloud_image!.read(makeCtx(p), again)).toBeNull();
  });

  test('an image used by an instance needs force = true', async () => {
    const p = providerFor(cloud.emu, 'cn-hangzhou');
    const net = await network(p);
    const vm = await R.alicloud_instance!.create(makeCtx(p), instanceConfig(net));
    const img = await R.alicloud_image!.create(makeCtx(p), { instance_id: vm.id, image_name: 'base' });
    await R.alicloud_instance!.create(makeCtx(p), { ...instanceConfig(net), image_id: img.id, instance_name: 'child' });
    const err = await R.alicloud_image!.delete(makeCtx(p), img).catch((e: unknown) => e);
    expect(err).toMatchObject({ apiCode: 'ImageUsingByInstance' });
    expect((err as Error).message).toContain('force = true');
    await R.alicloud_image!.delete(makeCtx(p), { ...img, force: true });
    expect(await R.alicloud_image!.read(makeCtx(p), img)).toBeNull();
  });
});
