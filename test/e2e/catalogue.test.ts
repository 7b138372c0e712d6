import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dumpCloud, minitf, removeDir, shown } from './helpers.js';

/** A configuration written the way current Alibaba Cloud users write one: an 8th-generation type and Alibaba Cloud Linux 3. */
const CONFIG = `
provider "alicloud" {
  region = "cn-hangzhou"
}

data "alicloud_zones" "default" {
  available_resource_creation = "Instance"
}

data "alicloud_instance_types" "g8i" {
  instance_type_family = "ecs.g8i"
}

data "alicloud_images" "alinux" {
  name_regex  = "^aliyun_3_x64"
  owners      = "system"
  most_recent = true
}

resource "alicloud_vpc" "main" {
  vpc_name   = "catalogue"
  cidr_block = "172.16.0.0/16"
}

resource "alicloud_vswitch" "main" {
  vpc_id     = alicloud_vpc.main.id
  cidr_block = "172.16.0.0/24"
  zone_id    = data.alicloud_zones.default.zones[0].id
}

resource "alicloud_security_group" "main" {
  security_group_name = "catalogue"
  vpc_id              = alicloud_vpc.main.id
}

resource "alicloud_instance" "web" {
  availability_zone = data.alicloud_zones.default.zones[0].id
  instance_name     = "catalogue"
  image_id          = data.alicloud_images.alinux.ids[0]
  instance_type     = data.alicloud_instance_types.g8i.ids[0]
  security_groups   = [alicloud_security_group.main.id]
  vswitch_id        = alicloud_vswitch.main.id
}

output "first_type" {
  value = data.alicloud_instance_types.g8i.instance_types[0]
}

output "image" {
  value = data.alicloud_images.alinux.ids[0]
}

output "zones" {
  value = data.alicloud_zones.default.ids
}
`;

describe('the emulator catalogue through the CLI', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  test('instance_type_family = "ecs.g8i" and name_regex = "^aliyun_3_x64" find real types and images, and an instance of them applies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minitf-e2e-catalogue-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'main.tf'), CONFIG);

    let r = await minitf(dir, ['-emulator', 'apply', '-auto-approve', '-no-color']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');

    r = await minitf(dir, ['-emulator', 'output', '-json']);
    expect(r.code, shown(r)).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, { value: unknown }>;
    expect(out.first_type!.value).toMatchObject({ id: 'ecs.g8i.large', cpu_core_count: 2, memory_size: 8, family: 'ecs.g8i' });
    expect(out.image!.value).toBe('aliyun_3_x64_20G_alibase_20240819.vhd');
    const zones = out.zones!.value as string[];
    expect(zones).toContain('cn-hangzhou-b');
    expect(zones).not.toContain('cn-hangzhou-g');

    const cloud = await dumpCloud(dir);
    const instances = (cloud.regions['cn-hangzhou'] as unknown as { instances: readonly Record<string, unknown>[] }).instances;
    expect(instances.map((i) => [i.instanceType, i.imageId, i.zoneId])).toEqual([['ecs.g8i.large', 'aliyun_3_x64_20G_alibase_20240819.vhd', 'cn-hangzhou-b']]);

    r = await minitf(dir, ['-emulator', 'plan', '-detailed-exitcode', '-no-color']);
    expect(r.code, shown(r)).toBe(0);

    r = await minitf(dir, ['-emulator', 'destroy', '-auto-approve', '-no-color']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Destroy complete! Resources: 4 destroyed.');
  }, 240_000);
});
