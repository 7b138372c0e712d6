import { describe, expect, test } from 'vitest';
import { Ecs, Vpc, useTestCloud, type TestCloud } from '../helpers/emulator.js';
import { apiError, buildImage, buildWorld, UBUNTU, type World } from './world.js';

const cloud = useTestCloud();

interface Case {
  readonly name: string;
  /** Calls the action with `token` and a parameter variant; returns the created ID. */
  readonly call: (c: TestCloud, w: World, token: string, variant: string) => Promise<string>;
  /** How many objects of the kind exist (to prove nothing new was made). */
  readonly count: (c: TestCloud, w: World) => number;
  readonly mismatch: string;
}

const dump = (c: TestCloud, w: World) => c.emu.control.dump().regions[w.region]!;

const CASES: Case[] = [
  {
    name: 'CreateVpc',
    call: async (c, w, token, v) => (await c.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: w.region, clientToken: token, vpcName: `vpc-${v}` }))).body!.vpcId!,
    count: (c, w) => dump(c, w).vpcs.length,
    mismatch: 'IdempotentParameterMismatch',
  },
  {
    name: 'CreateVSwitch',
    call: async (c, w, token, v) => (await c.vpc.createVSwitch(new Vpc.CreateVSwitchRequest({ regionId: w.region, clientToken: token, vpcId: w.vpcId, zoneId: w.zone, cidrBlock: `172.17.${v === 'c' ? 9 : 8}.0/24`, vSwitchName: `s-${v}` }))).body!.vSwitchId!,
    count: (c, w) => dump(c, w).vswitches.length,
    mismatch: 'IdempotentParameterMismatch',
  },
  {
    name: 'CreateSecurityGroup',
    call: async (c, w, token, v) => (await c.ecs.createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: w.region, clientToken: token, vpcId: w.vpcId, securityGroupName: `sg-${v}` }))).body!.securityGroupId!,
    count: (c, w) => dump(c, w).securityGroups.length,
    mismatch: 'IdempotentParameterMismatch',
  },
  {
    name: 'RunInstances',
    call: async (c, w, token, v) =>
      (await c.ecs.runInstances(new Ecs.RunInstancesRequest({ regionId: w.region, clientToken: token, imageId: UBUNTU, instanceType: 'ecs.sn1ne.large', vSwitchId: w.vswId, securityGroupId: w.sgId, instanceName: `vm-${v}` })))
        .body!.instanceIdSets!.instanceIdSet![0]!,
    count: (c, w) => dump(c, w).instances.length,
    mismatch: 'IdempotentParameterMismatch',
  },
  {
    name: 'CreateImage',
    call: async (c, w, token, v) => (await c.ecs.createImage(new Ecs.CreateImageRequest({ regionId: w.region, clientToken: token, instanceId: w.instanceId, imageName: `img-${v}` }))).body!.imageId!,
    count: (c, w) => dump(c, w).images.length,
    mismatch: 'InvalidParamter.Conflict',
  },
  {
    name: 'CopyImage',
    call: async (c, w, token, v) => {
      const src = dump(c, w).images.find((i) => i.name === 'source')?.id ?? (await buildImage(c, w, 'source'));
      return (await c.ecs.copyImage(new Ecs.CopyImageRequest({ regionId: w.region, clientToken: token, imageId: src, destinationRegionId: 'cn-shanghai', destinationImageName: `copy-${v}` }))).body!.imageId!;
    },
    count: (c) => c.emu.control.dump().regions['cn-shanghai']!.images.length,
    mismatch: 'IdempotentParameterMismatch',
  },
];

describe('ClientToken idempotency', () => {
  test.each(CASES)('$name: same token and parameters → same ID, nothing new; other parameters → $mismatch', async ({ call, count, mismatch }) => {
    const w = await buildWorld(cloud);
    const first = await call(cloud, w, 'token-1', 'a');
    const n = count(cloud, w);
    const again = await call(cloud, w, 'token-1', 'a');
    expect(again).toBe(first);
    expect(count(cloud, w)).toBe(n);
    const e = await apiError(() => call(cloud, w, 'token-1', 'b'));
    expect(e.code).toBe(mismatch);
    const other = await call(cloud, w, 'token-2', 'c');
    expect(other).not.toBe(first);
    expect(count(cloud, w)).toBe(n + 1);
  });

  test('the replayed answer has a new RequestId; tokens longer than 64 characters are refused', async () => {
    const a = await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou', clientToken: 'same' }));
    const b = await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou', clientToken: 'same' }));
    expect(b.body!.vpcId).toBe(a.body!.vpcId);
    expect(b.body!.requestId).not.toBe(a.body!.requestId);
    const e = await apiError(() => cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou', clientToken: 'x'.repeat(65) })));
    expect(e.code).toBe('InvalidClientToken.ValueNotSupported');
  });

  test('a token that first failed can be used again (only successes are remembered)', async () => {
    const bad = await apiError(() => cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou', clientToken: 't', cidrBlock: '1.2.3.0/24' })));
    expect(bad.code).toBe('InvalidParameter');
    const ok = await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou', clientToken: 't', cidrBlock: '10.0.0.0/8' }));
    expect(ok.body!.vpcId).toMatch(/^vpc-/);
  });
});
