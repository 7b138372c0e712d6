import { describe, expect, test } from 'vitest';
import { contains, overlaps, parseCidr } from '../../src/emulator/cidr.js';
import { Clock, isoMinutes, isoSeconds } from '../../src/emulator/clock.js';
import { DURATIONS, lifecycleAt, MAX_CONCURRENT_COPIES, settleRegion, startLifecycle } from '../../src/emulator/lifecycle.js';
import { emptyRegion, type ImageRecord, type RegionData } from '../../src/emulator/model.js';
import { Params } from '../../src/emulator/params.js';
import { Random } from '../../src/emulator/random.js';
import { validImageName } from '../../src/emulator/validate.js';

describe('clock', () => {
  test('runs at its speed, keeps its time across speed changes, advances, never goes back', () => {
    let real = 1_000;
    const c = new Clock({ speed: 10, start: 0, realNow: () => real });
    real += 100;
    expect(c.now()).toBe(1_000);
    c.setSpeed(0);
    real += 500;
    expect(c.now()).toBe(1_000);
    c.advance(250);
    expect(c.now()).toBe(1_250);
    c.catchUp(1_000);
    expect(c.now()).toBe(1_250);
    c.catchUp(5_000);
    expect(c.now()).toBe(5_000);
    expect(() => c.advance(-1)).toThrow(RangeError);
    expect(() => c.setSpeed(Number.NaN)).toThrow(RangeError);
  });

  test.each([
    [Date.UTC(2024, 0, 2, 3, 4, 5, 678), '2024-01-02T03:04:05Z', '2024-01-02T03:04Z'],
    [0, '1970-01-01T00:00:00Z', '1970-01-01T00:00Z'],
  ])('formats %d', (ms, sec, min) => {
    expect([isoSeconds(ms), isoMinutes(ms)]).toEqual([sec, min]);
  });
});

describe('lifecycles', () => {
  const lc = startLifecycle(100, [['Pending', 10], ['Starting', 20]], 'Running');
  test.each([
    [100, 'Pending', false],
    [109, 'Pending', false],
    [110, 'Starting', false],
    [129, 'Starting', false],
    [130, 'Running', true],
    [10_000, 'Running', true],
  ])('at %d → %s', (now, status, done) => {
    const at = lifecycleAt(lc, now);
    expect([at.status, at.done]).toEqual([status, done]);
  });

  function copyImage(id: string, requestedAt: number): ImageRecord {
    return {
      id, regionId: 'r', name: id, description: '', status: 'Waiting', progress: '0%', usable: false, createdAt: requestedAt, architecture: 'x86_64', osType: 'linux', osName: '', osNameEn: '', platform: '', sizeGiB: 20,
      encrypted: false, disks: [], tags: [], deleting: false,
      copy: { sourceImageId: 'm-src', sourceRegionId: 'x', requestedAt, durationMs: DURATIONS.copyImage, fails: false, done: false },
    };
  }

  function region(n: number): RegionData {
    const r = emptyRegion();
    for (let i = 0; i < n; i++) r.images[`m-${i}`] = copyImage(`m-${i}`, 0);
    return r;
  }

  const statuses = (r: RegionData): string[] => Object.values(r.images).sort((a, b) => (a.id < b.id ? -1 : 1)).map((i) => i.status);

  test('copies queue: five Creating at once, the rest Waiting in request order, then they follow', () => {
    const r = region(MAX_CONCURRENT_COPIES + 2);
    settleRegion(r, 0);
    expect(statuses(r)).toEqual(['Creating', 'Creating', 'Creating', 'Creating', 'Creating', 'Waiting', 'Waiting']);
    settleRegion(r, DURATIONS.copyImage);
    expect(statuses(r)).toEqual(['Available', 'Available', 'Available', 'Available', 'Available', 'Creating', 'Creating']);
    expect(r.images['m-5']!.copy!.startAt).toBe(DURATIONS.copyImage);
    settleRegion(r, 2 * DURATIONS.copyImage);
    expect(statuses(r).every((s) => s === 'Available')).toBe(true);
  });

  test('settling late gives the same schedule as settling often', () => {
    const often = region(12);
    for (let t = 0; t <= 3 * DURATIONS.copyImage; t += 7_000) settleRegion(often, t);
    const late = region(12);
    settleRegion(late, 0);
    settleRegion(late, 3 * DURATIONS.copyImage);
    const starts = (r: RegionData): (number | undefined)[] => Object.values(r.images).map((i) => i.copy!.startAt);
    expect(starts(late)).toEqual(starts(often));
  });

  test('a cancelled copy frees its slot from the cancel time on, not retroactively', () => {
    const r = region(MAX_CONCURRENT_COPIES + 1);
    settleRegion(r, 0);
    settleRegion(r, 20_000);
    delete r.images['m-0'];
    settleRegion(r, 20_000);
    expect(r.images['m-5']!.copy!.startAt).toBe(20_000);
    expect(r.images['m-5']!.status).toBe('Creating');
  });
});

