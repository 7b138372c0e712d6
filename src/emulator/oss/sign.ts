import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AccessKey } from '../auth.js';
import { accessDenied, invalidAccessKeyId, OssError, requestTimeTooSkewed } from './errors.js';

/** A request as the signature sees it. */
export interface OssSignedRequest {
  readonly method: string;
  /** Header names lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Query parameters decoded, in wire order; `null` for a parameter without `=` (`?acl`). */
  readonly query: readonly (readonly [string, string | null])[];
  readonly bucket: string | undefined;
  /** The object key, decoded. */
  readonly key: string;
}

/** The query parameters OSS's V1 signature puts in the canonicalized resource (the others are not signed). */
const V1_SUBRESOURCES = new Set(
  (
    'acl uploads location cors logging website referer lifecycle delete append tagging objectMeta uploadId partNumber security-token position img style styleName ' +
    'replication replicationProgress replicationLocation cname bucketInfo comp qos live status vod startTime endTime symlink x-oss-process response-content-type ' +
    'x-oss-traffic-limit response-content-language response-expires response-cache-control response-content-disposition response-content-encoding restore callback ' +
    'callback-var policy stat encryption versions versioning versionId requestPayment x-oss-request-payer sequential inventory inventoryId continuation-token worm wormId wormExtend'
  ).split(' '),
);

const WINDOW_MS = 15 * 60 * 1000;

/**
 * Checks a request's OSS signature as the service does, V1 (`OSS AK:base64(HMAC-SHA1)`) or V4
 * (`OSS4-HMAC-SHA256 Credential=AK/DATE/REGION/oss/aliyun_v4_request,…`), and returns the access key
 * ID. No `Authorization` → AccessDenied (anonymous access to a private bucket); an unknown key →
 * InvalidAccessKeyId; a signature that does not match (wrong secret, changed request) →
 * SignatureDoesNotMatch with the string the service signed; a date off by more than 15 minutes →
 * RequestTimeTooSkewed.
 */
export function verifyOssSignature(req: OssSignedRequest, keys: ReadonlyMap<string, string>, now = Date.now()): string {
  const auth = req.headers.authorization ?? '';
  if (!auth) throw accessDenied();
  if (auth.startsWith('OSS4-HMAC-SHA256 ')) return verifyV4(req, auth, keys, now);
  const m = /^OSS ([^:\s]+):(\S+)$/.exec(auth);
  if (!m) throw new OssError(400, 'InvalidArgument', 'Authorization header is invalid.', { ArgumentName: 'Authorization', ArgumentValue: auth.replace(/:.*/, ':…') });
  const [, id, provided] = m as unknown as [string, string, string];
  const secret = keys.get(id);
  if (secret === undefined) throw invalidAccessKeyId(id);
  const date = req.headers['x-oss-date'] ?? req.headers.date ?? '';
  checkTime(Date.parse(date), now);
  const h = req.headers;
  const ossHeaders = Object.keys(h)
    .filter((k) => k.startsWith('x-oss-'))
    .sort()
    .map((k) => `${k}:${h[k]!.trim()}`);
  const sub = req.query.filter(([k]) => V1_SUBRESOURCES.has(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const resource = (req.bucket ? `/${req.bucket}/${req.key}` : '/') + (sub.length ? '?' + sub.map(([k, v]) => (v ? `${k}=${v}` : k)).join('&') : '');
  const toSign = [req.method.toUpperCase(), h['content-md5'] ?? '', h['content-type'] ?? '', date, ...ossHeaders, resource].join('\n');
  const expected = createHmac('sha1', secret).update(toSign, 'utf8').digest('base64');
  if (!same(expected, provided)) throw mismatch(id, provided, toSign);
  return id;
}

function verifyV4(req: OssSignedRequest, auth: string, keys: ReadonlyMap<string, string>, now: number): string {
  const fields = new Map(
    auth
      .slice('OSS4-HMAC-SHA256 '.length)
      .split(',')
      .map((p) => p.trim().split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
  const credential = fields.get('Credential') ?? '';
  const provided = fields.get('Signature') ?? '';
  const [id = '', day = '', region = '', product = '', terminator = ''] = credential.split('/');
  if (!id || !provided || product !== 'oss' || terminator !== 'aliyun_v4_request') {
    throw new OssError(400, 'InvalidArgument', 'Authorization header is invalid: the Credential must be AccessKeyId/yyyymmdd/region/oss/aliyun_v4_request.', { ArgumentName: 'Authorization', ArgumentValue: 'OSS4-HMAC-SHA256 …' });
  }
  const secret = keys.get(id);
  if (secret === undefined) throw invalidAccessKeyId(id);
  const date = req.headers['x-oss-date'] ?? '';
  const dm = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  checkTime(dm ? Date.UTC(+dm[1]!, +dm[2]! - 1, +dm[3]!, +dm[4]!, +dm[5]!, +dm[6]!) : NaN, now);
  const additional = (fields.get('AdditionalHeaders') ?? '').split(';').filter(Boolean);
  const h = req.headers;
  const signed = new Set(additional);
  for (const k of Object.keys(h)) if (k === 'content-type' || k === 'content-md5' || k.startsWith('x-oss-')) signed.add(k);
  const canonicalHeaders = [...signed].sort().map((k) => `${k}:${(h[k] ?? '').trim()}\n`).join('');
  const query = [...req.query]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => (v === null || v === '' ? enc(k) : `${enc(k)}=${enc(v)}`))
    .join('&');
  const uri = enc(`/${req.bucket ? `${req.bucket}/` : ''}${req.key}`).replace(/%2F/g, '/');
  const canonical = [req.method.toUpperCase(), uri, query, canonicalHeaders, additional.join(';'), h['x-oss-content-sha256'] ?? 'UNSIGNED-PAYLOAD'].join('\n');
  const scope = `${day}/${region}/oss/aliyun_v4_request`;
  const toSign = ['OSS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key = createHmac('sha256', `aliyun_v4${secret}`).update(day).digest();
  for (const part of [region, 'oss', 'aliyun_v4_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(toSign).digest('hex');
  if (!same(expected, provided)) throw mismatch(id, provided, toSign, canonical);
  return id;
}

function checkTime(t: number, now: number): void {
  if (!Number.isFinite(t) || Math.abs(now - t) > WINDOW_MS) throw requestTimeTooSkewed();
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function mismatch(id: string, provided: string, toSign: string, canonical?: string): OssError {
  return new OssError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {
    OSSAccessKeyId: id,
    SignatureProvided: provided,
    StringToSign: toSign,
    StringToSignBytes: Buffer.from(toSign).toString('hex').replace(/(..)(?!$)/g, '$1 '),
    ...(canonical !== undefined ? { CanonicalRequest: canonical } : {}),
  });
}

/** RFC 3986 encoding as OSS's V4 signer uses it. */
function enc(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The accepted key pairs by ID. */
export function keyMap(keys: readonly AccessKey[]): Map<string, string> {
  return new Map(keys.map((k) => [k.id, k.secret]));
}
