import { describe, expect, test } from 'vitest';
import { alicloudProvider, type AlicloudClient } from '../../../src/providers/alicloud/index.js';
import { TimeoutError } from '../../../src/providers/errors.js';
import type { Attributes } from '../../../src/providers/types.js';
import { Ecs, eventually, useTestCloud } from '../../helpers/emulator.js';
import { providerFor } from './cloud.js';
import { makeCtx } from './helpers.js';

const cloud = useTestCloud();
const R = alicloudProvider.resources;
const copyHandler = R.alicloud_image_copy!;
const UBUNTU = 'ubuntu_18_04_x64_20G_alibase_20230208.vhd';

/** Builds a custom image in cn-hangzhou through the handlers (network, instance, image). */
async function sourceImage(): Promise<string> {
  const hz = providerFor(cloud.emu, 'cn-hangzhou');
  const vpc = await R.alicloud_vpc!.create(makeCtx(hz), { vpc_name: 'net', cidr_block: '172.17.3.0/24' });
  const vsw = await R.alicloud_vswitch!.create(makeCtx(hz), { vswitch_name: 'sw', vpc_id: vpc.id, cidr_block: '172.17.3.0/24', zone_id: 'cn-hangzhou-h' });
  const sg = await R.alicloud_security_group!.create(makeCtx(hz), { name: 'sg', vpc_id: vpc.id });
  const vm = await R.alicloud_instance!.create(makeCtx(hz), { image_id: UBUNTU, instance_type: 'ecs.sn1ne.large', security_groups: [sg.id], vswitch_id: vsw.id, instance_name: 'vm' });
  const img = await R.alicloud_image!.create(makeCtx(hz), { instance_id: vm.id, image_name: 'terraform-example', description: 'terraform-example' });
  return img.id as string;
}

function copyConfig(source: string): Attributes {
  return {
    source_image_id: source,
    source_region_id: 'cn-hangzhou',
    image_name: 'terraform-example',
    name: null,
    description: 'terraform-example',
    encrypted: false,
    kms_key_id: null,
    force: false,
    tags: { FinanceDept: 'FinanceDeptJoshua' },
  };
}

function shanghai(): AlicloudClient {
  return providerFor(cloud.emu, 'cn-shanghai');
}

function log(action?: string) {
  return cloud.emu.control.requestLog().filter((e) => !action || e.action === action);
}

