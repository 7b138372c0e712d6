import { describe, expect, test } from 'vitest';
import { DURATIONS } from '../../src/emulator/index.js';
import { Ecs, Vpc, useTestCloud } from '../helpers/emulator.js';
import { apiError, buildWorld, UBUNTU, type World } from './world.js';

const cloud = useTestCloud();

async function instance(w: World, id = w.instanceId): Promise<Ecs.DescribeInstancesResponseBodyInstancesInstance | undefined> {
  const r = await cloud.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: w.region, instanceIds: JSON.stringify([id]) }));
  return r.body?.instances?.instance?.[0];
}

function run(w: World, over: Partial<Ecs.RunInstancesRequest> = {}): Promise<Ecs.RunInstancesResponse> {
  return cloud.ecs.runInstances(new Ecs.RunInstancesRequest({ regionId: w.region, imageId: UBUNTU, instanceType: 'ecs.sn1ne.large', vSwitchId: w.vswId, securityGroupIds: [w.sgId], ...over }));
}

describe('RunInstances and the instance lifecycle', () => {
  test('Pending → Starting → Running, with network attributes', async () => {
    const w = await buildWorld(cloud);
    const id = (await run(w, { instanceName: 'web-1', internetMaxBandwidthOut: 5, tag: [new Ecs.RunInstancesRequestTag({ key: 'env', value: 'test' })] })).body!.instanceIdSets!.instanceIdSet![0]!;
    const seen: string[] = [];
    for (const step of [0, DURATIONS.instancePending, DURATIONS.instanceStarting]) {
      cloud.emu.control.advance(step);
      seen.push((await instance(w, id))!.status!);
    }
    expect(seen).toEqual(['Pending', 'Starting', 'Running']);
    const i = (await instance(w, id))!;
    expect([i.instanceName, i.zoneId, i.vpcAttributes?.vpcId, i.vpcAttributes?.vSwitchId, i.securityGroupIds?.securityGroupId, i.cpu, i.memory, i.internetMaxBandwidthOut]).toEqual([
      'web-1', w.zone, w.vpcId, w.vswId, [w.sgId], 2, 4096, 5,
    ]);
    expect(i.vpcAttributes?.privateIpAddress?.ipAddress?.[0]).toMatch(/^172\.17\.3\.\d+$/);
    expect(i.publicIpAddress?.ipAddress).toHaveLength(1);
    expect(i.tags?.tag).toEqual([{ tagKey: 'env', tagValue: 'test' }]);
  });

  test('private IPs are distinct and come from the vSwitch', async () => {
    const w = await buildWorld(cloud);
    const ids = (await run(w, { amount: 3 })).body!.instanceIdSets!.instanceIdSet!;
    expect(ids).toHaveLength(3);
    const r = await cloud.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: w.region, vSwitchId: w.vswId, pageSize: 100 }));
    const ips = r.body!.instances!.instance!.map((i) => i.vpcAttributes!.privateIpAddress!.ipAddress![0]);
    expect(new Set(ips).size).toBe(4);
  });

  test.each([
    ['unknown image', { imageId: 'm-nothing' }, 'InvalidImageId.NotFound', 404],
    ['unknown vSwitch', { vSwitchId: 'vsw-nothing' }, 'InvalidVSwitchId.NotFound', 404],
    ['unknown security group', { securityGroupIds: ['sg-nothing'] }, 'InvalidSecurityGroupId.NotFound', 404],
    ['unknown type', { instanceType: 'ecs.nope.large' }, 'InvalidInstanceType.ValueNotSupported', 400],
    ['zone mismatch', { zoneId: 'cn-hangzhou-i' }, 'InvalidParameter.Mismatch', 400],
    ['bad name', { instanceName: '_x' }, 'InvalidInstanceName.Malformed', 400],
    ['bandwidth above 100', { internetMaxBandwidthOut: 101 }, 'InvalidParameter', 400],
    ['no vSwitch', { vSwitchId: undefined }, 'MissingParameter', 400],
    ['no security group', { securityGroupIds: undefined }, 'MissingParameter', 400],
    ['DryRun', { dryRun: true }, 'DryRunOperation', 400],
  ])('%s → %s', async (_n, over, code, status) => {
    const w = await buildWorld(cloud);
    const e = await apiError(() => run(w, over as Partial<Ecs.RunInstancesRequest>));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });

  test('no stock in a zone, a group of another VPC, and a Pending vSwitch are refused', async () => {
    const w = await buildWorld(cloud);
    const k = (await cloud.vpc.createVSwitch(new Vpc.CreateVSwitchRequest({ regionId: w.region, vpcId: w.vpcId, zoneId: 'cn-hangzhou-k', cidrBlock: '172.17.4.0/24' }))).body!.vSwitchId!;
    expect((await apiError(() => run(w, { vSwitchId: k }))).code).toBe('IncorrectVSwitchStatus');
    cloud.emu.control.advance(DURATIONS.vswitchPending);
    const e = await apiError(() => run(w, { vSwitchId: k, instanceType: 'ecs.g6.large' }));
    expect([e.code, e.statusCode]).toEqual(['OperationDenied.NoStock', 403]);
    const other = (await cloud.ecs.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: w.region }))).body!.securityGroupId!;
    expect((await apiError(() => run(w, { securityGroupIds: [other] }))).code).toBe('InvalidParameter.Mismatch');
  });
});

