import OSS from 'ali-oss';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ speed: 1000, seed: 7 });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

/** The official SDK against the emulator, signing V1 (the SDK's default) or V4. */
function client(opts: { v4?: boolean; bucket?: string; secret?: string; id?: string; region?: string } = {}): OSS {
  return new OSS({
    accessKeyId: opts.id ?? emu.accessKeyId,
    accessKeySecret: opts.secret ?? emu.accessKeySecret,
    endpoint: emu.url,
    region: `oss-${opts.region ?? 'cn-hangzhou'}`,
    bucket: opts.bucket ?? 'state-bucket',
    authorizationV4: opts.v4 ?? false,
    timeout: 20_000,
  });
}

type OssErr = Error & { code: string; status: number; requestId?: string; hostId?: string };
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as OssErr);

describe.each([['V1', false], ['V4', true]])('OSS in the emulator, the SDK signing %s', (_name, v4) => {
  test('buckets: create, info, location, missing bucket', async () => {
    const c = client({ v4 });
    await c.putBucket('state-bucket');
    const info = await c.getBucketInfo('state-bucket');
    expect(info.bucket).toMatchObject({ Name: 'state-bucket', Location: 'oss-cn-hangzhou', ExtranetEndpoint: 'oss-cn-hangzhou.aliyuncs.com', StorageClass: 'Standard' });
    expect((await c.getBucketLocation('state-bucket')).location).toBe('oss-cn-hangzhou');
    const err = await failure(client({ v4, bucket: 'no-such-bucket' }).get('k'));
    expect(err).toMatchObject({ code: 'NoSuchBucket', status: 404 });
    expect(err!.requestId).toMatch(/^[0-9A-F]{24}$/);
    expect(err!.hostId).toBe('no-such-bucket.oss-cn-hangzhou.aliyuncs.com');
  });

  test('objects: put with ETag, get, head, metadata, SSE and ACL; list V1 and V2 with prefixes and pages; delete', async () => {
    const c = client({ v4 });
    await c.putBucket('state-bucket');
    const body = Buffer.from('{"version": 4}\n');
    const put = await c.put('env:/dev/terraform.tfstate', body, { headers: { 'x-oss-server-side-encryption': 'AES256', 'x-oss-object-acl': 'private', 'Content-Type': 'application/json' }, meta: { owner: 'team' } as never });
    expect(put.res.headers['etag' as never]).toMatch(/^"[0-9A-F]{32}"$/);
    const got = await c.get('env:/dev/terraform.tfstate');
    expect(got.content.toString()).toBe(body.toString());
    const headers = got.res.headers as Record<string, string>;
    expect(headers['x-oss-server-side-encryption']).toBe('AES256');
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-oss-meta-owner']).toBe('team');
    const head = await c.head('env:/dev/terraform.tfstate');
    expect((head.res.headers as Record<string, string>)['content-length']).toBe(String(body.length));
    expect((head.res.headers as Record<string, string>).etag).toBe(headers.etag);
    expect((await c.getACL('env:/dev/terraform.tfstate')).acl).toBe('private');
    for (const k of ['env:/prod/terraform.tfstate', 'env:/a/terraform.tfstate', 'other/x', 'env:/default.lock']) await c.put(k, Buffer.from(k));
    const v1 = await c.list({ prefix: 'env:/', delimiter: '/', 'max-keys': 100 }, {});
    expect(v1.prefixes).toEqual(['env:/a/', 'env:/dev/', 'env:/prod/']);
    expect(v1.objects.map((o) => o.name)).toEqual(['env:/default.lock']);
    const page1 = await c.listV2({ prefix: 'env:/', 'max-keys': '2' }, {});
    expect(page1.objects.map((o) => o.name)).toEqual(['env:/a/terraform.tfstate', 'env:/default.lock']);
    expect(page1.isTruncated).toBe(true);
    const page2 = await c.listV2({ prefix: 'env:/', 'max-keys': '2', 'continuation-token': page1.nextContinuationToken! }, {});
    expect(page2.objects.map((o) => o.name)).toEqual(['env:/dev/terraform.tfstate', 'env:/prod/terraform.tfstate']);
    expect(page2.isTruncated).toBe(false);
    await c.delete('other/x');
    await c.delete('other/x');
    expect(await failure(c.get('other/x'))).toMatchObject({ code: 'NoSuchKey', status: 404 });
    expect(await failure(c.head('other/x'))).toMatchObject({ code: 'NoSuchKey', status: 404 });
  });

  test('x-oss-forbid-overwrite: of racing creates exactly one wins, the others get FileAlreadyExists (409)', async () => {
    const c = client({ v4 });
    await c.putBucket('state-bucket');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => c.put('lock.tflock', Buffer.from(`holder ${i}`), { headers: { 'x-oss-forbid-overwrite': 'true' } }).then(() => 'ok', (e: OssErr) => `${e.status} ${e.code}`)));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === '409 FileAlreadyExists')).toHaveLength(7);
    await c.put('lock.tflock', Buffer.from('overwritten'), { headers: { 'x-oss-forbid-overwrite': 'false' } });
    expect((await c.get('lock.tflock')).content.toString()).toBe('overwritten');
  });

  test('conditional reads: If-Match / If-None-Match / If-Modified-Since as the service answers them', async () => {
    const c = client({ v4 });
    await c.putBucket('state-bucket');
    const etag = (await c.put('k', Buffer.from('one'))).res.headers['etag' as never] as string;
    expect((await c.get('k', { headers: { 'If-Match': etag } })).content.toString()).toBe('one');
    expect(await failure(c.get('k', { headers: { 'If-Match': '"0000"' } }))).toMatchObject({ code: 'PreconditionFailed', status: 412 });
    expect((await c.get('k', { headers: { 'If-None-Match': etag } })).res.status).toBe(304);
    expect((await c.get('k', { headers: { 'If-Modified-Since': new Date(Date.now() + 60_000).toUTCString() } })).res.status).toBe(304);
    expect((await c.get('k', { headers: { 'If-Modified-Since': new Date(Date.now() - 60_000).toUTCString() } })).res.status).toBe(200);
  });

  test('a wrong secret is SignatureDoesNotMatch and an unknown key InvalidAccessKeyId, both 403 in the XML envelope', async () => {
    await client({ v4 }).putBucket('state-bucket');
    const bad = await failure(client({ v4, secret: 'not-the-secret' }).get('k'));
    expect(bad).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(bad!.message).toContain('The request signature we calculated does not match the signature you provided.');
    expect(await failure(client({ v4, id: 'LTAI-no-such-key' }).get('k'))).toMatchObject({ code: 'InvalidAccessKeyId', status: 403 });
    expect(await failure(client({ v4, secret: 'not-the-secret' }).head('k'))).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
  });

  test('a bucket addressed through another region’s endpoint is refused; a bad Content-MD5 too; unmodelled features are NotImplemented', async () => {
    await client({ v4 }).putBucket('state-bucket');
    expect(await failure(client({ v4, region: 'cn-shanghai' }).get('k'))).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(await failure(client({ v4 }).put('k', Buffer.from('x'), { headers: { 'Content-MD5': 'AAAAAAAAAAAAAAAAAAAAAA==' } }))).toMatchObject({ code: 'InvalidDigest', status: 400 });
    expect(await failure(client({ v4 }).put('k', Buffer.from('x'), { headers: { 'x-oss-server-side-encryption': 'ROT13' } }))).toMatchObject({ code: 'InvalidEncryptionAlgorithmError', status: 400 });
    expect(await failure(client({ v4 }).put('k', Buffer.from('x'), { headers: { 'x-oss-tagging': 'a=b' } }))).toMatchObject({ code: 'NotImplemented', status: 501 });
  });
});

describe('OSS persistence', () => {
  test('buckets and objects live beside the data file, shared by emulators that use it at the same time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minitf-oss-persist-'));
    try {
      const dataFile = join(dir, 'emulator.json');
      const a = await startEmulator({ dataFile, speed: 1000 });
      const b = await startEmulator({ dataFile, speed: 1000 });
      const on = (e: RunningEmulator) => new OSS({ accessKeyId: e.accessKeyId, accessKeySecret: e.accessKeySecret, endpoint: e.url, region: 'oss-cn-beijing', bucket: 'shared' });
      await on(a).putBucket('shared');
      await on(a).put('x', Buffer.from('from a'));
      expect((await on(b).get('x')).content.toString()).toBe('from a');
      const racing = await Promise.all([a, b].map((e) => on(e).put('only-one', Buffer.from(e.url), { headers: { 'x-oss-forbid-overwrite': 'true' } }).then(() => 'ok', () => 'refused')));
      expect(racing.sort()).toEqual(['ok', 'refused']);
      await a.close();
      await b.close();
      const c = await startEmulator({ dataFile });
      expect((await on(c).get('x')).content.toString()).toBe('from a');
      await c.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
