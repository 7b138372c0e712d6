import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { alicloudProvider } from '../../../src/providers/alicloud/index.js';
import { parseEndpoint, resolveSettings } from '../../../src/providers/alicloud/settings.js';

const ADDR = 'provider["registry.terraform.io/aliyun/alicloud"].hz';

function settings(config: Record<string, unknown>, env: Record<string, string | undefined> = {}, emulator?: { endpoint: string; accessKeyId: string; accessKeySecret: string }) {
  return resolveSettings({ config, env: { HOME: '/nonexistent-home', ...env }, address: ADDR, ...(emulator ? { emulator } : {}) });
}

function homeWithProfile(profiles: unknown[]): string {
  const home = mkdtempSync(join(tmpdir(), 'minitf-alicloud-home-'));
  mkdirSync(join(home, '.aliyun'));
  writeFileSync(join(home, '.aliyun', 'config.json'), JSON.stringify({ current: 'default', profiles }));
  return home;
}

describe('region', () => {
  test.each([
    ['argument wins', { region: 'cn-shanghai' }, { ALICLOUD_REGION: 'cn-hangzhou' }, 'cn-shanghai'],
    ['ALICLOUD_REGION', {}, { ALICLOUD_REGION: 'cn-hangzhou', ALIBABA_CLOUD_REGION: 'cn-shanghai' }, 'cn-hangzhou'],
    ['ALIBABA_CLOUD_REGION', {}, { ALIBABA_CLOUD_REGION: 'ap-southeast-1' }, 'ap-southeast-1'],
    ['empty env ignored', {}, { ALICLOUD_REGION: '', ALIBABA_CLOUD_REGION: 'cn-shanghai' }, 'cn-shanghai'],
    ['default cn-beijing', {}, {}, 'cn-beijing'],
  ])('%s', (_n, config, env, want) => {
    const r = settings(config, env);
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.region).toBe(want);
  });

  test('unknown region is a diagnostic naming the provider', () => {
    const r = settings({ region: 'cn-atlantis' });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]?.summary).toBe('Invalid provider region');
    expect(r.diagnostics[0]?.detail).toContain(ADDR);
  });

  test('skip_region_validation accepts any region', () => {
    expect(settings({ region: 'xx-test-1', skip_region_validation: true }).value?.region).toBe('xx-test-1');
  });
});

