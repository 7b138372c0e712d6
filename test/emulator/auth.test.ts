import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { stringify } from 'node:querystring';
import { OpenApiUtil } from '@alicloud/openapi-core';
import { describe, expect, test } from 'vitest';
import { canonicalRequest, percentEncode, sha256Hex, signCanonical } from '../../src/emulator/auth.js';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator } from '../../src/emulator/index.js';
import { Ecs, ecsClient, useTestCloud } from '../helpers/emulator.js';
import { apiError } from './world.js';

const cloud = useTestCloud();
const EMPTY_HASH = createHash('sha256').update('').digest('hex');

interface Raw {
  query: Record<string, string>;
  headers: Record<string, string>;
}

/** A request signed by the SDK's own signer (not the emulator's code). */
function signed(opts: { query?: Record<string, string>; headers?: Record<string, string>; omit?: string; key?: string; secret?: string; date?: Date; nonce?: string } = {}): Raw {
  const date = (opts.date ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const query = opts.query ?? { RegionId: 'cn-hangzhou' };
  const headers: Record<string, string> = {
    host: cloud.emu.endpoint,
    'x-acs-action': 'DescribeRegions',
    'x-acs-version': '2014-05-26',
    'x-acs-date': date,
    'x-acs-signature-nonce': opts.nonce ?? OpenApiUtil.getNonce(),
    'x-acs-content-sha256': EMPTY_HASH,
    ...opts.headers,
  };
  if (opts.omit) delete headers[opts.omit];
  const req = { method: 'POST', pathname: '/', query, headers } as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0];
  headers['Authorization'] = OpenApiUtil.getAuthorization(req, 'ACS3-HMAC-SHA256', EMPTY_HASH, opts.key ?? cloud.emu.accessKeyId, opts.secret ?? cloud.emu.accessKeySecret);
  return { query, headers };
}

