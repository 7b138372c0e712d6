import { DURATIONS } from '../../src/emulator/index.js';
import { Ecs, Vpc, type TestCloud } from '../helpers/emulator.js';

/** IDs of a small network with one running instance, built through the SDK. */
export interface World {
  readonly region: string;
  readonly zone: string;
  readonly vpcId: string;
  readonly vswId: string;
  readonly sgId: string;
  readonly instanceId: string;
}

/** The seed example's system image. */
export const UBUNTU = 'ubuntu_18_04_x64_20G_alibase_20230208.vhd';

/**
 * Freezes the clock (speed 0) and builds VPC → vSwitch → security group → running instance in `region`,
 * stepping the clock past each lifecycle. Tests then move time with `control.advance`.
 */
export async function buildWorld(cloud: TestCloud, region = 'cn-hangzhou', zone = `${region === 'cn-hangzhou' ? 'cn-hangzhou-h' : region + '-b'}`): Promise<World> {
  const c = cloud.emu.control;
  c.setSpeed(0);
  const vpc = await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: region, cidrBlock: '172.17.0.0/16', vpcName: 'world' }));
  const vpcId = vpc.body!.vpcId!;
  c.advance(DURATIONS.vpcPending);
  const vsw = await cloud.vpc.createVSwitch(new Vpc.CreateVSwitchRequest({ regionId: region, vpcId, zoneId: zone, cidrBlock: '172.17.3.0/24', vSwitchName: 'world' }));
  const vswId = vsw.body!.vSwitchId!;
  c.advance(DURATIONS.vswitchPending);
  const sg = await cloud.ecs.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: region, vpcId, securityGroupName: 'world' }));
  const sgId = sg.body!.securityGroupId!;
  const run = await cloud.ecs.runInstances(
    new Ecs.RunInstancesRequest({ regionId: region, imageId: UBUNTU, instanceType: 'ecs.sn1ne.large', vSwitchId: vswId, securityGroupIds: [sgId], instanceName: 'world', internetMaxBandwidthOut: 10 }),
  );
  const instanceId = run.body!.instanceIdSets!.instanceIdSet![0]!;
  c.advance(DURATIONS.instancePending + DURATIONS.instanceStarting);
  return { region, zone, vpcId, vswId, sgId, instanceId };
}

/** Creates a custom image from the world's instance and steps the clock until it is Available and Usable. */
export async function buildImage(cloud: TestCloud, w: World, name = 'world-image'): Promise<string> {
  const r = await cloud.ecs.createImage(new Ecs.CreateImageRequest({ regionId: w.region, instanceId: w.instanceId, imageName: name, description: 'an image' }));
  cloud.emu.control.advance(DURATIONS.createImage + DURATIONS.imageUsableLag);
  return r.body!.imageId!;
}

/** Every image status, for DescribeImages reads that must see copies in progress. */
export const ALL_STATUSES = 'Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated';

/** Describes one image in a region with every status; undefined when absent. */
export async function imageIn(cloud: TestCloud, region: string, imageId: string): Promise<Ecs.DescribeImagesResponseBodyImagesImage | undefined> {
  const r = await cloud.ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: region, imageId, status: ALL_STATUSES }));
  return r.body?.images?.image?.[0];
}

/** Runs `fn` and returns the SDK error it throws (fails the test when it does not throw). */
export async function apiError(fn: () => Promise<unknown>): Promise<{ code: string; statusCode: number; name: string; message: string; data?: Record<string, unknown>; retryAfter?: number }> {
  try {
    await fn();
  } catch (e) {
    return e as { code: string; statusCode: number; name: string; message: string };
  }
  throw new Error('expected the call to fail');
}
