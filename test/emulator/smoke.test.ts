import { describe, expect, test } from 'vitest';
import { Ecs, Vpc, useTestCloud } from '../helpers/emulator.js';

const cloud = useTestCloud();

describe('smoke', () => {
  test('describe regions', async () => {
    const r = await cloud.ecs.describeRegions(new Ecs.DescribeRegionsRequest({}));
    expect(r.body?.regions?.region?.map((x) => x.regionId)).toContain('cn-hangzhou');
    const v = await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou', cidrBlock: '172.17.3.0/24', vpcName: 'x' }));
    expect(v.body?.vpcId).toMatch(/^vpc-/);
  });
});
