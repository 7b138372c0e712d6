import { describe, expect, test } from 'vitest';
import { alicloudProvider } from '../../../src/providers/alicloud/index.js';
import { ProviderError, TimeoutError } from '../../../src/providers/errors.js';
import { useTestCloud } from '../../helpers/emulator.js';
import { configureClient, makeCtx } from './helpers.js';

const cloud = useTestCloud();
const D = alicloudProvider.dataSources;
const CONFIG = { owners: 'system', name_regex: '^ubuntu' };

function client(extra: Record<string, unknown> = {}) {
  return configureClient({ region: 'cn-hangzhou', access_key: cloud.emu.accessKeyId, secret_key: cloud.emu.accessKeySecret, endpoints: { ecs: cloud.emu.url, vpc: cloud.emu.url }, ...extra });
}

describe('transport', () => {
  test('an answer slower than the SDK default of 3 s still arrives (timeouts raised to 60 s)', async () => {
    cloud.emu.control.setFaults({ perAction: { DescribeImages: { latencyMs: 3300 } } });
    const out = await D.alicloud_images!.read(makeCtx(client()), CONFIG);
    expect((out.ids as string[]).length).toBeGreaterThan(0);
    expect(cloud.emu.control.requestLog().filter((e) => e.action === 'DescribeImages')).toHaveLength(1);
  }, 20_000);

  test('client_read_timeout shorter than the answer: each attempt times out and is retried, up to the attempt limit', async () => {
    cloud.emu.control.setFaults({ perAction: { DescribeImages: { latencyMs: 400 } } });
    const err = await D.alicloud_images!.read(makeCtx(client({ client_read_timeout: 100 }), { timeoutMs: 20_000 }), CONFIG).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).errorClass).toBe('retry');
    expect((err as Error).message).toContain('timed out');
    expect(cloud.emu.control.requestLog().filter((e) => e.action === 'DescribeImages').length).toBeGreaterThan(1);
  });

  test('when the deadline comes first, the timeout is a TimeoutError', async () => {
    cloud.emu.control.setFaults({ perAction: { DescribeImages: { latencyMs: 400 } } });
    const err = await D.alicloud_images!.read(makeCtx(client({ client_read_timeout: 100 }), { timeoutMs: 350 }), CONFIG).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
  });

  test('a refused connection is retried, then fails with the transport code', async () => {
    const dead = configureClient({ region: 'cn-hangzhou', access_key: 'a', secret_key: 'b', endpoints: { ecs: '127.0.0.1:1', vpc: '127.0.0.1:1' } });
    const err = await D.alicloud_images!.read(makeCtx(dead, { timeoutMs: 20_000 }), CONFIG).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).apiCode).toBe('ECONNREFUSED');
    expect((err as ProviderError).errorClass).toBe('retry');
  });
});
