import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { emulatorOptions } from '../../src/cli/commands/emulator.js';
import { runCli } from '../helpers/cli.js';
import { Ecs } from '../helpers/emulator.js';
import { $OpenApiUtil } from '@alicloud/openapi-core';

const BIN = fileURLToPath(new URL('../../bin/minitf.js', import.meta.url));

describe('minitf emulator', () => {
  test('--port 0 starts, prints its endpoint and demo credentials, answers the SDK, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--speed', '10'], { env: { ...process.env, MINITF_FROM_SOURCE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 25_000;
      while (!/Press Ctrl-C to stop/.test(out)) {
        if (Date.now() > deadline) throw new Error(`no banner; stdout: ${out} stderr: ${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const endpoint = /endpoint\s+(\S+)/.exec(out)![1]!;
      const id = /access key id\s+(\S+)/.exec(out)![1]!;
      const secret = /access key secret\s+(\S+)/.exec(out)![1]!;
      expect(endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
      const ecs = new Ecs.default(new $OpenApiUtil.Config({ accessKeyId: id, accessKeySecret: secret, endpoint, protocol: 'http', readTimeout: 20_000, connectTimeout: 20_000 }));
      const r = await ecs.describeRegions(new Ecs.DescribeRegionsRequest({}));
      expect(r.body!.regions!.region!.map((x) => x.regionId)).toContain('cn-hangzhou');
      const deadline2 = Date.now() + 5_000;
      while (!/DescribeRegions/.test(err) && Date.now() < deadline2) await new Promise((r2) => setTimeout(r2, 20));
      expect(err).toMatch(/POST DescribeRegions 2014-05-26 - 200/);
      expect(err).not.toContain(secret);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('minitf emulator stopped (SIGTERM)');
  });

  test.each([
    [['--speed', 'fast'], '--speed'],
    [['--port', '70000'], '--port'],
    [['--throttle-rate', '1.5'], '--throttle-rate'],
    [['--latency', '-3'], '--latency'],
  ])('%j is refused with exit code 1', async (args, flag) => {
    const r = await runCli(['emulator', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`for ${flag}.`);
  });

  test('flags become emulator options', () => {
    expect(emulatorOptions({ port: '0', host: '127.0.0.1', speed: '5', throttleRate: '0.5', errorRate: '0.1', latency: '20', jitter: '5', seed: '3', data: 'cloud.json' })).toEqual({
      port: 0,
      host: '127.0.0.1',
      speed: 5,
      seed: 3,
      dataFile: 'cloud.json',
      faults: { throttleRate: 0.5, errorRate: 0.1, latencyMs: 20, jitterMs: 5 },
    });
  });
});
