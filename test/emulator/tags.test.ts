import { describe, expect, test } from 'vitest';
import { Ecs, Vpc, useTestCloud } from '../helpers/emulator.js';
import { apiError, buildImage, buildWorld } from './world.js';

const cloud = useTestCloud();

const ecsTag = (key: string, value = 'v'): Ecs.TagResourcesRequestTag => new Ecs.TagResourcesRequestTag({ key, value });

async function ecsTags(region: string, type: string, id: string): Promise<Record<string, string>> {
  const r = await cloud.ecs.listTagResources(new Ecs.ListTagResourcesRequest({ regionId: region, resourceType: type, resourceId: [id] }));
  return Object.fromEntries(r.body!.tagResources!.tagResource!.map((t) => [t.tagKey!, t.tagValue!]));
}

describe('ECS tags', () => {
  test.each(['image', 'instance', 'securitygroup', 'snapshot'])('Tag, list and untag a %s', async (type) => {
    const w = await buildWorld(cloud);
    const img = await buildImage(cloud, w);
    const id = { image: img, instance: w.instanceId, securitygroup: w.sgId, snapshot: cloud.emu.control.dump().regions[w.region]!.snapshots[0]!.id }[type]!;
    await cloud.ecs.tagResources(new Ecs.TagResourcesRequest({ regionId: w.region, resourceType: type, resourceId: [id], tag: [ecsTag('a', '1'), ecsTag('b', '2')] }));
    await cloud.ecs.tagResources(new Ecs.TagResourcesRequest({ regionId: w.region, resourceType: type, resourceId: [id], tag: [ecsTag('a', '3')] }));
    expect(await ecsTags(w.region, type, id)).toEqual({ a: '3', b: '2' });
    await cloud.ecs.untagResources(new Ecs.UntagResourcesRequest({ regionId: w.region, resourceType: type, resourceId: [id], tagKey: ['a'] }));
    expect(await ecsTags(w.region, type, id)).toEqual({ b: '2' });
    await cloud.ecs.untagResources(new Ecs.UntagResourcesRequest({ regionId: w.region, resourceType: type, resourceId: [id], all: true }));
    expect(await ecsTags(w.region, type, id)).toEqual({});
  });

  test.each([
    ['21 tags in one call', { tag: Array.from({ length: 21 }, (_, i) => ecsTag(`k${i}`)) }, 'InvalidTagCount', 400],
    ['system prefix aliyun', { tag: [ecsTag('aliyun-x')] }, 'InvalidTagKey.Malformed', 400],
    ['system prefix acs:', { tag: [ecsTag('acs:x')] }, 'InvalidTagKey.Malformed', 400],
    ['value too long', { tag: [ecsTag('k', 'x'.repeat(129))] }, 'InvalidTagValue.Malformed', 400],
    ['unknown resource', { resourceId: ['m-none'] }, 'InvalidResourceId.NotFound', 404],
    ['unknown type', { resourceType: 'toaster' }, 'InvalidResourceType.NotFound', 404],
    ['no tags', { tag: [] }, 'MissingParameter', 400],
  ])('TagResources %s → %s', async (_n, over, code, status) => {
    const w = await buildWorld(cloud);
    const img = await buildImage(cloud, w);
    const e = await apiError(() => cloud.ecs.tagResources(new Ecs.TagResourcesRequest({ regionId: w.region, resourceType: 'image', resourceId: [img], tag: [ecsTag('ok')], ...over })));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });

  test('a resource holds at most 20 user tags across calls', async () => {
    const w = await buildWorld(cloud);
    const img = await buildImage(cloud, w);
    await cloud.ecs.tagResources(new Ecs.TagResourcesRequest({ regionId: w.region, resourceType: 'image', resourceId: [img], tag: Array.from({ length: 20 }, (_, i) => ecsTag(`k${i}`)) }));
    const e = await apiError(() => cloud.ecs.tagResources(new Ecs.TagResourcesRequest({ regionId: w.region, resourceType: 'image', resourceId: [img], tag: [ecsTag('one-more')] })));
    expect(e.code).toBe('InvalidTagCount');
    expect(Object.keys(await ecsTags(w.region, 'image', img))).toHaveLength(20);
  });

  test('ListTagResources by tag filter pages with NextToken', async () => {
    const w = await buildWorld(cloud);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await buildImage(cloud, w, `img-${i}`));
    await cloud.ecs.tagResources(new Ecs.TagResourcesRequest({ regionId: w.region, resourceType: 'image', resourceId: ids, tag: Array.from({ length: 20 }, (_, i) => ecsTag(`k${i}`)) }));
    const rows: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await cloud.ecs.listTagResources(new Ecs.ListTagResourcesRequest({ regionId: w.region, resourceType: 'image', tag: [new Ecs.ListTagResourcesRequestTag({ key: 'k0' })], ...(token ? { nextToken: token } : {}) }));
      rows.push(...r.body!.tagResources!.tagResource!.map((t) => `${t.resourceId}/${t.tagKey}`));
      token = r.body!.nextToken;
      pages++;
    } while (token);
    expect([rows.length, new Set(rows).size, pages]).toEqual([60, 60, 2]);
  });
});

describe('VPC tags', () => {
  test.each(['VPC', 'VSWITCH'])('Tag, list and UnTag a %s', async (type) => {
    const w = await buildWorld(cloud);
    const id = type === 'VPC' ? w.vpcId : w.vswId;
    const list = async (): Promise<Record<string, string>> =>
      Object.fromEntries((await cloud.vpc.listTagResources(new Vpc.ListTagResourcesRequest({ regionId: w.region, resourceType: type, resourceId: [id] }))).body!.tagResources!.tagResource!.map((t) => [t.tagKey!, t.tagValue!]));
    await cloud.vpc.tagResources(new Vpc.TagResourcesRequest({ regionId: w.region, resourceType: type, resourceId: [id], tag: [new Vpc.TagResourcesRequestTag({ key: 'x', value: '1' }), new Vpc.TagResourcesRequestTag({ key: 'y', value: '2' })] }));
    expect(await list()).toEqual({ x: '1', y: '2' });
    await cloud.vpc.unTagResources(new Vpc.UnTagResourcesRequest({ regionId: w.region, resourceType: type, resourceId: [id], tagKey: ['x'] }));
    expect(await list()).toEqual({ y: '2' });
    const e = await apiError(() => cloud.vpc.tagResources(new Vpc.TagResourcesRequest({ regionId: w.region, resourceType: type, resourceId: ['vpc-none'], tag: [new Vpc.TagResourcesRequestTag({ key: 'x', value: '1' })] })));
    expect([e.code, e.statusCode]).toEqual(['InvalidResourceId.NotFound', 404]);
  });
});