describe('StopInstance, StartInstance, DeleteInstance, ModifyInstanceAttribute', () => {
  test('stop and start go through Stopping and Starting; the calls carry no RegionId', async () => {
    const w = await buildWorld(cloud);
    await cloud.ecs.stopInstance(new Ecs.StopInstanceRequest({ instanceId: w.instanceId }));
    expect((await instance(w))!.status).toBe('Stopping');
    cloud.emu.control.advance(DURATIONS.instanceStopping);
    expect((await instance(w))!.status).toBe('Stopped');
    await cloud.ecs.startInstance(new Ecs.StartInstanceRequest({ instanceId: w.instanceId }));
    expect((await instance(w))!.status).toBe('Starting');
    cloud.emu.control.advance(DURATIONS.instanceStarting);
    expect((await instance(w))!.status).toBe('Running');
    expect(cloud.emu.control.requestLog().filter((e) => e.action === 'StopInstance').map((e) => e.region)).toEqual(['cn-hangzhou']);
  });

  test.each([
    ['stop a Stopped instance', 'stop', 'stopped', 'IncorrectInstanceStatus', 403],
    ['start a Running instance', 'start', 'running', 'IncorrectInstanceStatus', 403],
    ['delete a Running instance without Force', 'delete', 'running', 'IncorrectInstanceStatus', 403],
    ['delete a Pending instance', 'delete', 'pending', 'IncorrectInstanceStatus.Initializing', 403],
    ['delete an unknown instance', 'delete', 'unknown', 'InvalidInstanceId.NotFound', 404],
    ['delete a protected instance', 'delete', 'protected', 'InvalidOperation.DeletionProtection', 403],
  ])('%s → %s', async (_n, op, state, code, status) => {
    const w = await buildWorld(cloud);
    let id = w.instanceId;
    if (state === 'stopped') {
      await cloud.ecs.stopInstance(new Ecs.StopInstanceRequest({ instanceId: id }));
      cloud.emu.control.advance(DURATIONS.instanceStopping);
    }
    if (state === 'pending') id = (await run(w)).body!.instanceIdSets!.instanceIdSet![0]!;
    if (state === 'unknown') id = 'i-unknown';
    if (state === 'protected') await cloud.ecs.modifyInstanceAttribute(new Ecs.ModifyInstanceAttributeRequest({ instanceId: id, deletionProtection: true }));
    const call = {
      stop: () => cloud.ecs.stopInstance(new Ecs.StopInstanceRequest({ instanceId: id })),
      start: () => cloud.ecs.startInstance(new Ecs.StartInstanceRequest({ instanceId: id })),
      delete: () => cloud.ecs.deleteInstance(new Ecs.DeleteInstanceRequest({ instanceId: id })),
    }[op]!;
    const e = await apiError(call);
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });

  test('forced delete of a Running instance: Stopping, then gone; its group and vSwitch are freed only then', async () => {
    const w = await buildWorld(cloud);
    await cloud.ecs.deleteInstance(new Ecs.DeleteInstanceRequest({ instanceId: w.instanceId, force: true }));
    expect((await instance(w))!.status).toBe('Stopping');
    const e = await apiError(() => cloud.ecs.deleteSecurityGroup(new Ecs.DeleteSecurityGroupRequest({ regionId: w.region, securityGroupId: w.sgId })));
    expect([e.code, e.statusCode]).toEqual(['DependencyViolation', 403]);
    cloud.emu.control.advance(DURATIONS.instanceRelease);
    expect(await instance(w)).toBeUndefined();
    await cloud.ecs.deleteSecurityGroup(new Ecs.DeleteSecurityGroupRequest({ regionId: w.region, securityGroupId: w.sgId }));
    expect(cloud.emu.control.dump().regions[w.region]!.securityGroups).toEqual([]);
  });

  test('ModifyInstanceAttribute changes name, description and host name', async () => {
    const w = await buildWorld(cloud);
    await cloud.ecs.modifyInstanceAttribute(new Ecs.ModifyInstanceAttributeRequest({ instanceId: w.instanceId, instanceName: 'renamed', description: 'about it', hostName: 'host-1' }));
    const i = (await instance(w))!;
    expect([i.instanceName, i.description, i.hostName]).toEqual(['renamed', 'about it', 'host-1']);
    const e = await apiError(() => cloud.ecs.modifyInstanceAttribute(new Ecs.ModifyInstanceAttributeRequest({ instanceId: w.instanceId, instanceName: '9'.repeat(3) })));
    expect(e.code).toBe('InvalidInstanceName.Malformed');
  });
});

