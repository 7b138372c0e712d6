import { INSTANCE_TYPES, REGIONS, findInstanceType, type InstanceTypeInfo, type ZoneInfo } from '../catalogue.js';
import { regionOf, tokenPageOf, type CallContext } from '../api.js';
import { MissingParameter } from '../errors.js';
import { InvalidZoneIdNotFound } from '../vpc/errors.js';
import { oneOf } from '../api.js';

/** DescribeRegions (ECS): every region, `Status` `available`. */
export function describeRegions(): Record<string, unknown> {
  return { Regions: { Region: REGIONS.map((r) => ({ RegionId: r.id, LocalName: r.localName, RegionEndpoint: `ecs.${r.id}.aliyuncs.com`, Status: 'available' })) } };
}

function zoneView(z: ZoneInfo): Record<string, unknown> {
  const types = z.instanceTypes.map((t) => findInstanceType(t)!).filter(Boolean);
  return {
    ZoneId: z.id,
    LocalName: z.localName,
    ZoneType: 'AvailabilityZone',
    AvailableResourceCreation: { ResourceTypes: [...z.resourceTypes] },
    AvailableDiskCategories: { DiskCategories: [...z.diskCategories] },
    AvailableVolumeCategories: { VolumeCategories: [...z.diskCategories] },
    AvailableInstanceTypes: { InstanceTypes: [...z.instanceTypes] },
    AvailableDedicatedHostTypes: { DedicatedHostType: [] },
    DedicatedHostGenerations: { DedicatedHostGeneration: [] },
    AvailableResources: {
      ResourcesInfo: [
        {
          IoOptimized: true,
          InstanceGenerations: { supportedInstanceGeneration: [...new Set(types.map((t) => t.generation))] },
          InstanceTypeFamilies: { supportedInstanceTypeFamily: [...new Set(types.map((t) => t.family))] },
          InstanceTypes: { supportedInstanceType: [...z.instanceTypes] },
          NetworkTypes: { supportedNetworkCategory: ['vpc'] },
          SystemDiskCategories: { supportedSystemDiskCategory: [...z.diskCategories] },
          DataDiskCategories: { supportedDataDiskCategory: [...z.diskCategories] },
        },
      ],
    },
  };
}

/** DescribeZones (ECS): the region's zones with their resource types, disk categories and instance types. */
export function describeZones(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  return { Zones: { Zone: r.info.zones.map(zoneView) } };
}

function typeView(t: InstanceTypeInfo): Record<string, unknown> {
  return {
    InstanceTypeId: t.id,
    InstanceTypeFamily: t.family,
    CpuCoreCount: t.cpu,
    MemorySize: t.memoryGiB,
    InstanceFamilyLevel: t.level,
    InstanceCategory: t.category,
    CpuArchitecture: t.architecture,
    GPUAmount: 0,
    GPUSpec: '',
    GPUMemorySize: 0,
    LocalStorageCategory: '',
    LocalStorageAmount: 0,
    LocalStorageCapacity: 0,
    EniQuantity: Math.min(8, 1 + t.cpu),
    EniPrivateIpAddressQuantity: 6,
    EniIpv6AddressQuantity: 1,
    InstanceBandwidthRx: 512000 * t.cpu,
    InstanceBandwidthTx: 512000 * t.cpu,
    InstancePpsRx: 100000 * t.cpu,
    InstancePpsTx: 100000 * t.cpu,
    DiskQuantity: 17,
    NvmeSupport: 'unsupported',
    PhysicalProcessorModel: t.processorModel,
    CpuSpeedFrequency: t.cpuSpeed,
    CpuTurboFrequency: t.cpuTurbo,
    SupportedBootModes: { SupportedBootMode: t.architecture === 'ARM' ? ['UEFI'] : ['BIOS'] },
  };
}

/** DescribeInstanceTypes: the global catalogue filtered by `InstanceTypes.N` and `InstanceTypeFamily`, paged by NextToken/MaxResults. */
export function describeInstanceTypes(ctx: CallContext): Record<string, unknown> {
  const ids = ctx.params.list('InstanceTypes');
  const family = ctx.params.str('InstanceTypeFamily');
  const items = INSTANCE_TYPES.filter((t) => (ids.length === 0 || ids.includes(t.id)) && (!family || t.family === family));
  const page = tokenPageOf(ctx, items, 'MaxResults', 100, 1600);
  return { InstanceTypes: { InstanceType: page.items.map(typeView) }, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
}

const DESTINATIONS = ['Zone', 'IoOptimized', 'InstanceType', 'SystemDisk', 'DataDisk', 'Network'] as const;

/**
 * DescribeAvailableResource: per zone, whether `DestinationResource` can be bought (`Available` /
 * `SoldOut`). Filters: `ZoneId`, `InstanceType`, `Cores`, `Memory`. Zones offering nothing that matches
 * are left out.
 */
export function describeAvailableResource(ctx: CallContext): Record<string, unknown> {
  const r = regionOf(ctx);
  const p = ctx.params;
  const dest = p.str('DestinationResource');
  if (!dest) throw new MissingParameter('DestinationResource');
  oneOf('DestinationResource', dest, DESTINATIONS);
  const zoneId = p.str('ZoneId');
  if (zoneId && !r.info.zones.some((z) => z.id === zoneId)) throw new InvalidZoneIdNotFound(zoneId);
  const wantType = p.str('InstanceType');
  const cores = p.str('Cores') ? Number(p.str('Cores')) : undefined;
  const memory = p.str('Memory') ? Number(p.str('Memory')) : undefined;
  const zones = r.info.zones.filter((z) => !zoneId || z.id === zoneId);
  const out: Record<string, unknown>[] = [];
  for (const z of zones) {
    const types = z.instanceTypes
      .map((t) => findInstanceType(t)!)
      .filter((t) => (!wantType || t.id === wantType) && (cores === undefined || t.cpu === cores) && (memory === undefined || t.memoryGiB === memory));
    if (types.length === 0) continue;
    const status = z.soldOut ? 'SoldOut' : 'Available';
    const category = z.soldOut ? 'WithoutStock' : 'WithStock';
    const res = (value: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ Value: value, Status: status, StatusCategory: category, ...extra });
    let supported: Record<string, unknown>[];
    switch (dest) {
      case 'Zone':
        supported = [res(z.id)];
        break;
      case 'InstanceType':
        supported = types.map((t) => res(t.id));
        break;
      case 'SystemDisk':
        supported = z.diskCategories.map((c) => res(c, { Min: 20, Max: 2048, Unit: 'GiB' }));
        break;
      case 'DataDisk':
        supported = z.diskCategories.map((c) => res(c, { Min: 20, Max: 32768, Unit: 'GiB' }));
        break;
      case 'IoOptimized':
        supported = [res('optimized')];
        break;
      default:
        supported = [res('vpc')];
    }
    out.push({ RegionId: r.info.id, ZoneId: z.id, Status: status, StatusCategory: category, AvailableResources: { AvailableResource: [{ Type: dest, SupportedResources: { SupportedResource: supported } }] } });
  }
  return { AvailableZones: { AvailableZone: out } };
}
