import { describe, expect, test } from 'vitest';
import { alicloudProvider, type AlicloudClient } from '../../../src/providers/alicloud/index.js';
import type { Attributes } from '../../../src/providers/types.js';
import { useTestCloud } from '../../helpers/emulator.js';
import { FAST_ENV, makeCtx } from './helpers.js';

const cloud = useTestCloud();
const R = alicloudProvider.resources;
const D = alicloudProvider.dataSources;

/** Configures the seed's two aliased provider blocks in embedded-emulator mode, as the engine would. */
function providers(): { hz: AlicloudClient; sh: AlicloudClient } {
  const make = (alias: string, region: string) => {
    const res = alicloudProvider.configure({
      config: { alias, region },
      env: FAST_ENV,
      view: { name: 'alicloud', alias },
      address: `provider["registry.terraform.io/aliyun/alicloud"].${alias}`,
      emulator: { endpoint: cloud.emu.endpoint, accessKeyId: cloud.emu.accessKeyId, accessKeySecret: cloud.emu.accessKeySecret },
    });
    expect(res.diagnostics).toEqual([]);
    expect(res.value!.view.region).toBe(region);
    return res.value!.client().value!;
  };
  return { hz: make('hz', 'cn-hangzhou'), sh: make('sh', 'cn-shanghai') };
}

describe('the seed example (examples/image-copy) at handler level', () => {
  test('3 data sources and 6 resources apply; a refresh changes nothing; destroy in reverse order empties the cloud', async () => {
    const { hz, sh } = providers();
    const hzView = { name: 'alicloud', alias: 'hz', region: 'cn-hangzhou' };
    const shView = { name: 'alicloud', alias: 'sh', region: 'cn-shanghai' };

    const zonesCfg = { available_resource_creation: 'Instance' };
    const typesCfg = { instance_type_family: 'ecs.sn1ne' };
    const imagesCfg = { name_regex: '^ubuntu_[0-9]+_[0-9]+_x64*', owners: 'system' };
    for (const [t, c] of [['alicloud_zones', zonesCfg], ['alicloud_instance_types', typesCfg], ['alicloud_images', imagesCfg]] as const) {
      expect(D[t]!.validate?.(c, hzView) ?? []).toEqual([]);
    }
    const zones = await D.alicloud_zones!.read(makeCtx(hz), zonesCfg);
    const types = await D.alicloud_instance_types!.read(makeCtx(hz), typesCfg);
    const images = await D.alicloud_images!.read(makeCtx(hz), imagesCfg);
    const zone = (zones.zones as Attributes[])[0]!.id as string;

    const state: Record<string, { type: string; provider: AlicloudClient; attrs: Attributes }> = {};
    const apply = async (name: string, type: string, provider: AlicloudClient, view: typeof hzView, config: Attributes) => {
      expect((R[type]!.validate?.(config, view) ?? []).filter((d) => d.severity === 'error')).toEqual([]);
      state[name] = { type, provider, attrs: await R[type]!.create(makeCtx(provider), config) };
      return state[name]!.attrs;
    };
    const vpc = await apply('vpc', 'alicloud_vpc', hz, hzView, { vpc_name: 'terraform-example', cidr_block: '172.17.3.0/24' });
    const vsw = await apply('vswitch', 'alicloud_vswitch', hz, hzView, { vswitch_name: 'terraform-example', cidr_block: '172.17.3.0/24', vpc_id: vpc.id, zone_id: zone });
    const sg = await apply('sg', 'alicloud_security_group', hz, hzView, { name: 'terraform-example', vpc_id: vpc.id });
    const vm = await apply('instance', 'alicloud_instance', hz, hzView, {
      availability_zone: zone,
      instance_name: 'terraform-example',
      image_id: (images.ids as string[])[0],
      instance_type: (types.ids as string[])[0],
      security_groups: [sg.id],
      vswitch_id: vsw.id,
      internet_max_bandwidth_out: 10,
    });
    const img = await apply('image', 'alicloud_image', hz, hzView, { instance_id: vm.id, image_name: 'terraform-example', description: 'terraform-example' });
    const copy = await apply('copy', 'alicloud_image_copy', sh, shView, {
      source_image_id: img.id,
      source_region_id: 'cn-hangzhou',
      image_name: 'terraform-example',
      description: 'terraform-example',
      tags: { FinanceDept: 'FinanceDeptJoshua' },
    });
    expect(copy).toMatchObject({ status: 'Available', tags: { FinanceDept: 'FinanceDeptJoshua' } });
    const dump = cloud.emu.control.dump();
    expect(dump.regions['cn-shanghai']!.images.map((i) => i.id)).toEqual([copy.id]);
    expect(dump.regions['cn-hangzhou']!.instances.map((i) => i.id)).toEqual([vm.id]);

    // Second plan: refreshing every object gives back exactly what apply recorded, data sources too.
    for (const { type, provider, attrs } of Object.values(state)) {
      expect(await R[type]!.read(makeCtx(provider), attrs)).toEqual(attrs);
    }
    expect(await D.alicloud_zones!.read(makeCtx(hz), zonesCfg)).toEqual(zones);
    expect(await D.alicloud_instance_types!.read(makeCtx(hz), typesCfg)).toEqual(types);
    expect(await D.alicloud_images!.read(makeCtx(hz), imagesCfg)).toEqual(images);

    for (const name of ['copy', 'image', 'instance', 'sg', 'vswitch', 'vpc']) {
      const { type, provider, attrs } = state[name]!;
      await R[type]!.delete(makeCtx(provider), attrs);
    }
    const after = cloud.emu.control.dump();
    for (const region of ['cn-hangzhou', 'cn-shanghai']) {
      const r = after.regions[region]!;
      expect([r.images, r.instances, r.vpcs, r.vswitches, r.securityGroups].map((l) => l.length)).toEqual([0, 0, 0, 0, 0]);
    }
  });
});
