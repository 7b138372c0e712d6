import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { DURATIONS, startEmulator } from '../../src/emulator/index.js';
import { Ecs, Vpc, ecsClient, vpcClient } from '../helpers/emulator.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmpFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'minitf-emu-'));
  dirs.push(d);
  return join(d, 'nested', 'cloud.json');
}

describe('persistence', () => {
  test('a restarted emulator with the same data file keeps its cloud, tokens and clock', async () => {
    const file = tmpFile();
    const first = await startEmulator({ dataFile: file, speed: 0, seed: 5 });
    const vpc = vpcClient(first);
    const vpcId = (await vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou', vpcName: 'kept', clientToken: 'tok' }))).body!.vpcId!;
    first.control.advance(DURATIONS.vpcPending);
    const sgId = (await ecsClient(first).createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: 'cn-hangzhou', vpcId }))).body!.securityGroupId!;
    const clockBefore = first.control.now();
    await first.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);

    const second = await startEmulator({ dataFile: file, speed: 0, seed: 5 });
    try {
      const got = await vpcClient(second).describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: 'cn-hangzhou' }));
      expect(got.body!.vpcs!.vpc!.map((v) => [v.vpcId, v.vpcName, v.status])).toEqual([[vpcId, 'kept', 'Available']]);
      const sgs = await ecsClient(second).describeSecurityGroups(new Ecs.DescribeSecurityGroupsRequest({ regionId: 'cn-hangzhou' }));
      expect(sgs.body!.securityGroups!.securityGroup!.map((g) => g.securityGroupId)).toEqual([sgId]);
      const replay = await vpcClient(second).createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou', vpcName: 'kept', clientToken: 'tok' }));
      expect(replay.body!.vpcId).toBe(vpcId);
      expect(second.control.now()).toBeGreaterThanOrEqual(clockBefore);
      const fresh = (await vpcClient(second).createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou' }))).body!.vpcId!;
      expect(fresh).not.toBe(vpcId);
    } finally {
      await second.close();
    }
  });

  test('without a data file nothing survives a restart', async () => {
    const a = await startEmulator();
    await vpcClient(a).createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou' }));
    await a.close();
    const b = await startEmulator();
    try {
      expect(b.control.dump().regions['cn-hangzhou']!.vpcs).toEqual([]);
    } finally {
      await b.close();
    }
  });

  test.each([
    ['not JSON', '{ nope'],
    ['not an emulator cloud', '{"version": 7}'],
  ])('a data file that is %s is refused at start', async (_n, text) => {
    const file = tmpFile();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    await expect(startEmulator({ dataFile: file })).rejects.toThrow(/emulator data file/);
  });
});
