import { describe, expect, test } from 'vitest';
import { DURATIONS } from '../../src/emulator/index.js';
import { Ecs, Vpc, useTestCloud } from '../helpers/emulator.js';
import { apiError, buildWorld } from './world.js';

const cloud = useTestCloud();
const R = 'cn-hangzhou';

async function newVpc(over: Partial<Vpc.CreateVpcRequest> = {}): Promise<string> {
  cloud.emu.control.setSpeed(0);
  const id = (await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: R, cidrBlock: '10.0.0.0/16', ...over }))).body!.vpcId!;
  cloud.emu.control.advance(DURATIONS.vpcPending);
  return id;
}

function createVsw(vpcId: string, over: Partial<Vpc.CreateVSwitchRequest> = {}): Promise<Vpc.CreateVSwitchResponse> {
  return cloud.vpc.createVSwitch(new Vpc.CreateVSwitchRequest({ regionId: R, vpcId, zoneId: 'cn-hangzhou-h', cidrBlock: '10.0.1.0/24', ...over }));
}

describe('VPC', () => {
  test('CreateVpc: Pending, then Available, with router, route table and tags', async () => {
    cloud.emu.control.setSpeed(0);
    const r = await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: R, cidrBlock: '172.17.3.0/24', vpcName: 'terraform-example', description: 'demo', tag: [new Vpc.CreateVpcRequestTag({ key: 'a', value: 'b' })] }));
    const { vpcId, VRouterId, routeTableId } = r.body!;
    expect([vpcId, VRouterId, routeTableId].map((x) => x!.split('-')[0])).toEqual(['vpc', 'vrt', 'vtb']);
    const attr = async (): Promise<Vpc.DescribeVpcAttributeResponseBody> => (await cloud.vpc.describeVpcAttribute(new Vpc.DescribeVpcAttributeRequest({ regionId: R, vpcId }))).body!;
    expect((await attr()).status).toBe('Pending');
    cloud.emu.control.advance(DURATIONS.vpcPending);
    const a = await attr();
    expect([a.status, a.vpcName, a.description, a.cidrBlock, a.VRouterId]).toEqual(['Available', 'terraform-example', 'demo', '172.17.3.0/24', VRouterId]);
    expect(a.tags?.tag).toEqual([{ key: 'a', value: 'b' }]);
    const list = await cloud.vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: R, vpcId }));
    expect(list.body!.vpcs!.vpc![0]!.routerTableIds!.routerTableIds).toEqual([routeTableId]);
  });

  test.each([
    ['public range', { cidrBlock: '8.8.8.0/24' }, 'InvalidParameter', 400],
    ['mask too long', { cidrBlock: '10.0.0.0/29' }, 'InvalidParameter', 400],
    ['malformed CIDR', { cidrBlock: '10.0.0.1/16' }, 'InvalidCidrBlock.Malformed', 400],
    ['bad name', { vpcName: 'http://x' }, 'InvalidVpcName.Malformed', 400],
    ['bad description', { description: 'x'.repeat(257) }, 'InvalidVpcDiscription.Malformed', 400],
    ['unknown region', { regionId: 'moon-1' }, 'InvalidRegionId.NotFound', 404],
    ['DryRun', { dryRun: true }, 'DryRunOperation', 400],
  ])('CreateVpc %s → %s', async (_n, over, code, status) => {
    const e = await apiError(() => cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: R, ...over })));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });

  test('DescribeVpcs paginates with PageNumber/PageSize/TotalCount', async () => {
    for (let i = 0; i < 5; i++) await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: R, vpcName: `v${i}` }));
    const names: string[] = [];
    for (let p = 1; p <= 3; p++) {
      const r = await cloud.vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: R, pageSize: 2, pageNumber: p }));
      expect(r.body!.totalCount).toBe(5);
      names.push(...r.body!.vpcs!.vpc!.map((v) => v.vpcName!));
    }
    expect(names).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    expect((await apiError(() => cloud.vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: R, pageSize: 51 })))).code).toBe('InvalidParameter');
  });

  test('DeleteVpc is refused while vSwitches, groups or a Pending state remain, then Deleting → gone', async () => {
    const w = await buildWorld(cloud);
    const dep = async (): Promise<string> => (await apiError(() => cloud.vpc.deleteVpc(new Vpc.DeleteVpcRequest({ regionId: R, vpcId: w.vpcId })))).code;
    expect(await dep()).toBe('DependencyViolation.VSwitch');
    await cloud.ecs.deleteInstance(new Ecs.DeleteInstanceRequest({ instanceId: w.instanceId, force: true }));
    cloud.emu.control.advance(DURATIONS.instanceRelease);
    await cloud.vpc.deleteVSwitch(new Vpc.DeleteVSwitchRequest({ regionId: R, vSwitchId: w.vswId }));
    cloud.emu.control.advance(DURATIONS.vswitchDeleting);
    expect(await dep()).toBe('DependencyViolation.SecurityGroup');
    await cloud.ecs.deleteSecurityGroup(new Ecs.DeleteSecurityGroupRequest({ regionId: R, securityGroupId: w.sgId }));
    await cloud.vpc.deleteVpc(new Vpc.DeleteVpcRequest({ regionId: R, vpcId: w.vpcId }));
    const attr = await cloud.vpc.describeVpcAttribute(new Vpc.DescribeVpcAttributeRequest({ regionId: R, vpcId: w.vpcId }));
    expect(attr.body!.status).toBe('Deleting');
    cloud.emu.control.advance(DURATIONS.vpcDeleting);
    const e = await apiError(() => cloud.vpc.describeVpcAttribute(new Vpc.DescribeVpcAttributeRequest({ regionId: R, vpcId: w.vpcId })));
    expect([e.code, e.statusCode]).toEqual(['InvalidVpcId.NotFound', 404]);
    const pending = (await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: R }))).body!.vpcId!;
    expect((await apiError(() => cloud.vpc.deleteVpc(new Vpc.DeleteVpcRequest({ regionId: R, vpcId: pending })))).code).toBe('IncorrectVpcStatus');
    expect((await apiError(() => cloud.vpc.deleteVpc(new Vpc.DeleteVpcRequest({ regionId: R, vpcId: 'vpc-none' })))).statusCode).toBe(404);
  });

  test('ModifyVpcAttribute renames and may widen the CIDR only around its vSwitches', async () => {
    const vpcId = await newVpc();
    await createVsw(vpcId);
    await cloud.vpc.modifyVpcAttribute(new Vpc.ModifyVpcAttributeRequest({ regionId: R, vpcId, vpcName: 'renamed', description: 'd', cidrBlock: '10.0.0.0/8' }));
    const a = (await cloud.vpc.describeVpcAttribute(new Vpc.DescribeVpcAttributeRequest({ regionId: R, vpcId }))).body!;
    expect([a.vpcName, a.description, a.cidrBlock, a.vSwitchIds?.vSwitchId?.length]).toEqual(['renamed', 'd', '10.0.0.0/8', 1]);
    const e = await apiError(() => cloud.vpc.modifyVpcAttribute(new Vpc.ModifyVpcAttributeRequest({ regionId: R, vpcId, cidrBlock: '10.1.0.0/16' })));
    expect(e.code).toBe('InvalidParameter');
  });
});