describe('credentials', () => {
  test.each([
    ['arguments', { access_key: 'AKarg', secret_key: 'SKarg' }, { ALICLOUD_ACCESS_KEY: 'AKenv', ALICLOUD_SECRET_KEY: 'SKenv' }, ['AKarg', 'SKarg', undefined]],
    ['ALICLOUD_*', {}, { ALICLOUD_ACCESS_KEY: 'AK1', ALICLOUD_SECRET_KEY: 'SK1', ALIBABA_CLOUD_ACCESS_KEY_ID: 'AK2', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'SK2' }, ['AK1', 'SK1', undefined]],
    ['ALIBABA_CLOUD_*', {}, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'AK2', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'SK2', ALIBABACLOUD_ACCESS_KEY_ID: 'AK3', ALIBABACLOUD_ACCESS_KEY_SECRET: 'SK3' }, ['AK2', 'SK2', undefined]],
    ['ALIBABACLOUD_*', {}, { ALIBABACLOUD_ACCESS_KEY_ID: 'AK3', ALIBABACLOUD_ACCESS_KEY_SECRET: 'SK3' }, ['AK3', 'SK3', undefined]],
    ['STS token', { access_key: 'AK', secret_key: 'SK' }, { ALICLOUD_SECURITY_TOKEN: 'TOK' }, ['AK', 'SK', 'TOK']],
  ])('%s', (_n, config, env, [id, secret, token]) => {
    const c = settings({ region: 'cn-hangzhou', ...config }, env).value?.credentials;
    expect(c?.accessKeyId).toBe(id);
    expect(c?.accessKeySecret).toBe(secret);
    expect(c?.securityToken).toBe(token);
  });

  test('a named profile from $HOME/.aliyun/config.json fills credentials and region', () => {
    const home = homeWithProfile([
      { name: 'default', mode: 'AK', access_key_id: 'AKdef', access_key_secret: 'SKdef', region_id: 'cn-hangzhou' },
      { name: 'sts', mode: 'StsToken', access_key_id: 'AKsts', access_key_secret: 'SKsts', sts_token: 'TOKsts', region_id: 'cn-shanghai' },
    ]);
    const r = settings({ profile: 'sts' }, { HOME: home });
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.region).toBe('cn-shanghai');
    expect(r.value?.credentials).toEqual({ accessKeyId: 'AKsts', accessKeySecret: 'SKsts', securityToken: 'TOKsts' });
    const viaEnv = settings({}, { HOME: home, ALICLOUD_PROFILE: 'default' });
    expect(viaEnv.value?.credentials?.accessKeyId).toBe('AKdef');
    expect(viaEnv.value?.region).toBe('cn-hangzhou');
    const envWins = settings({ profile: 'default' }, { HOME: home, ALICLOUD_ACCESS_KEY: 'AKenv', ALICLOUD_SECRET_KEY: 'SKenv' });
    expect(envWins.value?.credentials?.accessKeyId).toBe('AKenv');
  });

  test('an unknown profile is a diagnostic', () => {
    const home = homeWithProfile([{ name: 'default', mode: 'AK', access_key_id: 'A', access_key_secret: 'S' }]);
    const r = settings({ profile: 'nope' }, { HOME: home });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Invalid provider profile']);
  });

  test('missing credentials: configure succeeds, client() gives one diagnostic naming the instance and variables', () => {
    const res = alicloudProvider.configure({ config: { region: 'cn-hangzhou' }, env: { HOME: '/nonexistent-home' }, view: { name: 'alicloud', alias: 'hz' }, address: ADDR });
    expect(res.diagnostics).toEqual([]);
    expect(res.value?.view.region).toBe('cn-hangzhou');
    const c = res.value!.client();
    expect(c.value).toBeUndefined();
    expect(c.diagnostics).toHaveLength(1);
    expect(c.diagnostics[0]!.summary).toBe('No credentials for the Alibaba Cloud provider');
    for (const word of [ADDR, 'ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'profile']) expect(c.diagnostics[0]!.detail).toContain(word);
  });

  test('secrets never appear in the handle serialised or inspected', async () => {
    const res = alicloudProvider.configure({ config: { region: 'cn-hangzhou', access_key: 'AKID-visible', secret_key: 'TOP-SECRET-VALUE', security_token: 'STS-SECRET' }, env: {}, view: { name: 'alicloud' }, address: ADDR });
    const handle = res.value!.client().value!;
    const { inspect } = await import('node:util');
    for (const text of [JSON.stringify(handle), inspect(handle, { depth: 5 }), JSON.stringify(res.value!.view)]) {
      expect(text).not.toContain('TOP-SECRET-VALUE');
      expect(text).not.toContain('STS-SECRET');
    }
  });
});

