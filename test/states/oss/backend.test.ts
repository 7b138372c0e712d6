import OSS from 'ali-oss';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { emptyState, openBackend, openWorkspaces, StateIndex, StateManager, stateErrorDiagnostic, type OpenBackendOptions } from '../../../src/states/index.js';
import { OssBackendError, OssStorage } from '../../../src/states/oss/index.js';
import { TD, tdObject } from '../helpers/tmp.js';

let emu: RunningEmulator;
const sdk = (bucket: string, region = 'cn-hangzhou') => new OSS({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, endpoint: emu.url, region: `oss-${region}`, bucket, authorizationV4: true });
beforeAll(async () => {
  emu = await startEmulator({ seed: 5 });
  await sdk('team-state').putBucket('team-state');
});
afterAll(() => emu.close());

const range = { file: 'main.tf', start: { line: 2, column: 3 } };
function opts(config: Record<string, unknown>, env: Record<string, string | undefined> = {}, extra: Partial<OpenBackendOptions> = {}): OpenBackendOptions {
  return { cwd: tmpdir(), workspace: 'default', backend: { type: 'oss', config, range }, env: { ALICLOUD_ACCESS_KEY: emu.accessKeyId, ALICLOUD_SECRET_KEY: emu.accessKeySecret, ...env }, ...extra };
}
const storageOf = (o: OpenBackendOptions) => {
  const r = openBackend(o);
  if (!(r.value instanceof StateManager) || !(r.value.storage instanceof OssStorage)) throw new Error(JSON.stringify(r.diagnostics));
  return { backend: r.value, storage: r.value.storage, diagnostics: r.diagnostics };
};
const state = (serial = 1) => {
  const s = { ...emptyState(), serial };
  new StateIndex(s).setObject('terraform_data.a', TD.provider, tdObject('a', 'x'));
  return s;
};

describe('oss backend: Terraform’s arguments and layout', () => {
  test.each([
    ['the default prefix and key', {}, 'default', 'env:/terraform.tfstate'],
    ['a workspace', {}, 'dev', 'env:/dev/terraform.tfstate'],
    ['prefix and key', { prefix: 'path/mystate', key: 'version-1.tfstate' }, 'default', 'path/mystate/version-1.tfstate'],
    ['prefix with slashes around it', { prefix: 'team/net/' }, 'prod', 'team/net/prod/terraform.tfstate'],
    ['an empty prefix', { prefix: '' }, 'default', 'terraform.tfstate'],
  ])('%s: the state object is where Terraform puts it', (_name, config, workspace, key) => {
    const { storage } = storageOf(opts({ bucket: 'team-state', region: 'cn-hangzhou', endpoint: emu.url, ...config }, {}, { workspace }));
    expect(storage.keys.state).toBe(key);
    expect(storage.keys.lock).toBe(`${key}.tflock`);
    expect(storage.names.lockPath).toBe(`team-state/${key}`);
  });

  test('region, endpoint and credentials come from the block, -backend-config or Terraform’s environment variables', async () => {
    const env = { ALICLOUD_REGION: 'cn-hangzhou', ALICLOUD_OSS_ENDPOINT: emu.url, ALICLOUD_ACCESS_KEY: emu.accessKeyId, ALICLOUD_SECRET_KEY: emu.accessKeySecret };
    const b = storageOf({ cwd: tmpdir(), workspace: 'envs', backend: { type: 'oss', config: {} }, backendConfig: { bucket: 'team-state', encrypt: 'true' }, env }).backend;
    await b.write(state());
    expect((await b.read()).state!.serial).toBe(1);
    const head = await sdk('team-state').head('env:/envs/terraform.tfstate');
    expect((head.res.headers as Record<string, string>)['x-oss-server-side-encryption']).toBe('AES256');
  });

  test('encrypt and acl are set on the state object (server-side encryption, object ACL)', async () => {
    const { backend } = storageOf(opts({ bucket: 'team-state', region: 'cn-hangzhou', endpoint: emu.url, encrypt: true, acl: 'private', prefix: 'sse' }));
    const s = state();
    await backend.write(s);
    await backend.write({ ...s, serial: 2 });
    for (const key of ['sse/terraform.tfstate', 'sse.minitf/default/terraform.tfstate.backup']) {
      const head = await sdk('team-state').head(key);
      expect((head.res.headers as Record<string, string>)['x-oss-server-side-encryption']).toBe('AES256');
      expect((await sdk('team-state').getACL(key)).acl).toBe('private');
    }
    expect(JSON.parse((await sdk('team-state').get('sse/terraform.tfstate')).content.toString()).serial).toBe(2);
  });

  test.each([
    ['no bucket', { region: 'cn-hangzhou' }, {}, 'Missing required argument', '"bucket"'],
    ['no region', { bucket: 'b' }, {}, 'Missing required argument', 'ALICLOUD_REGION'],
    ['an unknown argument', { bucket: 'b', region: 'r', conn_str: 'x' }, {}, 'Unsupported argument', '"tablestore_endpoint"'],
    ['a prefix starting with /', { bucket: 'b', region: 'r', prefix: '/x' }, {}, 'Invalid prefix', 'must not start with'],
    ['a key ending with /', { bucket: 'b', region: 'r', key: 'x/' }, {}, 'Invalid key', 'can not start or end'],
    ['an unknown acl', { bucket: 'b', region: 'r', acl: 'everyone' }, {}, 'Invalid acl', '"private", "public-read", "public-read-write"'],
    ['encrypt that is not a bool', { bucket: 'b', region: 'r', encrypt: 'yes' }, {}, 'Incorrect attribute value type', 'bool'],
    ['no credentials', { bucket: 'b', region: 'r' }, { ALICLOUD_ACCESS_KEY: undefined, ALICLOUD_SECRET_KEY: undefined }, 'No credentials for the oss backend', 'ALICLOUD_ACCESS_KEY'],
    ['a profile to read credentials from', { bucket: 'b', region: 'r', profile: 'dev' }, { ALICLOUD_ACCESS_KEY: undefined, ALICLOUD_SECRET_KEY: undefined }, 'No credentials for the oss backend', 'does not read profiles'],
    ['a role to assume', { bucket: 'b', region: 'r', assume_role_role_arn: 'acs:ram::1:role/x' }, {}, 'Assuming a RAM role is not implemented', 'security_token'],
    ['an assume_role block', { bucket: 'b', region: 'r', assume_role: [{ role_arn: 'acs:ram::1:role/x' }] }, {}, 'Assuming a RAM role is not implemented', 'assume_role'],
    ['an assume_role_session_expiration out of range', { bucket: 'b', region: 'r', assume_role_session_expiration: 60 }, {}, 'Invalid assume_role_session_expiration', '900 - 3600'],
    ['-state', { bucket: 'b', region: 'r' }, {}, 'Invalid option', 'state pull'],
  ])('%s is an error diagnostic, and nothing is sent', (name, config, env, summary, detail) => {
    const r = openBackend(opts(config, env, name === '-state' ? { statePath: 'x.tfstate' } : {}));
    expect(r.value).toBeUndefined();
    const d = r.diagnostics.find((x) => x.severity === 'error')!;
    expect(d.summary).toBe(summary);
    expect(d.detail).toContain(detail);
  });

  test('tablestore_* arguments are accepted with a warning saying what locks instead; a secret key in the block is a warning', () => {
    const r = openBackend(opts({ bucket: 'b', region: 'cn-hangzhou', tablestore_endpoint: 'https://x.cn-hangzhou.ots.aliyuncs.com', tablestore_table: 'statelock', secret_key: emu.accessKeySecret }));
    expect(r.value).toBeInstanceOf(StateManager);
    expect(r.diagnostics.map((d) => [d.severity, d.summary])).toEqual([
      ['warning', 'Secret key in the backend configuration'],
      ['warning', 'TableStore locking is not implemented'],
    ]);
    expect(r.diagnostics[1]!.detail).toContain('x-oss-forbid-overwrite');
    expect(JSON.stringify(r.diagnostics)).not.toContain(emu.accessKeySecret);
  });
});