describe('alicloud_image_copy', () => {
  test('copies from cn-hangzhou into cn-shanghai with tags, reporting progress; read, update, import, delete', async () => {
    const source = await sourceImage();
    cloud.emu.control.setSpeed(100); // a 60 s copy takes 0.6 s: several polls see it Creating
    const p = shanghai();
    const ctx = makeCtx(p, { clientToken: 'copy-token-1' });
    const created = await copyHandler.create(ctx, copyConfig(source));
    expect(created).toMatchObject({ source_image_id: source, source_region_id: 'cn-hangzhou', image_name: 'terraform-example', name: 'terraform-example', description: 'terraform-example', encrypted: false, force: false, status: 'Available', progress: '100%', tags: { FinanceDept: 'FinanceDeptJoshua' } });
    expect(created.id).toMatch(/^m-/);
    expect(created.id).not.toBe(source);
    expect(ctx.recorded.partials).toHaveLength(1);
    expect(ctx.recorded.partials[0]!.id).toBe(created.id);
    const creating = ctx.recorded.progress.filter((u) => u.message === 'Creating' && u.percent !== undefined && u.percent > 0 && u.percent < 100);
    expect(creating.length).toBeGreaterThan(0);
    expect(ctx.recorded.progress.at(-1)).toEqual({ percent: 100, message: 'Available' });
    // CopyImage went to the source region; the copy lives in the destination.
    expect(log('CopyImage').map((e) => [e.region, e.status])).toEqual([['cn-hangzhou', 200]]);
    expect(cloud.emu.control.dump().regions['cn-shanghai']!.images.map((i) => i.id)).toEqual([created.id]);

    cloud.emu.control.setSpeed(1000);
    expect(await copyHandler.read(makeCtx(p), created)).toEqual(created);

    const next = { ...copyConfig(source), image_name: 'renamed-copy', description: 'another description', tags: { FinanceDept: 'Other', Extra: 'x' } };
    const updated = await copyHandler.update(makeCtx(p), created, next, ['image_name', 'description', 'tags']);
    expect(updated).toMatchObject({ image_name: 'renamed-copy', name: 'renamed-copy', description: 'another description', tags: { FinanceDept: 'Other', Extra: 'x' }, source_image_id: source });
    expect(await copyHandler.read(makeCtx(p), updated)).toEqual(updated);

    const imported = await copyHandler.import(makeCtx(p), created.id as string);
    expect(imported).toMatchObject({ id: created.id, image_name: 'renamed-copy', source_image_id: null, source_region_id: null, encrypted: null });
    const plan = copyHandler.plan!({ prior: imported, proposed: { ...imported, ...next }, config: next, requiresReplace: [['source_image_id'], ['source_region_id'], ['encrypted']] }, { name: 'alicloud', region: 'cn-shanghai' });
    expect(plan.requiresReplace).toEqual([]);
    const adopted = await copyHandler.update(makeCtx(p), imported!, next, ['source_image_id', 'source_region_id', 'encrypted']);
    expect(adopted).toMatchObject({ source_image_id: source, source_region_id: 'cn-hangzhou', encrypted: false });

    cloud.emu.control.clearRequestLog();
    await copyHandler.delete(makeCtx(p), updated);
    expect(await copyHandler.read(makeCtx(p), updated)).toBeNull();
    expect(log('DeleteImage').length).toBe(1);
    expect(log('CancelCopyImage')).toEqual([]);
  });

  test('the same ClientToken returns the same image and copies nothing new', async () => {
    const source = await sourceImage();
    const p = shanghai();
    const a = await copyHandler.create(makeCtx(p, { clientToken: 'same-token' }), copyConfig(source));
    const b = await copyHandler.create(makeCtx(p, { clientToken: 'same-token' }), copyConfig(source));
    expect(b.id).toBe(a.id);
    expect(cloud.emu.control.dump().regions['cn-shanghai']!.images).toHaveLength(1);
    const c = await copyHandler.create(makeCtx(p, { clientToken: 'other-token' }), { ...copyConfig(source), image_name: 'second-copy' });
    expect(c.id).not.toBe(a.id);
  });

  test('create timeout: TimeoutError after recordPartial kept the ID; then destroy while Creating cancels the copy', async () => {
    const source = await sourceImage();
    cloud.emu.control.setSpeed(0); // the copy never finishes on its own
    const p = shanghai();
    const ctx = makeCtx(p, { timeoutMs: 400 });
    const err = await copyHandler.create(ctx, copyConfig(source)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).operation).toBe('create');
    expect(['Waiting', 'Creating']).toContain((err as TimeoutError).lastStatus);
    expect(ctx.recorded.partials).toHaveLength(1);
    const partial = ctx.recorded.partials[0]!;
    expect((err as Error).message).toContain(partial.id as string);
    expect(await copyHandler.read(makeCtx(p), partial)).toMatchObject({ id: partial.id });

    cloud.emu.control.clearRequestLog();
    await copyHandler.delete(makeCtx(p), partial);
    expect(log('CancelCopyImage').map((e) => e.status)).toEqual([200]);
    expect(log('DeleteImage')).toEqual([]);
    expect(cloud.emu.control.dump().regions['cn-shanghai']!.images).toEqual([]);
    expect(await copyHandler.read(makeCtx(p), partial)).toBeNull();
  });

  test('CancelNotSupported: destroy waits for the copy to finish, then deletes it', async () => {
    const source = await sourceImage();
    cloud.emu.control.setSpeed(0);
    const p = shanghai();
    const ctx = makeCtx(p, { timeoutMs: 200 });
    await expect(copyHandler.create(ctx, copyConfig(source))).rejects.toBeInstanceOf(TimeoutError);
    const partial = ctx.recorded.partials[0]!;
    cloud.emu.control.setFaults({ cancelNotSupported: true });
    cloud.emu.control.clearRequestLog();
    cloud.emu.control.setSpeed(1000);
    await copyHandler.delete(makeCtx(p), partial);
    expect(log('CancelCopyImage').map((e) => e.code)).toEqual(['CancelNotSupported']);
    expect(log('DeleteImage').map((e) => e.status)).toEqual([200]);
    expect(await copyHandler.read(makeCtx(p), partial)).toBeNull();
  });

  test('throttling on CopyImage and DescribeImages is retried (same ClientToken, one copy)', async () => {
    const source = await sourceImage();
    const c = cloud.emu.control;
    c.clearRequestLog();
    c.setFaults({ retryAfterMs: 20, perAction: { CopyImage: { throttleRate: 1 } } });
    const p = shanghai();
    const ctx = makeCtx(p);
    const pending = copyHandler.create(ctx, copyConfig(source));
    await eventually(async () => (log('CopyImage').filter((e) => e.code === 'Throttling.User').length >= 2 ? true : undefined));
    c.setSpeed(0);
    c.setFaults({ retryAfterMs: 20, perAction: { DescribeImages: { throttleRate: 1 } } });
    await eventually(async () => (ctx.recorded.partials.length > 0 ? true : undefined));
    await eventually(async () => (log('DescribeImages').filter((e) => e.code === 'Throttling.User').length >= 2 ? true : undefined));
    c.setFaults({});
    c.setSpeed(1000);
    const created = await pending;
    expect(created.id).toBe(ctx.recorded.partials[0]!.id);
    expect(log('CopyImage').filter((e) => e.status === 200)).toHaveLength(1);
    expect(log('DescribeImages').filter((e) => e.status === 200).length).toBeGreaterThan(0);
    expect(c.dump().regions['cn-shanghai']!.images).toHaveLength(1);
  });

  test('a lost CopyImage answer (503 after the copy was made) is retried with the same ClientToken: one copy', async () => {
    const source = await sourceImage();
    cloud.emu.control.clearRequestLog();
    cloud.emu.control.injectError('CopyImage', { code: 'ServiceUnavailable', status: 503, after: true });
    const ctx = makeCtx(shanghai());
    const created = await copyHandler.create(ctx, copyConfig(source));
    expect(log('CopyImage').map((e) => e.status)).toEqual([503, 200]);
    expect(cloud.emu.control.dump().regions['cn-shanghai']!.images.map((i) => i.id)).toEqual([created.id]);
  });

  test('IncorrectImageStatus from CancelCopyImage: re-read, cancel again; 5xx on DeleteImage retried', async () => {
    const source = await sourceImage();
    cloud.emu.control.setSpeed(0);
    const p = shanghai();
    const ctx = makeCtx(p, { timeoutMs: 200 });
    await expect(copyHandler.create(ctx, copyConfig(source))).rejects.toBeInstanceOf(TimeoutError);
    const partial = ctx.recorded.partials[0]!;
    cloud.emu.control.injectError('CancelCopyImage', { code: 'IncorrectImageStatus', status: 400 });
    cloud.emu.control.clearRequestLog();
    await copyHandler.delete(makeCtx(p), partial);
    expect(log('CancelCopyImage').map((e) => e.status)).toEqual([400, 200]);
    expect(await copyHandler.read(makeCtx(p), partial)).toBeNull();

    cloud.emu.control.setSpeed(1000);
    const done = await copyHandler.create(makeCtx(p), copyConfig(source));
    cloud.emu.control.injectError('DeleteImage', { code: 'InternalError', status: 500, times: 2 });
    cloud.emu.control.clearRequestLog();
    await copyHandler.delete(makeCtx(p), done);
    expect(log('DeleteImage').map((e) => e.status)).toEqual([500, 500, 200]);
    expect(await copyHandler.read(makeCtx(p), done)).toBeNull();
  });

  test('delete_auto_snapshot removes the snapshots of the copy too; without it they stay', async () => {
    const source = await sourceImage();
    const p = shanghai();
    const snaps = () => cloud.emu.control.dump().regions['cn-shanghai']!.snapshots.length;
    const kept = await copyHandler.create(makeCtx(p), copyConfig(source));
    expect(snaps()).toBeGreaterThan(0);
    const before = snaps();
    await copyHandler.delete(makeCtx(p), kept);
    expect(snaps()).toBe(before);
    const cleaned = await copyHandler.create(makeCtx(p), { ...copyConfig(source), delete_auto_snapshot: true });
    expect(snaps()).toBeGreaterThan(before);
    await copyHandler.delete(makeCtx(p), cleaned);
    expect(snaps()).toBe(before);
  });

  test('a Deprecated copy is still read; out-of-band deletion reads as null', async () => {
    const source = await sourceImage();
    const p = shanghai();
    const created = await copyHandler.create(makeCtx(p), copyConfig(source));
    await cloud.ecs.modifyImageAttribute(new Ecs.ModifyImageAttributeRequest({ regionId: 'cn-shanghai', imageId: created.id as string, status: 'Deprecated' }));
    expect(await copyHandler.read(makeCtx(p), created)).toMatchObject({ id: created.id, image_name: 'terraform-example' });
    cloud.emu.control.deleteResource('image', created.id as string);
    expect(await copyHandler.read(makeCtx(p), created)).toBeNull();
    await copyHandler.delete(makeCtx(p), created);
  });

  test('a missing source image fails at once with the API code and RequestId', async () => {
    const p = shanghai();
    const ctx = makeCtx(p);
    const err = await copyHandler.create(ctx, copyConfig('m-doesnotexist00000000')).catch((e: unknown) => e);
    expect(err).toMatchObject({ apiCode: 'InvalidImageId.NotFound', errorClass: 'fatal' });
    expect((err as { requestId?: string }).requestId).toBeTruthy();
    expect(ctx.recorded.partials).toEqual([]);
    expect(log('CopyImage')).toHaveLength(1);
  });
});