describe('endpoints', () => {
  test.each([
    ['http://127.0.0.1:4000', { protocol: 'http', host: '127.0.0.1:4000' }],
    ['https://ecs.example.test', { protocol: 'https', host: 'ecs.example.test' }],
    ['127.0.0.1:4000', { protocol: 'http', host: '127.0.0.1:4000' }],
    ['localhost:80', { protocol: 'http', host: 'localhost:80' }],
    ['ecs.cn-hangzhou.aliyuncs.com', { protocol: 'https', host: 'ecs.cn-hangzhou.aliyuncs.com' }],
    ['ftp://x', undefined],
    ['not a host', undefined],
  ])('parseEndpoint(%s)', (text, want) => {
    expect(parseEndpoint(text)).toEqual(want);
  });

  test.each([
    ['object argument', { endpoints: { ecs: 'http://127.0.0.1:1', vpc: '127.0.0.1:2' } }, {}, ['127.0.0.1:1', '127.0.0.1:2']],
    ['one-element list', { endpoints: [{ ecs: '127.0.0.1:1', vpc: null }] }, { ALIBABA_CLOUD_ENDPOINT_VPC: '127.0.0.1:3' }, ['127.0.0.1:1', '127.0.0.1:3']],
    ['ALIBABA_CLOUD_ENDPOINT_* before *_ENDPOINT', {}, { ALIBABA_CLOUD_ENDPOINT_ECS: '127.0.0.1:5', ECS_ENDPOINT: '127.0.0.1:6', VPC_ENDPOINT: '127.0.0.1:7' }, ['127.0.0.1:5', '127.0.0.1:7']],
    ['public regional endpoints', {}, {}, ['ecs.cn-hangzhou.aliyuncs.com', 'vpc.cn-hangzhou.aliyuncs.com']],
  ])('%s', (_n, config, env, [ecs, vpc]) => {
    const res = alicloudProvider.configure({ config: { region: 'cn-hangzhou', access_key: 'a', secret_key: 'b', ...config }, env, view: { name: 'alicloud' }, address: ADDR });
    const h = res.value!.client().value!;
    expect(h.endpointFor('ecs').host).toBe(ecs);
    expect(h.endpointFor('vpc').host).toBe(vpc);
    expect(h.clientCount).toBe(0);
  });

  test('the public endpoint follows the region asked for (CopyImage goes to the source region)', () => {
    const res = alicloudProvider.configure({ config: { region: 'cn-shanghai', access_key: 'a', secret_key: 'b' }, env: {}, view: { name: 'alicloud' }, address: ADDR });
    expect(res.value!.client().value!.endpointFor('ecs', 'cn-hangzhou')).toEqual({ protocol: 'https', host: 'ecs.cn-hangzhou.aliyuncs.com' });
  });

  test('embedded emulator: instances without endpoints use it and its credentials; explicit endpoints win', () => {
    const emulator = { endpoint: '127.0.0.1:9999', accessKeyId: 'EMU', accessKeySecret: 'EMUSECRET' };
    const r = settings({ region: 'cn-hangzhou' }, {}, emulator);
    expect(r.value?.endpoints.ecs).toEqual({ protocol: 'http', host: '127.0.0.1:9999' });
    expect(r.value?.credentials?.accessKeyId).toBe('EMU');
    const own = settings({ region: 'cn-hangzhou', access_key: 'MINE', secret_key: 'S', endpoints: { ecs: 'https://ecs.example.test', vpc: 'https://vpc.example.test' } }, {}, emulator);
    expect(own.value?.endpoints.ecs?.host).toBe('ecs.example.test');
    expect(own.value?.credentials?.accessKeyId).toBe('MINE');
  });

  test('a malformed endpoint is a diagnostic', () => {
    const r = settings({ endpoints: { ecs: 'ftp://nope' } });
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Invalid provider endpoint']);
  });
});

describe('client timeouts', () => {
  test.each([
    ['default 60 s, never the SDK 3 s', {}, {}, [60000, 60000]],
    ['arguments', { client_read_timeout: 5000, client_connect_timeout: 7000 }, { CLIENT_READ_TIMEOUT: '1' }, [5000, 7000]],
    ['environment', {}, { CLIENT_READ_TIMEOUT: '9000', CLIENT_CONNECT_TIMEOUT: '8000' }, [9000, 8000]],
  ])('%s', (_n, config, env, [read, connect]) => {
    const r = settings({ region: 'cn-hangzhou', ...config }, env);
    expect([r.value?.readTimeoutMs, r.value?.connectTimeoutMs]).toEqual([read, connect]);
  });

  test('a negative timeout is a diagnostic', () => {
    expect(settings({ client_read_timeout: -1 }).diagnostics.map((d) => d.summary)).toEqual(['Invalid provider argument']);
  });
});
