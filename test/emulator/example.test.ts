import { describe, expect, test } from 'vitest';
import { Ecs, Vpc, eventually, useTestCloud } from '../helpers/emulator.js';
import { ALL_STATUSES, imageIn } from './world.js';

const cloud = useTestCloud();
const HZ = 'cn-hangzhou';
const SH = 'cn-shanghai';

/** The seed example (examples/image-copy) as the handlers would drive it, on the fast clock with polling. */
describe('the image-copy example through the SDK on a fast clock', () => {
  test('data sources, create chain, copy with tags, then destroy in reverse leaves no resources', async () => {
    const { ecs, vpc } = cloud;
    const zonesAvail = (await ecs.describeAvailableResource(new Ecs.DescribeAvailableResourceRequest({ regionId: HZ, destinationResource: 'Zone', instanceChargeType: 'PostPaid', resourceType: 'instance' }))).body!.availableZones!.availableZone!;
    const zoneIds = zonesAvail.filter((z) => z.status === 'Available').map((z) => z.zoneId!).sort();
    const zone = zoneIds[0]!;
    expect(zone).toBe('cn-hangzhou-b');
    const types = (await ecs.describeInstanceTypes(new Ecs.DescribeInstanceTypesRequest({ instanceTypeFamily: 'ecs.sn1ne' }))).body!.instanceTypes!.instanceType!.map((t) => t.instanceTypeId!);
    const images = (await ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: HZ, imageOwnerAlias: 'system', pageSize: 100 }))).body!.images!.image!.filter((i) => /^ubuntu_[0-9]+_[0-9]+_x64*/.test(i.imageName!));
    expect(images.length).toBeGreaterThan(0);

    const vpcId = (await vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: HZ, vpcName: 'terraform-example', cidrBlock: '172.17.3.0/24', clientToken: 'vpc-1' }))).body!.vpcId!;
    await eventually(async () => ((await vpc.describeVpcAttribute(new Vpc.DescribeVpcAttributeRequest({ regionId: HZ, vpcId }))).body!.status === 'Available' ? true : undefined));
    const vswId = (await vpc.createVSwitch(new Vpc.CreateVSwitchRequest({ regionId: HZ, vpcId, zoneId: zone, cidrBlock: '172.17.3.0/24', vSwitchName: 'terraform-example' }))).body!.vSwitchId!;
    await eventually(async () => ((await vpc.describeVSwitchAttributes(new Vpc.DescribeVSwitchAttributesRequest({ regionId: HZ, vSwitchId: vswId }))).body!.status === 'Available' ? true : undefined));
    const sgId = (await ecs.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: HZ, vpcId, securityGroupName: 'terraform-example' }))).body!.securityGroupId!;
    const instanceId = (
      await ecs.runInstances(
        new Ecs.RunInstancesRequest({ regionId: HZ, zoneId: zone, imageId: images[0]!.imageId, instanceType: types[0], vSwitchId: vswId, securityGroupIds: [sgId], instanceName: 'terraform-example', internetMaxBandwidthOut: 10, systemDisk: new Ecs.RunInstancesRequestSystemDisk({ category: 'cloud_efficiency' }) }),
      )
    ).body!.instanceIdSets!.instanceIdSet![0]!;
    await eventually(async () => ((await ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: HZ, instanceIds: JSON.stringify([instanceId]) }))).body!.instances!.instance![0]!.status === 'Running' ? true : undefined));
    const imageId = (await ecs.createImage(new Ecs.CreateImageRequest({ regionId: HZ, instanceId, imageName: 'terraform-example', description: 'terraform-example' }))).body!.imageId!;
    await eventually(async () => ((await imageIn(cloud, HZ, imageId))?.usable ? true : undefined));
    const copyId = (
      await ecs.copyImage(new Ecs.CopyImageRequest({ regionId: HZ, imageId, destinationRegionId: SH, destinationImageName: 'terraform-example', destinationDescription: 'terraform-example', encrypted: false, tag: [new Ecs.CopyImageRequestTag({ key: 'FinanceDept', value: 'FinanceDeptJoshua' })] }))
    ).body!.imageId!;
    const progress = new Set<string>();
    await eventually(async () => {
      const img = await imageIn(cloud, SH, copyId);
      progress.add(img!.status!);
      return img!.status === 'Available' ? true : undefined;
    });
    expect(progress.has('Available')).toBe(true);

    await ecs.deleteImage(new Ecs.DeleteImageRequest({ regionId: SH, imageId: copyId }));
    await ecs.deleteImage(new Ecs.DeleteImageRequest({ regionId: HZ, imageId }));
    await ecs.deleteInstance(new Ecs.DeleteInstanceRequest({ instanceId, force: true }));
    await eventually(async () => ((await ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: HZ }))).body!.totalCount === 0 ? true : undefined));
    await ecs.deleteSecurityGroup(new Ecs.DeleteSecurityGroupRequest({ regionId: HZ, securityGroupId: sgId }));
    await vpc.deleteVSwitch(new Vpc.DeleteVSwitchRequest({ regionId: HZ, vSwitchId: vswId }));
    await eventually(async () => ((await vpc.describeVSwitches(new Vpc.DescribeVSwitchesRequest({ regionId: HZ }))).body!.totalCount === 0 ? true : undefined));
    await vpc.deleteVpc(new Vpc.DeleteVpcRequest({ regionId: HZ, vpcId }));
    await eventually(async () => ((await vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: HZ }))).body!.totalCount === 0 ? true : undefined));
    await eventually(async () => ((await ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: SH, status: ALL_STATUSES, imageOwnerAlias: 'self' }))).body!.totalCount === 0 ? true : undefined));
    const dump = cloud.emu.control.dump();
    const left = Object.values(dump.regions).flatMap((r) => [...r.images, ...r.instances, ...r.vpcs, ...r.vswitches, ...r.securityGroups]);
    expect(left).toEqual([]);
  });
});