describe('vSwitch', () => {
  test('CreateVSwitch: Pending → Available; attributes and listing', async () => {
    const vpcId = await newVpc();
    const id = (await createVsw(vpcId, { vSwitchName: 'sub', description: 'first' })).body!.vSwitchId!;
    const attr = async (): Promise<Vpc.DescribeVSwitchAttributesResponseBody> => (await cloud.vpc.describeVSwitchAttributes(new Vpc.DescribeVSwitchAttributesRequest({ regionId: R, vSwitchId: id }))).body!;
    expect((await attr()).status).toBe('Pending');
    cloud.emu.control.advance(DURATIONS.vswitchPending);
    const a = await attr();
    expect([a.status, a.vSwitchName, a.description, a.zoneId, a.cidrBlock, a.vpcId, a.availableIpAddressCount]).toEqual(['Available', 'sub', 'first', 'cn-hangzhou-h', '10.0.1.0/24', vpcId, 252]);
    const list = await cloud.vpc.describeVSwitches(new Vpc.DescribeVSwitchesRequest({ regionId: R, vpcId }));
    expect(list.body!.vSwitches!.vSwitch!.map((s) => s.vSwitchId)).toEqual([id]);
    await cloud.vpc.modifyVSwitchAttribute(new Vpc.ModifyVSwitchAttributeRequest({ regionId: R, vSwitchId: id, vSwitchName: 'renamed' }));
    expect((await attr()).vSwitchName).toBe('renamed');
  });

  test.each([
    ['outside the VPC', { cidrBlock: '10.1.0.0/24' }, 'InvalidParameter', 400],
    ['mask too short', { cidrBlock: '10.0.0.0/15' }, 'InvalidCirdrBlock.MaskLength', 400],
    ['mask too long', { cidrBlock: '10.0.0.0/30' }, 'InvalidCirdrBlock.MaskLength', 400],
    ['overlapping', { cidrBlock: '10.0.1.128/25' }, 'InvalidCidrBlock.Overlapped', 400],
    ['unknown zone', { zoneId: 'cn-hangzhou-z' }, 'InvalidZoneId.NotFound', 404],
    ['unknown VPC', { vpcId: 'vpc-none' }, 'InvalidVpcId.NotFound', 404],
    ['bad name', { vSwitchName: 'https://a' }, 'InvalidVSwitchName.Malformed', 400],
  ])('CreateVSwitch %s → %s', async (_n, over, code, status) => {
    const vpcId = await newVpc();
    await createVsw(vpcId);
    const e = await apiError(() => createVsw(vpcId, { cidrBlock: '10.0.2.0/24', ...over }));
    expect([e.code, e.statusCode]).toEqual([code, status]);
  });

  test('CreateVSwitch in a Pending VPC is refused; equal CIDR to the VPC is fine', async () => {
    cloud.emu.control.setSpeed(0);
    const vpcId = (await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: R, cidrBlock: '192.168.0.0/24' }))).body!.vpcId!;
    expect((await apiError(() => createVsw(vpcId, { cidrBlock: '192.168.0.0/24' }))).code).toBe('IncorrectVpcStatus');
    cloud.emu.control.advance(DURATIONS.vpcPending);
    expect((await createVsw(vpcId, { cidrBlock: '192.168.0.0/24' })).body!.vSwitchId).toMatch(/^vsw-/);
  });

  test('DeleteVSwitch: refused while an instance uses it or while Pending; then gone', async () => {
    const w = await buildWorld(cloud);
    const e = await apiError(() => cloud.vpc.deleteVSwitch(new Vpc.DeleteVSwitchRequest({ regionId: R, vSwitchId: w.vswId })));
    expect([e.code, e.statusCode]).toEqual(['DependencyViolation', 400]);
    const fresh = (await createVsw(w.vpcId, { cidrBlock: '172.17.9.0/24' })).body!.vSwitchId!;
    expect((await apiError(() => cloud.vpc.deleteVSwitch(new Vpc.DeleteVSwitchRequest({ regionId: R, vSwitchId: fresh })))).code).toBe('IncorrectVSwitchStatus');
    cloud.emu.control.advance(DURATIONS.vswitchPending);
    await cloud.vpc.deleteVSwitch(new Vpc.DeleteVSwitchRequest({ regionId: R, vSwitchId: fresh }));
    cloud.emu.control.advance(DURATIONS.vswitchDeleting);
    const gone = await apiError(() => cloud.vpc.describeVSwitchAttributes(new Vpc.DescribeVSwitchAttributesRequest({ regionId: R, vSwitchId: fresh })));
    expect([gone.code, gone.statusCode]).toEqual(['InvalidVSwitchId.NotFound', 404]);
  });

  test('DescribeVSwitches paginates', async () => {
    const vpcId = await newVpc();
    for (let i = 0; i < 3; i++) await createVsw(vpcId, { cidrBlock: `10.0.${i}.0/24` });
    const r = await cloud.vpc.describeVSwitches(new Vpc.DescribeVSwitchesRequest({ regionId: R, vpcId, pageSize: 2, pageNumber: 2 }));
    expect([r.body!.totalCount, r.body!.pageNumber, r.body!.vSwitches!.vSwitch!.length]).toEqual([3, 2, 1]);
  });
});
