import { afterAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_EMBEDDED_SPEED, embeddedSpeed } from '../../src/cli/run/embedded.js';
import { startEmulator } from '../../src/emulator/index.js';
import { copyExample, dumpCloud, FAST_ENV, minitf, removeDir, shown } from './helpers.js';

/** Embedded mode's settings and failures (its happy path runs in every lifecycle test). */
describe('embedded emulator', () => {
  test.each([
    [undefined, DEFAULT_EMBEDDED_SPEED],
    ['', DEFAULT_EMBEDDED_SPEED],
    ['0', DEFAULT_EMBEDDED_SPEED],
    ['-3', DEFAULT_EMBEDDED_SPEED],
    ['fast', DEFAULT_EMBEDDED_SPEED],
    ['30', 30],
    ['0.5', 0.5],
  ])('MINITF_EMULATOR_SPEED=%s → speed %s', (value, speed) => {
    expect(embeddedSpeed(value === undefined ? {} : { MINITF_EMULATOR_SPEED: value })).toBe(speed);
  });

  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  test('a damaged .minitf/emulator.json is one diagnostic, not a crash', async () => {
    const dir = copyExample('terraform-data');
    dirs.push(dir);
    mkdirSync(join(dir, '.minitf'));
    writeFileSync(join(dir, '.minitf', 'emulator.json'), '{ not json');
    const r = await minitf(dir, ['-emulator', 'plan']);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain('Error: Embedded emulator failed to start');
    expect(r.stderr.replace(/\s+/g, ' ')).toContain('delete it to start from an empty emulated cloud.');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  }, 120_000);

  test('points only the providers without an endpoint of their own at the embedded emulator', async () => {
    const own = await startEmulator({ speed: 1000 });
    const dir = mkdtempSync(join(tmpdir(), 'minitf-e2e-endpoints-'));
    dirs.push(dir);
    try {
      writeFileSync(
        join(dir, 'main.tf'),
        [
          'provider "alicloud" {',
          '  alias      = "own"',
          '  region     = "cn-hangzhou"',
          `  access_key = "${own.accessKeyId}"`,
          `  secret_key = "${own.accessKeySecret}"`,
          `  endpoints {`,
          `    ecs = "${own.url}"`,
          `    vpc = "${own.url}"`,
          '  }',
          '}',
          'provider "alicloud" {',
          '  region = "cn-hangzhou"',
          '}',
          'resource "alicloud_vpc" "own" {',
          '  provider   = alicloud.own',
          '  vpc_name   = "own"',
          '  cidr_block = "10.1.0.0/16"',
          '}',
          'resource "alicloud_vpc" "embedded" {',
          '  vpc_name   = "embedded"',
          '  cidr_block = "10.2.0.0/16"',
          '}',
          '',
        ].join('\n'),
      );
      const r = await minitf(dir, ['-emulator', 'apply', '-auto-approve'], FAST_ENV);
      expect(r.code, shown(r)).toBe(0);
      const names = (vpcs: readonly { name: string }[]) => vpcs.map((v) => v.name);
      expect(names(own.control.dump().regions['cn-hangzhou']!.vpcs)).toEqual(['own']);
      expect(names((await dumpCloud(dir)).regions['cn-hangzhou']!.vpcs)).toEqual(['embedded']);
    } finally {
      await own.close();
    }
  }, 300_000);
});