describe('oss backend: failures name what to fix', () => {
  test('a missing bucket on a real endpoint is an error naming it; nothing is created', async () => {
    const { backend } = storageOf(opts({ bucket: 'no-such-bucket', region: 'cn-hangzhou', endpoint: emu.url }));
    const err = await backend.read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssBackendError);
    const d = stateErrorDiagnostic(err)!;
    expect(d.summary).toBe('OSS state bucket not found');
    expect(d.detail).toContain('The OSS bucket "no-such-bucket" does not exist (region cn-hangzhou');
    expect((await sdk('no-such-bucket').getBucketInfo('no-such-bucket').catch((e: { code: string }) => e.code))).toBe('NoSuchBucket');
  });

  test.each([
    ['a wrong secret', { ALICLOUD_SECRET_KEY: 'wrong' }, 'SignatureDoesNotMatch', 'Check secret_key'],
    ['an unknown access key', { ALICLOUD_ACCESS_KEY: 'LTAI-nobody' }, 'InvalidAccessKeyId', 'Check access_key'],
  ])('%s is one diagnostic with OSS’s code and what to check, never the secret', async (_name, env, code, hint) => {
    const { backend } = storageOf(opts({ bucket: 'team-state', region: 'cn-hangzhou', endpoint: emu.url }, env));
    const d = stateErrorDiagnostic(await backend.read().catch((e: unknown) => e))!;
    expect(d.summary).toBe('The OSS state backend refused an operation');
    expect(d.detail).toContain(code);
    expect(d.detail).toContain(hint);
    expect(d.detail).not.toContain(emu.accessKeySecret);
    expect(d.detail).not.toMatch(/\n\s+at /);
  });

  test('an endpoint nothing listens on is "Failed to reach the OSS state backend"', async () => {
    const { backend } = storageOf(opts({ bucket: 'team-state', region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:1' }));
    expect(stateErrorDiagnostic(await backend.read().catch((e: unknown) => e))!.summary).toBe('Failed to reach the OSS state backend');
  });
});

describe('oss backend in the embedded emulator', () => {
  test('without an endpoint of its own it uses the emulator, which makes a missing state bucket with a one-line notice', async () => {
    const notices: string[] = [];
    const o = { ...opts({ bucket: 'made-for-state', region: 'cn-shanghai' }, { ALICLOUD_ACCESS_KEY: undefined, ALICLOUD_SECRET_KEY: undefined }), emulator: emu, notice: (l: string) => notices.push(l) };
    const { backend } = storageOf(o);
    await backend.write(state());
    expect(notices).toEqual(['minitf: created the state bucket "made-for-state" (cn-shanghai) in the embedded emulator — a real cloud\'s missing bucket is an error.\n']);
    expect(JSON.parse((await sdk('made-for-state', 'cn-shanghai').get('env:/terraform.tfstate')).content.toString()).serial).toBe(1);
    await storageOf(o).backend.read();
    expect(notices).toHaveLength(1);
    expect(await openWorkspaces(o).value!.list()).toEqual(['default']);
  });
});
