import { describe, expect, test } from 'vitest';
import { REGIONS } from '../../src/emulator/index.js';
import { Ecs, Vpc, useTestCloud } from '../helpers/emulator.js';
import { apiError } from './world.js';

const cloud = useTestCloud();
const REQUIRED = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'ap-southeast-1'];

describe('regions and zones', () => {
  test('DescribeRegions (ECS and VPC) lists the required regions', async () => {
    const ecs = (await cloud.ecs.describeRegions(new Ecs.DescribeRegionsRequest({}))).body!.regions!.region!;
    const vpc = (await cloud.vpc.describeRegions(new Vpc.DescribeRegionsRequest({}))).body!.regions!.region!;
    for (const list of [ecs, vpc]) expect(list.map((r) => r.regionId)).toEqual(expect.arrayContaining(REQUIRED));
    expect(ecs.find((r) => r.regionId === 'cn-hangzhou')).toMatchObject({ regionEndpoint: 'ecs.cn-hangzhou.aliyuncs.com', status: 'available' });
  });

  test.each(REGIONS.map((r) => r.id))('DescribeZones in %s: 3–6 zones selling the sn1ne family and the three disk categories', async (region) => {
    const zones = (await cloud.ecs.describeZones(new Ecs.DescribeZonesRequest({ regionId: region }))).body!.zones!.zone!;
    expect(zones.length).toBeGreaterThanOrEqual(3);
    expect(zones.length).toBeLessThanOrEqual(6);
    for (const z of zones) {
      expect(z.zoneId!.startsWith(region + '-')).toBe(true);
      expect(z.availableResourceCreation!.resourceTypes).toEqual(expect.arrayContaining(['Instance', 'VSwitch', 'Disk', 'IoOptimized']));
      expect(z.availableDiskCategories!.diskCategories).toEqual(['cloud_efficiency', 'cloud_ssd', 'cloud_essd']);
      expect(z.availableInstanceTypes!.instanceTypes).toEqual(expect.arrayContaining(['ecs.sn1ne.large', 'ecs.sn1ne.xlarge', 'ecs.sn1ne.2xlarge']));
    }
    const vz = (await cloud.vpc.describeZones(new Vpc.DescribeZonesRequest({ regionId: region }))).body!.zones!.zone!;
    expect(vz.map((z) => z.zoneId)).toEqual(zones.map((z) => z.zoneId));
  });

  test('an unknown region is 404 InvalidRegionId.NotFound', async () => {
    const e = await apiError(() => cloud.ecs.describeZones(new Ecs.DescribeZonesRequest({ regionId: 'xx-nowhere-1' })));
    expect([e.code, e.statusCode]).toEqual(['InvalidRegionId.NotFound', 404]);
  });
});

describe('instance types and available resources', () => {
  test('DescribeInstanceTypes filters by family and pages with NextToken', async () => {
    const sn1ne = (await cloud.ecs.describeInstanceTypes(new Ecs.DescribeInstanceTypesRequest({ instanceTypeFamily: 'ecs.sn1ne' }))).body!.instanceTypes!.instanceType!;
    expect(sn1ne.map((t) => [t.instanceTypeId, t.cpuCoreCount, t.memorySize])).toEqual([
      ['ecs.sn1ne.large', 2, 4],
      ['ecs.sn1ne.xlarge', 4, 8],
      ['ecs.sn1ne.2xlarge', 8, 16],
    ]);
    const all = (await cloud.ecs.describeInstanceTypes(new Ecs.DescribeInstanceTypesRequest({}))).body!;
    expect(all.nextToken).toBeUndefined();
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const r = (await cloud.ecs.describeInstanceTypes(new Ecs.DescribeInstanceTypesRequest({ maxResults: 3, ...(token ? { nextToken: token } : {}) }))).body!;
      seen.push(...r.instanceTypes!.instanceType!.map((t) => t.instanceTypeId!));
      token = r.nextToken || undefined;
    } while (token);
    expect(seen).toEqual(all.instanceTypes!.instanceType!.map((t) => t.instanceTypeId));
    const two = (await cloud.ecs.describeInstanceTypes(new Ecs.DescribeInstanceTypesRequest({ instanceTypes: ['ecs.n4.small', 'ecs.g6.large'] }))).body!.instanceTypes!.instanceType!;
    expect(two.map((t) => t.instanceTypeId)).toEqual(['ecs.n4.small', 'ecs.g6.large']);
  });

  test('DescribeAvailableResource Zone: the seeded sold-out zone reports SoldOut', async () => {
    const r = (await cloud.ecs.describeAvailableResource(new Ecs.DescribeAvailableResourceRequest({ regionId: 'cn-hangzhou', destinationResource: 'Zone' }))).body!.availableZones!.availableZone!;
    const status = Object.fromEntries(r.map((z) => [z.zoneId, z.status]));
    expect(status['cn-hangzhou-g']).toBe('SoldOut');
    expect(Object.values(status).filter((s) => s === 'Available').length).toBeGreaterThanOrEqual(3);
    const g = r.find((z) => z.zoneId === 'cn-hangzhou-g')!;
    expect(g.availableResources!.availableResource![0]!.supportedResources!.supportedResource![0]).toMatchObject({ value: 'cn-hangzhou-g', status: 'SoldOut', statusCategory: 'WithoutStock' });
  });

  test('DescribeAvailableResource InstanceType in one zone, and by type across zones', async () => {
    const inZone = (await cloud.ecs.describeAvailableResource(new Ecs.DescribeAvailableResourceRequest({ regionId: 'cn-hangzhou', destinationResource: 'InstanceType', zoneId: 'cn-hangzhou-k' }))).body!.availableZones!.availableZone!;
    const values = inZone[0]!.availableResources!.availableResource![0]!.supportedResources!.supportedResource!.map((s) => s.value);
    expect(values).toContain('ecs.sn1ne.large');
    expect(values).not.toContain('ecs.g6.large');
    const byType = (await cloud.ecs.describeAvailableResource(new Ecs.DescribeAvailableResourceRequest({ regionId: 'cn-hangzhou', destinationResource: 'InstanceType', instanceType: 'ecs.g6.large' }))).body!.availableZones!.availableZone!;
    expect(byType.map((z) => z.zoneId)).not.toContain('cn-hangzhou-k');
  });

  test.each([
    [{ destinationResource: undefined }, 'MissingParameter', 400],
    [{ destinationResource: 'Toaster' }, 'InvalidParameter', 400],
    [{ zoneId: 'cn-hangzhou-z' }, 'InvalidZoneId.NotFound', 404],
  ])('DescribeAvailableResource %o → %s', async (over, code, status) => {
    const e = await apiError(() => cloud.ecs.describeAvailableResource(new Ecs.DescribeAvailableResourceRequest({ regionId: 'cn-hangzhou', destinationResource: 'Zone', ...over })));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });
});
