import { error, type Diagnostic } from '../../../diag/index.js';
import { ProviderError } from '../../errors.js';
import type { Attributes, DataSourceHandler } from '../../types.js';
import type { AlicloudClient } from '../client.js';
import { call } from '../errors.js';
import { INVALID_VALUE, str } from '../validate.js';
import { listId } from './common.js';

const RESOURCE_TYPES = ['Instance', 'Disk', 'VSwitch', 'Rds', 'Slb', 'Redis', 'Memcache', 'IoOptimized', 'DedicatedHost'];

/**
 * Data source `alicloud_zones`: the zones of the provider's region where the requested resource
 * (`available_resource_creation`), instance type and disk category can be created. Reads
 * DescribeZones and DescribeAvailableResource (`DestinationResource=Zone`, zones marked `SoldOut`
 * dropped), intersects them, sorts by ID. No zone left is an error. Exports `ids`, `zones[]`.
 */
export const zones: DataSourceHandler<AlicloudClient> = {
  type: 'alicloud_zones',

  validate(config: Attributes): Diagnostic[] {
    const v = config.available_resource_creation;
    if (typeof v === 'string' && !RESOURCE_TYPES.includes(v)) {
      return [error(INVALID_VALUE, `"available_resource_creation" must be one of ${RESOURCE_TYPES.join(', ')} (got "${v}").`)];
    }
    return [];
  },

  async read(ctx, config) {
    const api = await ctx.provider.ecs();
    const want = str(config, 'available_resource_creation');
    const type = str(config, 'available_instance_type');
    const disk = str(config, 'available_disk_category');
    const zr = await call(ctx, 'DescribeZones', () => api.client.describeZones(new api.sdk.DescribeZonesRequest({ regionId: api.region })));
    const ar = new api.sdk.DescribeAvailableResourceRequest({
      regionId: api.region,
      destinationResource: 'Zone',
      ...(type ? { instanceType: type } : {}),
      ...(disk ? { systemDiskCategory: disk } : {}),
    });
    const av = await call(ctx, 'DescribeAvailableResource', () => api.client.describeAvailableResource(ar));
    const open = new Set((av.body?.availableZones?.availableZone ?? []).filter((z) => z.status !== 'SoldOut' && z.zoneId).map((z) => z.zoneId!));
    const list = (zr.body?.zones?.zone ?? [])
      .filter((z) => z.zoneId && open.has(z.zoneId))
      .filter((z) => !want || (z.availableResourceCreation?.resourceTypes ?? []).includes(want))
      .filter((z) => !type || (z.availableInstanceTypes?.instanceTypes ?? []).includes(type))
      .filter((z) => !disk || (z.availableDiskCategories?.diskCategories ?? []).includes(disk))
      .sort((a, b) => (a.zoneId! < b.zoneId! ? -1 : a.zoneId! > b.zoneId! ? 1 : 0));
    if (list.length === 0) {
      const what = [want && `resource ${want}`, type && `instance type ${type}`, disk && `disk category ${disk}`].filter(Boolean).join(', ');
      throw new ProviderError(`${ctx.address}: no zone of ${api.region} offers ${what || 'any resource'}.`, { apiCode: 'NoZoneFound', errorClass: 'fatal' });
    }
    const ids = list.map((z) => z.zoneId!);
    return {
      ...config,
      id: listId(ids),
      ids,
      zones: list.map((z) => ({
        id: z.zoneId!,
        local_name: z.localName ?? null,
        available_instance_types: [...(z.availableInstanceTypes?.instanceTypes ?? [])],
        available_resource_creation: [...(z.availableResourceCreation?.resourceTypes ?? [])],
        available_disk_categories: [...(z.availableDiskCategories?.diskCategories ?? [])],
      })),
    };
  },
};