/** Sends a raw request; resolves status and parsed JSON body (throws if the body is not JSON). */
function send(raw: Raw, body = ''): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: cloud.emu.port, method: 'POST', path: '/?' + stringify(raw.query), headers: raw.headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('ACS3-HMAC-SHA256 signing', () => {
  test('the emulator signer reproduces the documented test vector', () => {
    const pairs: [string, string][] = [['RegionId', 'cn-hangzhou'], ['ImageId', 'm-123'], ['DestinationRegionId', 'cn-shanghai'], ['Tag.1.Key', 'a b'], ['Tag.1.Value', "x*y(z)!'"]];
    const headers = { host: 'ecs.cn-hangzhou.aliyuncs.com', 'x-acs-version': '2014-05-26', 'x-acs-action': 'CopyImage', 'x-acs-date': '2024-01-01T00:00:00Z', 'x-acs-signature-nonce': 'nonce-1', 'x-acs-content-sha256': sha256Hex('') };
    const canon = canonicalRequest('POST', '/', pairs, headers, Object.keys(headers), sha256Hex(''));
    expect(signCanonical(canon, 'SECRET')).toBe('d908ace93eff033d11db664feab6d5edb6c898be32fcb2e91ba6e14f19a1b462');
  });

  test.each([
    ['a b', 'a%20b'],
    ["x*y(z)!'", 'x%2Ay%28z%29%21%27'],
    ['~-_.', '~-_.'],
    ['中', '%E4%B8%AD'],
  ])('percentEncode(%j) = %s', (input, out) => {
    expect(percentEncode(input)).toBe(out);
  });

  test('a correctly signed raw request is accepted', async () => {
    const r = await send(signed());
    expect(r.status).toBe(200);
    expect(r.body['RequestId']).toMatch(/^[0-9A-F-]{36}$/);
  });

  test.each([
    ['wrong secret', () => signed({ secret: 'not-the-secret' }), 400, 'SignatureDoesNotMatch'],
    ['unknown access key', () => signed({ key: 'LTAInobody' }), 404, 'InvalidAccessKeyId.NotFound'],
    ['tampered query', () => ({ ...signed(), query: { RegionId: 'cn-shanghai' } }), 400, 'SignatureDoesNotMatch'],
    ['tampered signed header', () => { const s = signed(); s.headers['x-acs-action'] = 'DescribeZones'; return s; }, 400, 'SignatureDoesNotMatch'],
    ['unsigned extra x-acs header', () => { const s = signed(); s.headers['x-acs-extra'] = '1'; return s; }, 400, 'IncompleteSignature'],
    ['required header (nonce) absent and unsigned', () => signed({ omit: 'x-acs-signature-nonce' }), 400, 'IncompleteSignature'],
    ['required header (date) absent and unsigned', () => signed({ omit: 'x-acs-date' }), 400, 'IncompleteSignature'],
    ['payload hash mismatch', () => { const s = signed({ headers: { 'x-acs-content-sha256': 'f'.repeat(64) } }); return s; }, 400, 'SignatureDoesNotMatch'],
    ['stale date', () => signed({ date: new Date(Date.now() - 20 * 60 * 1000) }), 400, 'InvalidTimeStamp.Expired'],
    ['date in the far future', () => signed({ date: new Date(Date.now() + 20 * 60 * 1000) }), 400, 'InvalidTimeStamp.Expired'],
    ['malformed Authorization', () => { const s = signed(); s.headers['Authorization'] = 'HMAC whatever'; return s; }, 400, 'IncompleteSignature'],
    ['no Authorization', () => { const s = signed(); delete s.headers['Authorization']; return s; }, 400, 'IncompleteSignature'],
  ])('%s → %s', async (_n, make, status, code) => {
    const r = await send(make());
    expect([r.status, r.body['Code']]).toEqual([status, code]);
    expect(typeof r.body['Message']).toBe('string');
  });

  test('a replayed nonce is refused the second time', async () => {
    const raw = signed({ nonce: 'fixed-nonce-for-replay' });
    expect((await send(raw)).status).toBe(200);
    const again = await send(raw);
    expect([again.status, again.body['Code']]).toEqual([400, 'SignatureNonceUsed']);
  });

  test('through the SDK: a wrong secret and an unknown key are rejected, the right pair accepted', async () => {
    const wrong = await apiError(() => ecsClient(cloud.emu, { accessKeySecret: 'wrong' }).describeRegions(new Ecs.DescribeRegionsRequest({})));
    expect([wrong.name, wrong.code, wrong.statusCode]).toEqual(['ClientError', 'SignatureDoesNotMatch', 400]);
    const unknown = await apiError(() => ecsClient(cloud.emu, { accessKeyId: 'LTAIunknown' }).describeRegions(new Ecs.DescribeRegionsRequest({})));
    expect([unknown.code, unknown.statusCode]).toEqual(['InvalidAccessKeyId.NotFound', 404]);
    const ok = await cloud.ecs.describeRegions(new Ecs.DescribeRegionsRequest({}));
    expect(ok.statusCode).toBe(200);
  });

  test('the old v2 (HMAC-SHA1) signature style works too', async () => {
    const v2 = ecsClient(cloud.emu, { signatureAlgorithm: 'v2' });
    const r = await v2.describeZones(new Ecs.DescribeZonesRequest({ regionId: 'cn-shanghai' }));
    expect(r.body!.zones!.zone!.length).toBeGreaterThanOrEqual(3);
    const bad = await apiError(() => ecsClient(cloud.emu, { signatureAlgorithm: 'v2', accessKeySecret: 'nope' }).describeZones(new Ecs.DescribeZonesRequest({ regionId: 'cn-shanghai' })));
    expect(bad.code).toBe('SignatureDoesNotMatch');
  });

  test('configured keys replace the demo pair, and no log line carries a secret', async () => {
    const lines: string[] = [];
    const emu = await startEmulator({ accessKeys: [{ id: 'AK1', secret: 'very-secret-value' }], log: (l) => lines.push(l) });
    try {
      expect([emu.accessKeyId, emu.accessKeySecret]).toEqual(['AK1', 'very-secret-value']);
      await ecsClient(emu).describeRegions(new Ecs.DescribeRegionsRequest({}));
      await apiError(() => ecsClient(emu, { accessKeySecret: 'other-secret-value' }).describeRegions(new Ecs.DescribeRegionsRequest({})));
      const demo = await apiError(() => ecsClient(emu, { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }).describeRegions(new Ecs.DescribeRegionsRequest({})));
      expect(demo.code).toBe('InvalidAccessKeyId.NotFound');
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((l) => l.includes('very-secret-value') || l.includes('other-secret-value'))).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});
