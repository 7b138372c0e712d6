import { describe, expect, test } from 'vitest';
import { INSTANCE_TYPES, REGIONS, SYSTEM_IMAGES } from '../../../src/emulator/index.js';
import { alicloudProvider } from '../../../src/providers/alicloud/index.js';
import { ProviderError } from '../../../src/providers/errors.js';
import type { Attributes } from '../../../src/providers/types.js';
import { useTestCloud } from '../../helpers/emulator.js';
import { providerFor } from './cloud.js';
import { makeCtx } from './helpers.js';

const cloud = useTestCloud();
const D = alicloudProvider.dataSources;
const hz = REGIONS.find((r) => r.id === 'cn-hangzhou')!;

async function read(type: string, config: Attributes, region = 'cn-hangzhou'): Promise<Attributes> {
  return D[type]!.read(makeCtx(providerFor(cloud.emu, region)), config);
}

describe('alicloud_zones', () => {
  test.each([
    ['Instance', { available_resource_creation: 'Instance' }, hz.zones.filter((z) => !z.soldOut && z.resourceTypes.includes('Instance'))],
    ['instance type ecs.g6.large', { available_instance_type: 'ecs.g6.large' }, hz.zones.filter((z) => !z.soldOut && z.instanceTypes.includes('ecs.g6.large'))],
    ['disk category cloud_ssd', { available_disk_category: 'cloud_ssd', available_resource_creation: 'VSwitch' }, hz.zones.filter((z) => !z.soldOut && z.diskCategories.includes('cloud_ssd'))],
  ])('%s: sold-out zones dropped, sorted', async (_n, config, zones) => {
    const out = await read('alicloud_zones', config);
    const want = zones.map((z) => z.id).sort();
    expect(want.length).toBeGreaterThan(0);
    expect(out.ids).toEqual(want);
    expect((out.zones as Attributes[]).map((z) => z.id)).toEqual(want);
    expect(typeof out.id).toBe('string');
  });

  test('no zone left is an error', async () => {
    await expect(read('alicloud_zones', { available_instance_type: 'ecs.nonexistent.large' })).rejects.toBeInstanceOf(ProviderError);
  });
});

describe('alicloud_instance_types', () => {
  const onSale = (t: string) => hz.zones.some((z) => !z.soldOut && z.instanceTypes.includes(t));
  test.each<[string, Attributes, (t: (typeof INSTANCE_TYPES)[number]) => boolean]>([
    ['family ecs.sn1ne', { instance_type_family: 'ecs.sn1ne' }, (t) => t.family === 'ecs.sn1ne'],
    ['4 cores', { cpu_core_count: 4 }, (t) => t.cpu === 4],
    ['2 cores 8 GiB', { cpu_core_count: 2, memory_size: 8 }, (t) => t.cpu === 2 && t.memoryGiB === 8],
    ['zone cn-hangzhou-k', { availability_zone: 'cn-hangzhou-k' }, (t) => hz.zones.find((z) => z.id === 'cn-hangzhou-k')!.instanceTypes.includes(t.id)],
  ])('%s', async (_n, config, keep) => {
    const out = await read('alicloud_instance_types', config);
    const want = INSTANCE_TYPES.filter((t) => keep(t) && onSale(t.id))
      .sort((a, b) => a.cpu - b.cpu || a.memoryGiB - b.memoryGiB || (a.id < b.id ? -1 : 1))
      .map((t) => t.id);
    expect(want.length).toBeGreaterThan(0);
    expect(out.ids).toEqual(want);
    const first = (out.instance_types as Attributes[])[0]!;
    const info = INSTANCE_TYPES.find((t) => t.id === want[0])!;
    expect(first).toMatchObject({ id: info.id, cpu_core_count: info.cpu, memory_size: info.memoryGiB, family: info.family });
    expect(first.availability_zones).not.toContain('cn-hangzhou-g');
  });

  test('a sold-out zone is an error', async () => {
    await expect(read('alicloud_instance_types', { availability_zone: 'cn-hangzhou-g' })).rejects.toMatchObject({ apiCode: 'ZoneNotAvailable' });
  });
});

describe('alicloud_images', () => {
  const regex = '^ubuntu_[0-9]+_[0-9]+_x64*';
  const ubuntu = SYSTEM_IMAGES.filter((i) => new RegExp(regex).test(i.id));

  test('name_regex and owners: every matching system image, newest first', async () => {
    const out = await read('alicloud_images', { name_regex: regex, owners: 'system', most_recent: false });
    expect([...(out.ids as string[])].sort()).toEqual(ubuntu.map((i) => i.id).sort());
    expect((out.images as Attributes[])[0]).toMatchObject({ image_owner_alias: 'system', status: 'Available', os_type: 'linux' });
  });

  test('most_recent keeps the newest CreationTime', async () => {
    const newest = [...ubuntu].sort((a, b) => b.createdAt - a.createdAt)[0]!;
    const out = await read('alicloud_images', { name_regex: regex, owners: 'system', most_recent: true });
    expect(out.ids).toEqual([newest.id]);
  });

  test('no match is not an error', async () => {
    const out = await read('alicloud_images', { name_regex: '^nothing-matches$', owners: 'system' });
    expect(out.ids).toEqual([]);
    expect(out.images).toEqual([]);
  });
});
