import { $OpenApiUtil } from '@alicloud/openapi-core';
import { describe, expect, test } from 'vitest';
import { DURATIONS } from '../../src/emulator/index.js';
import { Ecs, Vpc, useTestCloud } from '../helpers/emulator.js';
import { apiError, buildWorld } from './world.js';

const cloud = useTestCloud();

async function ctl(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(cloud.emu.url + path, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  return { status: r.status, json: await r.json() };
}

function rpc(action: string, version: string): $OpenApiUtil.Params {
  return new $OpenApiUtil.Params({ action, version, protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
}

describe('routing', () => {
  test.each([
    ['an unknown action', 'Frobnicate', '2014-05-26'],
    ['a VPC action under the ECS version', 'CreateVSwitch', '2014-05-26'],
    ['an unknown version', 'DescribeRegions', '2099-01-01'],
    ['a prototype property name', 'constructor', '2016-04-28'],
  ])('%s is a JSON 404 InvalidAction.NotFound the SDK can parse', async (_n, action, version) => {
    const e = await apiError(() => cloud.ecs.callApi(rpc(action, version), new $OpenApiUtil.OpenApiRequest({ query: {} }), {} as Parameters<typeof cloud.ecs.callApi>[2]));
    expect([e.name, e.code, e.statusCode]).toEqual(['ClientError', 'InvalidAction.NotFound', 404]);
  });

  test('TagResources routes by version: ECS and VPC both answer it', async () => {
    const w = await buildWorld(cloud);
    await cloud.ecs.tagResources(new Ecs.TagResourcesRequest({ regionId: w.region, resourceType: 'securitygroup', resourceId: [w.sgId], tag: [new Ecs.TagResourcesRequestTag({ key: 'a', value: 'b' })] }));
    await cloud.vpc.tagResources(new Vpc.TagResourcesRequest({ regionId: w.region, resourceType: 'VPC', resourceId: [w.vpcId], tag: [new Vpc.TagResourcesRequestTag({ key: 'a', value: 'b' })] }));
    const log = cloud.emu.control.requestLog().filter((l) => l.action === 'TagResources');
    expect(log.map((l) => [l.product, l.status])).toEqual([['ecs', 200], ['vpc', 200]]);
  });

  test('errors carry RequestId, HostId, Code, Message; an unsigned request to any path is a JSON 400', async () => {
    const e = await apiError(() => cloud.ecs.describeZones(new Ecs.DescribeZonesRequest({ regionId: 'nowhere' })));
    expect(e.data).toMatchObject({ RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/), HostId: 'ecs.nowhere.aliyuncs.com', Code: 'InvalidRegionId.NotFound', Message: expect.stringContaining('nowhere') });
    const r = await fetch(cloud.emu.url + '/other', { method: 'POST' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { Code: string }).Code).toBe('IncompleteSignature');
  });
});

describe('control endpoints', () => {
  test('health, clock, faults, dump, requests, resources over HTTP', async () => {
    expect((await ctl('GET', '/_emulator/health')).json).toEqual({ ok: true });
    const w = await buildWorld(cloud);
    const before = (await ctl('GET', '/_emulator/clock')).json.now as number;
    const after = (await ctl('POST', '/_emulator/clock', { advanceMs: 60_000 })).json.now as number;
    expect(after - before).toBe(60_000);
    expect((await ctl('PUT', '/_emulator/faults', { throttleRate: 0.25 })).json).toEqual({ throttleRate: 0.25 });
    expect((await ctl('GET', '/_emulator/faults')).json).toEqual({ throttleRate: 0.25 });
    expect((await ctl('PUT', '/_emulator/faults', { throttleRate: 5 })).status).toBe(400);
    await ctl('PUT', '/_emulator/faults', {});
    const dump = (await ctl('GET', '/_emulator/dump')).json;
    expect(dump.regions['cn-hangzhou'].instances.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[w.instanceId, 'Running']]);
    expect(dump.regions['cn-shanghai'].vpcs).toEqual([]);
    const reqs = (await ctl('GET', '/_emulator/requests')).json.requests as { action: string; region: string; status: number }[];
    expect(reqs.map((r) => r.action)).toEqual(['CreateVpc', 'CreateVSwitch', 'CreateSecurityGroup', 'RunInstances']);
    expect(reqs.every((r) => r.region === 'cn-hangzhou' && r.status === 200)).toBe(true);
    await ctl('DELETE', '/_emulator/requests');
    expect((await ctl('GET', '/_emulator/requests')).json.requests).toEqual([]);
    expect((await ctl('DELETE', `/_emulator/resources/instance/${w.instanceId}`)).json).toEqual({ deleted: true });
    expect((await ctl('DELETE', `/_emulator/resources/instance/${w.instanceId}`)).status).toBe(404);
    expect((await ctl('DELETE', `/_emulator/resources/toaster/x`)).status).toBe(400);
    const list = await cloud.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: w.region }));
    expect(list.body!.totalCount).toBe(0);
    await ctl('POST', '/_emulator/reset');
    expect((await ctl('GET', '/_emulator/dump')).json.regions['cn-hangzhou'].vpcs).toEqual([]);
    expect((await ctl('GET', '/_emulator/nothing')).status).toBe(404);
  });

  test('deleteResource removes an object out of band (drift) whatever depends on it', async () => {
    const w = await buildWorld(cloud);
    expect(cloud.emu.control.deleteResource('vpc', w.vpcId)).toBe(true);
    const e = await apiError(() => cloud.vpc.describeVpcAttribute(new Vpc.DescribeVpcAttributeRequest({ regionId: w.region, vpcId: w.vpcId })));
    expect(e.code).toBe('InvalidVpcId.NotFound');
    expect(cloud.emu.control.deleteResource('vpc', w.vpcId)).toBe(false);
  });

  test('the seed makes IDs reproducible; reset restores the start speed and empties the log', async () => {
    const ids = async (): Promise<string[]> => {
      cloud.emu.control.reset();
      cloud.emu.control.seed(99);
      const out: string[] = [];
      for (let i = 0; i < 3; i++) out.push((await cloud.vpc.createVpc(new Vpc.CreateVpcRequest({ regionId: 'cn-shenzhen' }))).body!.vpcId!);
      return out;
    };
    const a = await ids();
    expect(await ids()).toEqual(a);
    cloud.emu.control.setSpeed(0);
    const t = cloud.emu.control.now();
    cloud.emu.control.advance(DURATIONS.copyImage);
    expect(cloud.emu.control.now()).toBe(t + DURATIONS.copyImage);
    cloud.emu.control.reset();
    expect(cloud.emu.control.dump().speed).toBe(1000);
    expect(cloud.emu.control.requestLog()).toEqual([]);
  });
});