describe('CIDR blocks', () => {
  test.each([
    ['10.0.0.0/8', true],
    ['172.16.0.0/12', true],
    ['192.168.1.0/24', true],
    ['10.0.0.1/8', false],
    ['10.0.0.0/33', false],
    ['300.0.0.0/8', false],
    ['10.0.0.0', false],
  ])('parse %s → %s', (s, ok) => {
    expect(parseCidr(s) !== undefined).toBe(ok);
  });

  test.each([
    ['10.0.0.0/8', '10.1.0.0/16', true, true],
    ['10.0.0.0/16', '10.0.0.0/16', true, true],
    ['10.0.0.0/16', '10.1.0.0/16', false, false],
    ['10.0.1.0/24', '10.0.0.0/16', false, true],
  ])('%s vs %s: contains %s, overlaps %s', (a, b, c, o) => {
    expect([contains(parseCidr(a)!, parseCidr(b)!), overlaps(parseCidr(a)!, parseCidr(b)!)]).toEqual([c, o]);
  });
});

describe('parameters', () => {
  test('lists and objects follow N numerically, not wire order', () => {
    const pairs: [string, string][] = [];
    for (const n of [10, 2, 1, 9]) pairs.push([`Tag.${n}.Key`, `k${n}`], [`Tag.${n}.Value`, `v${n}`], [`SecurityGroupIds.${n}`, `sg-${n}`]);
    const p = new Params(pairs);
    expect(p.list('SecurityGroupIds')).toEqual(['sg-1', 'sg-2', 'sg-9', 'sg-10']);
    expect(p.tags().map((t) => t.key)).toEqual(['k1', 'k2', 'k9', 'k10']);
  });

  test.each([
    ['Amount', 'x', 'int'],
    ['DryRun', 'maybe', 'bool'],
    ['InstanceIds', '[1]', 'json'],
  ])('%s=%s is an InvalidParameter', (name, value, kind) => {
    const p = new Params([[name, value]]);
    const call = { int: () => p.int(name, 1), bool: () => p.bool(name), json: () => p.jsonList(name) }[kind]!;
    expect(call).toThrow(expect.objectContaining({ code: 'InvalidParameter', status: 400 }));
  });

  test.each([
    ['terraform-example', true],
    ['镜像-1', true],
    ['a', false],
    ['1abc', false],
    ['aliyun-x', false],
    ['acs:x', false],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['has space', false],
  ])('image name %j valid: %s', (name, ok) => {
    expect(validImageName(name)).toBe(ok);
  });
});

describe('seeded random', () => {
  test('the same seed gives the same stream; the state resumes it', () => {
    const a = new Random(5);
    const b = new Random(5);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    const resumed = new Random(a.state);
    expect(resumed.chars(20, 'abc')).toEqual(a.chars(20, 'abc'));
  });
});
