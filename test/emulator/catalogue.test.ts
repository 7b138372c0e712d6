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

  test.each(REGIONS.map((r) => r.id))('DescribeZones in %s: 3–8 zones selling the sn1ne family and the three disk categories', async (region) => {
    const zones = (await cloud.ecs.describeZones(new Ecs.DescribeZonesRequest({ regionId: region }))).body!.zones!.zone!;
    expect(zones.length).toBeGreaterThanOrEqual(3);
    expect(zones.length).toBeLessThanOrEqual(8);
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

describe('the current catalogue (families, zones and images a real account sees today)', () => {
  test.each([
    ['ecs.g8i', 'ecs.g8i.large', 2, 8, 'X86', 'General-purpose'],
    ['ecs.c8i', 'ecs.c8i.large', 2, 4, 'X86', 'Compute-optimized'],
    ['ecs.g8a', 'ecs.g8a.large', 2, 8, 'X86', 'General-purpose'],
    ['ecs.g8y', 'ecs.g8y.large', 2, 8, 'ARM', 'General-purpose'],
    ['ecs.c8y', 'ecs.c8y.large', 2, 4, 'ARM', 'Compute-optimized'],
    ['ecs.g7', 'ecs.g7.large', 2, 8, 'X86', 'General-purpose'],
    ['ecs.c7', 'ecs.c7.large', 2, 4, 'X86', 'Compute-optimized'],
    ['ecs.r7', 'ecs.r7.large', 2, 16, 'X86', 'Memory-optimized'],
    ['ecs.sccc7', 'ecs.sccc7.32xlarge', 128, 256, 'X86', 'Super Computing Cluster'],
  ])('DescribeInstanceTypes family %s starts with %s: %i vCPU, %i GiB, %s, %s', async (family, first, cpu, mem, arch, category) => {
    const types = (await cloud.ecs.describeInstanceTypes(new Ecs.DescribeInstanceTypesRequest({ instanceTypeFamily: family }))).body!.instanceTypes!.instanceType!;
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((t) => t.instanceTypeFamily === family && t.cpuArchitecture === arch)).toBe(true);
    expect(types[0]).toMatchObject({ instanceTypeId: first, cpuCoreCount: cpu, memorySize: mem, instanceCategory: category });
  });

  test('ecs.g8i sizes keep 4 GiB per vCPU and are sold in cn-hangzhou-b', async () => {
    const g8i = (await cloud.ecs.describeInstanceTypes(new Ecs.DescribeInstanceTypesRequest({ instanceTypeFamily: 'ecs.g8i' }))).body!.instanceTypes!.instanceType!;
    expect(g8i.map((t) => [t.instanceTypeId, t.cpuCoreCount, t.memorySize])).toEqual([
      ['ecs.g8i.large', 2, 8],
      ['ecs.g8i.xlarge', 4, 16],
      ['ecs.g8i.2xlarge', 8, 32],
    ]);
    const inB = (await cloud.ecs.describeAvailableResource(new Ecs.DescribeAvailableResourceRequest({ regionId: 'cn-hangzhou', destinationResource: 'InstanceType', zoneId: 'cn-hangzhou-b', instanceType: 'ecs.g8i.large' }))).body!.availableZones!.availableZone!;
    expect(inB.map((z) => [z.zoneId, z.status])).toEqual([['cn-hangzhou-b', 'Available']]);
  });

  test('DescribeZones of cn-hangzhou lists cn-hangzhou-b, and cn-hangzhou-g stays sold out', async () => {
    const zones = (await cloud.ecs.describeZones(new Ecs.DescribeZonesRequest({ regionId: 'cn-hangzhou' }))).body!.zones!.zone!;
    expect(zones.map((z) => z.zoneId)).toEqual(['cn-hangzhou-b', 'cn-hangzhou-f', 'cn-hangzhou-g', 'cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j', 'cn-hangzhou-k']);
    const b = zones.find((z) => z.zoneId === 'cn-hangzhou-b')!;
    expect(b.availableResources!.resourcesInfo![0]!.instanceTypeFamilies!.supportedInstanceTypeFamily).toEqual(expect.arrayContaining(['ecs.g8i', 'ecs.c8i', 'ecs.g8a', 'ecs.g8y', 'ecs.sccc7']));
    const g = (await cloud.ecs.describeAvailableResource(new Ecs.DescribeAvailableResourceRequest({ regionId: 'cn-hangzhou', destinationResource: 'Zone', zoneId: 'cn-hangzhou-g' }))).body!.availableZones!.availableZone!;
    expect(g.map((z) => z.status)).toEqual(['SoldOut']);
  });

  test('DescribeImages finds the current Alibaba Cloud Linux 3, Ubuntu, CentOS 7.9, Debian 12 and Windows Server 2022 images', async () => {
    const images = (await cloud.ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: 'cn-hangzhou', imageOwnerAlias: 'system', pageSize: 100 }))).body!.images!.image!;
    const aliyun3 = images.filter((i) => /^aliyun_3_x64/.test(i.imageName!));
    expect(aliyun3[0]).toMatchObject({ imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', OSNameEn: 'Alibaba Cloud Linux  3.2104 LTS 64 bit', architecture: 'x86_64', platform: 'Aliyun', OSType: 'linux' });
    const ids = images.map((i) => i.imageId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'ubuntu_24_04_x64_20G_alibase_20240812.vhd',
        'ubuntu_22_04_x64_20G_alibase_20240711.vhd',
        'centos_7_9_x64_20G_alibase_20240628.vhd',
        'debian_12_6_x64_20G_alibase_20240711.vhd',
        'win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd',
      ]),
    );
    const win = images.find((i) => i.imageId!.startsWith('win2022'))!;
    expect([win.OSType, win.size, win.platform]).toEqual(['windows', 40, 'Windows Server 2022']);
  });
});