describe('DescribeInstances', () => {
  test('pagination by PageNumber and by NextToken visits every instance once', async () => {
    const w = await buildWorld(cloud);
    await run(w, { amount: 6 });
    const all: string[] = [];
    for (let p = 1; p <= 3; p++) {
      const r = await cloud.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: w.region, pageSize: 3, pageNumber: p }));
      expect(r.body!.totalCount).toBe(7);
      all.push(...r.body!.instances!.instance!.map((i) => i.instanceId!));
    }
    expect(new Set(all).size).toBe(7);
    const viaToken: string[] = [];
    let token: string | undefined;
    do {
      const r = await cloud.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: w.region, maxResults: 4, ...(token ? { nextToken: token } : {}) }));
      viaToken.push(...r.body!.instances!.instance!.map((i) => i.instanceId!));
      token = r.body!.nextToken || undefined;
    } while (token);
    expect(viaToken).toEqual(all);
  });

  test('filters by status, name wildcard and tag; other regions are separate', async () => {
    const w = await buildWorld(cloud);
    const q = async (over: Partial<Ecs.DescribeInstancesRequest>): Promise<number> =>
      (await cloud.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: w.region, ...over }))).body!.totalCount!;
    expect(await q({ status: 'Running' })).toBe(1);
    expect(await q({ status: 'Stopped' })).toBe(0);
    expect(await q({ instanceName: 'wor*' })).toBe(1);
    expect(await q({ instanceName: 'x*' })).toBe(0);
    expect(await q({ regionId: 'cn-beijing' })).toBe(0);
    const e = await apiError(() => cloud.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: w.region, instanceIds: 'i-notjson' })));
    expect(e.code).toBe('InvalidParameter');
  });
});

describe('security groups', () => {
  test('create, describe with filters and pagination, modify, delete', async () => {
    const w = await buildWorld(cloud);
    for (let i = 0; i < 4; i++) await cloud.ecs.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: w.region, vpcId: w.vpcId, securityGroupName: `g-${i}`, description: 'a group' }));
    const page = await cloud.ecs.describeSecurityGroups(new Ecs.DescribeSecurityGroupsRequest({ regionId: w.region, vpcId: w.vpcId, pageSize: 2, pageNumber: 3 }));
    expect([page.body!.totalCount, page.body!.securityGroups!.securityGroup!.length]).toEqual([5, 1]);
    const one = await cloud.ecs.describeSecurityGroups(new Ecs.DescribeSecurityGroupsRequest({ regionId: w.region, securityGroupId: w.sgId }));
    const g = one.body!.securityGroups!.securityGroup![0]!;
    expect([g.securityGroupName, g.vpcId, g.ecsCount, g.securityGroupType]).toEqual(['world', w.vpcId, 1, 'normal']);
    await cloud.ecs.modifySecurityGroupAttribute(new Ecs.ModifySecurityGroupAttributeRequest({ regionId: w.region, securityGroupId: w.sgId, securityGroupName: 'renamed' }));
    const again = await cloud.ecs.describeSecurityGroups(new Ecs.DescribeSecurityGroupsRequest({ regionId: w.region, securityGroupIds: JSON.stringify([w.sgId]) }));
    expect(again.body!.securityGroups!.securityGroup![0]!.securityGroupName).toBe('renamed');
  });

  test.each([
    ['bad name', { securityGroupName: '1abc' }, 'InvalidSecurityGroupName.Malformed', 400],
    ['bad description', { description: 'h' }, 'InvalidDescription.Malformed', 400],
    ['unknown VPC', { vpcId: 'vpc-none' }, 'InvalidVpcId.NotFound', 404],
    ['bad type', { securityGroupType: 'vip' }, 'InvalidParameter', 400],
  ])('CreateSecurityGroup %s → %s', async (_n, over, code, status) => {
    const e = await apiError(() => cloud.ecs.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: 'cn-hangzhou', ...over })));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });

  test('a group in a Pending VPC is refused; deleting an unknown group is NotFound', async () => {
    cloud.emu.control.setSpeed(0);
    const vpcId = (await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou' }))).body!.vpcId!;
    expect((await apiError(() => cloud.ecs.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: 'cn-hangzhou', vpcId })))).code).toBe('IncorrectVpcStatus');
    const e = await apiError(() => cloud.ecs.deleteSecurityGroup(new Ecs.DeleteSecurityGroupRequest({ regionId: 'cn-hangzhou', securityGroupId: 'sg-none' })));
    expect([e.code, e.statusCode]).toEqual(['InvalidSecurityGroupId.NotFound', 404]);
  });
});
