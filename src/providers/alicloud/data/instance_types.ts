import { ProviderError } from '../../errors.js';
import type { Attributes, DataSourceHandler } from '../../types.js';
import type { AlicloudClient } from '../client.js';
import { call } from '../errors.js';
import { num, str } from '../validate.js';
import { listId } from './common.js';

interface TypeInfo {
  readonly instanceTypeId?: string;
  readonly cpuCoreCount?: number;
  readonly memorySize?: number;
  readonly instanceTypeFamily?: string;
}

/**
 * Data source `alicloud_instance_types`: instance types on sale in the provider's region
 * (DescribeAvailableResource, `DestinationResource=InstanceType`; a named `availability_zone` that is
 * missing or sold out is an error), joined with the global catalogue (DescribeInstanceTypes, all
 * pages), filtered by `instance_type_family` and exact `cpu_core_count`/`memory_size`, sorted by CPU,
 * memory, then ID. Exports `ids`, `instance_types[]` (`id`, `cpu_core_count`, `memory_size`,
 * `family`, `availability_zones`).
 */
export const instanceTypes: DataSourceHandler<AlicloudClient> = {
  type: 'alicloud_instance_types',

  async read(ctx, config) {
    const api = await ctx.provider.ecs();
    const zone = str(config, 'availability_zone');
    const family = str(config, 'instance_type_family');
    const cpu = num(config, 'cpu_core_count');
    const memory = num(config, 'memory_size');
    const ar = new api.sdk.DescribeAvailableResourceRequest({ regionId: api.region, destinationResource: 'InstanceType', ...(zone ? { zoneId: zone } : {}) });
    const av = await call(ctx, 'DescribeAvailableResource', () => api.client.describeAvailableResource(ar));
    const zonesOf = new Map<string, Set<string>>();
    const listed = av.body?.availableZones?.availableZone ?? [];
    if (zone && !listed.some((z) => z.zoneId === zone && z.status !== 'SoldOut')) {
      throw new ProviderError(`${ctx.address}: zone ${zone} of ${api.region} is unknown or sold out.`, { apiCode: 'ZoneNotAvailable', errorClass: 'fatal' });
    }
    for (const z of listed) {
      if (!z.zoneId || z.status === 'SoldOut' || (zone && z.zoneId !== zone)) continue;
      for (const r of z.availableResources?.availableResource ?? []) {
        if (r.type !== undefined && r.type !== 'InstanceType') continue;
        for (const s of r.supportedResources?.supportedResource ?? []) {
          if (!s.value || s.status === 'SoldOut') continue;
          if (!zonesOf.has(s.value)) zonesOf.set(s.value, new Set());
          zonesOf.get(s.value)!.add(z.zoneId);
        }
      }
    }
    const catalogue: TypeInfo[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < 100; page++) {
      const req = new api.sdk.DescribeInstanceTypesRequest({ ...(family ? { instanceTypeFamily: family } : {}), maxResults: 100, ...(nextToken ? { nextToken } : {}) });
      const resp = await call(ctx, 'DescribeInstanceTypes', () => api.client.describeInstanceTypes(req));
      catalogue.push(...((resp.body?.instanceTypes?.instanceType ?? []) as TypeInfo[]));
      nextToken = resp.body?.nextToken || undefined;
      if (!nextToken) break;
    }
    const matched = catalogue
      .filter((t) => t.instanceTypeId && zonesOf.has(t.instanceTypeId))
      .filter((t) => !family || t.instanceTypeFamily === family)
      .filter((t) => cpu === undefined || t.cpuCoreCount === cpu)
      .filter((t) => memory === undefined || t.memorySize === memory)
      .sort((a, b) => (a.cpuCoreCount ?? 0) - (b.cpuCoreCount ?? 0) || (a.memorySize ?? 0) - (b.memorySize ?? 0) || (a.instanceTypeId! < b.instanceTypeId! ? -1 : 1));
    const ids = matched.map((t) => t.instanceTypeId!);
    const out: Attributes = {
      ...config,
      id: listId(ids),
      ids,
      instance_types: matched.map((t) => ({
        id: t.instanceTypeId!,
        cpu_core_count: t.cpuCoreCount ?? null,
        memory_size: t.memorySize ?? null,
        family: t.instanceTypeFamily ?? null,
        availability_zones: [...zonesOf.get(t.instanceTypeId!)!].sort(),
      })),
    };
    return out;
  },
};
