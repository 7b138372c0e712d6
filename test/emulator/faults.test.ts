import { ServerError, ThrottlingError } from '@alicloud/openapi-core';
import { describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { Ecs, Vpc, ecsClient, vpcClient } from '../helpers/emulator.js';
import { apiError } from './world.js';

async function outcomes(opts: EmulatorOptions, n: number): Promise<string[]> {
  const emu = await startEmulator(opts);
  try {
    const ecs = ecsClient(emu);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      try {
        await ecs.describeRegions(new Ecs.DescribeRegionsRequest({}));
        out.push('ok');
      } catch (e) {
        out.push(e instanceof ThrottlingError ? `throttled:${e.retryAfter}` : e instanceof ServerError ? `server:${e.statusCode}` : `other:${(e as Error).name}`);
      }
    }
    return out;
  } finally {
    await emu.close();
  }
}

describe('fault injection', () => {
  test('50% throttling: a plain SDK call fails with ThrottlingError about half the time, the same way for the same seed', async () => {
    const a = await outcomes({ seed: 7, faults: { throttleRate: 0.5 } }, 60);
    const throttled = a.filter((x) => x.startsWith('throttled')).length;
    expect(throttled).toBeGreaterThanOrEqual(18);
    expect(throttled).toBeLessThanOrEqual(42);
    expect(new Set(a)).toEqual(new Set(['ok', 'throttled:500']));
    expect(await outcomes({ seed: 7, faults: { throttleRate: 0.5 } }, 60)).toEqual(a);
    expect(await outcomes({ seed: 8, faults: { throttleRate: 0.5 } }, 60)).not.toEqual(a);
  });

  test.each([
    [{ errorRate: 1 }, 'server:503'],
    [{ throttleRate: 1, retryAfterMs: 1234 }, 'throttled:1234'],
    [{ throttleRate: 0, errorRate: 0 }, 'ok'],
    [{ perAction: { DescribeRegions: { errorRate: 1 } } }, 'server:503'],
    [{ errorRate: 1, perAction: { DescribeRegions: { errorRate: 0 } } }, 'ok'],
  ])('%o → %s', async (faults, expected) => {
    expect(await outcomes({ seed: 1, faults }, 3)).toEqual([expected, expected, expected]);
  });

  test('errorAfterRate: the call takes effect but is answered 503; the request log records it', async () => {
    const emu = await startEmulator({ seed: 3, faults: { perAction: { CreateVpc: { errorAfterRate: 1 } } } });
    try {
      const e = await apiError(() => vpcClient(emu).createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-beijing', vpcName: 'lost-answer' })));
      expect([e.name, e.code, e.statusCode]).toEqual(['ServerError', 'ServiceUnavailable', 503]);
      expect(emu.control.dump().regions['cn-beijing']!.vpcs.map((v) => v.name)).toEqual(['lost-answer']);
      expect(emu.control.requestLog().map((l) => [l.action, l.region, l.status, l.code])).toEqual([['CreateVpc', 'cn-beijing', 503, 'ServiceUnavailable']]);
    } finally {
      await emu.close();
    }
  });

  test('latency is added to every answer (request log durations are at least the latency)', async () => {
    const emu = await startEmulator({ faults: { latencyMs: 40, jitterMs: 10 } });
    try {
      for (let i = 0; i < 3; i++) await ecsClient(emu).describeRegions(new Ecs.DescribeRegionsRequest({}));
      expect(emu.control.requestLog().every((l) => l.durationMs >= 40)).toBe(true);
    } finally {
      await emu.close();
    }
  });

  test('faults can be changed at run time and invalid settings are refused', async () => {
    const emu = await startEmulator({ seed: 1 });
    try {
      emu.control.setFaults({ throttleRate: 1 });
      expect((await apiError(() => ecsClient(emu).describeRegions(new Ecs.DescribeRegionsRequest({})))).code).toBe('Throttling.User');
      expect(() => emu.control.setFaults({ throttleRate: 2 })).toThrow(RangeError);
      expect(() => emu.control.setFaults({ latencyMs: -1 })).toThrow(RangeError);
      emu.control.reset();
      expect(emu.control.faults()).toEqual({});
    } finally {
      await emu.close();
    }
  });
});

describe('injected errors', () => {
  test('the next calls of one action get the chosen code, then calls succeed again', async () => {
    const emu = await startEmulator({ seed: 2 });
    try {
      emu.control.injectError('CreateVSwitch', { code: 'TaskConflict', status: 400, times: 2 });
      emu.control.injectError('CreateVpc', { code: 'QuotaExceeded.Vpc', status: 400 });
      const vpc = vpcClient(emu);
      const e = await apiError(() => vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou' })));
      expect([e.code, e.statusCode]).toEqual(['QuotaExceeded.Vpc', 400]);
      emu.control.setSpeed(0);
      const vpcId = (await vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou' }))).body!.vpcId!;
      emu.control.advance(60_000);
      const create = (): Promise<Vpc.CreateVSwitchResponse> => vpc.createVSwitch(new Vpc.CreateVSwitchRequest({ regionId: 'cn-hangzhou', vpcId, zoneId: 'cn-hangzhou-h', cidrBlock: '172.16.0.0/24' }));
      expect((await apiError(create)).code).toBe('TaskConflict');
      expect((await apiError(create)).code).toBe('TaskConflict');
      expect((await create()).body!.vSwitchId).toMatch(/^vsw-/);
      expect(() => emu.control.injectError('CreateVpc', { code: 'X', status: 200 })).toThrow(RangeError);
    } finally {
      await emu.close();
    }
  });

  test('an injected error "after" lets the call take effect (a lost answer), also over HTTP', async () => {
    const emu = await startEmulator({ seed: 2 });
    try {
      const r = await fetch(`${emu.url}/_emulator/inject`, { method: 'POST', body: JSON.stringify({ action: 'CreateSecurityGroup', code: 'ServiceUnavailable', status: 503, after: true }) });
      expect(r.status).toBe(200);
      const e = await apiError(() => ecsClient(emu).createSecurityGroup(new Ecs.CreateSecurityGroupRequest({ regionId: 'cn-shanghai', securityGroupName: 'made-anyway' })));
      expect([e.name, e.code]).toEqual(['ServerError', 'ServiceUnavailable']);
      expect(emu.control.dump().regions['cn-shanghai']!.securityGroups.map((g) => g.name)).toEqual(['made-anyway']);
    } finally {
      await emu.close();
    }
  });
});
