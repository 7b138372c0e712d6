import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessKey } from '../auth.js';
import { readBody } from '../server.js';
import { accessDenied, invalidArgument, invalidBucketName, invalidDigest, invalidObjectName, methodNotAllowed, noSuchBucket, noSuchKey, notImplemented, OssError, preconditionFailed } from './errors.js';
import { OssObjects, type BucketRecord, type ObjectRecord } from './objects.js';
import { keyMap, verifyOssSignature, type OssSignedRequest } from './sign.js';
import { xmlDocument, type XmlTree } from './xml.js';

const MAX_OBJECT = 256 * 1024 * 1024;
const DEFAULT_REGION = 'cn-hangzhou';
const OBJECT_ACLS = new Set(['default', 'private', 'public-read', 'public-read-write']);
const SSE = new Set(['AES256', 'KMS', 'SM4']);
/** Request headers that change what is stored and that the emulator does not model: refused, never ignored. */
const REFUSED_HEADERS = ['x-oss-tagging', 'x-oss-callback', 'x-oss-object-worm-mode', 'x-oss-server-side-data-encryption', 'range'];

/** What one OSS request is about, from its host (virtual-hosted style) or path (path style). */
interface Target {
  readonly bucket: string | undefined;
  readonly key: string;
  /** From the host `BUCKET.oss-REGION.aliyuncs.com`; undefined for an IP or localhost endpoint. */
  readonly region: string | undefined;
}

/**
 * The emulated Object Storage Service: the REST API the official `ali-oss` SDK and minitf's `oss`
 * state backend use — PutBucket, GetBucketInfo, GetBucketLocation, GetBucketAcl, DeleteBucket,
 * ListObjects (V1 and V2), PutObject (with `x-oss-forbid-overwrite`, `x-oss-object-acl`,
 * `x-oss-server-side-encryption`, `x-oss-meta-*`, Content-MD5 checked), CopyObject, GetObject and
 * HeadObject (with `If-Match`, `If-None-Match`, `If-Modified-Since`, `If-Unmodified-Since`),
 * GetObjectMeta, Get/PutObjectAcl, DeleteObject — with the V1 and V4 signatures checked as the service
 * checks them, and errors in OSS's XML envelope. Anything else is answered `NotImplemented`.
 * Buckets and objects live in a directory (`objects.ts`), shared by emulators that use the same one.
 */
export class OssService {
  readonly objects: OssObjects;
  readonly #keys: ReadonlyMap<string, string>;
  readonly #owner: string;
  readonly #log: (line: string) => void;

  constructor(opts: { readonly dir: string; readonly keys: readonly AccessKey[]; readonly log?: (line: string) => void }) {
    this.objects = new OssObjects(opts.dir);
    this.#keys = keyMap(opts.keys);
    this.#owner = String(BigInt('0x' + createHash('sha256').update(opts.keys[0]!.id).digest('hex').slice(0, 13)));
    this.#log = opts.log ?? (() => undefined);
  }

  /** Answers one HTTP request (its body not yet read). */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomBytes(12).toString('hex').toUpperCase();
    const headers = lowerHeaders(req);
    const [path, raw = ''] = (req.url ?? '/').split(/\?(.*)/s) as [string, string?];
    const target = parseTarget(headers.host ?? '', path);
    const method = req.method ?? 'GET';
    const hostId = `${target.bucket ? `${target.bucket}.` : ''}oss-${target.region ?? DEFAULT_REGION}.aliyuncs.com`;
    const send = (status: number, body: string | Buffer = '', extra: Record<string, string> = {}) => {
      const buf = typeof body === 'string' ? Buffer.from(body) : body;
      res.writeHead(status, { 'x-oss-request-id': requestId, date: new Date().toUTCString(), 'content-length': String(buf.length), ...(buf.length && typeof body === 'string' ? { 'content-type': 'application/xml' } : {}), ...extra });
      res.end(method === 'HEAD' ? undefined : buf);
      this.#log(`OSS ${method} ${target.bucket ?? '-'}/${target.key} ${status}`);
    };
    try {
      const body = await readBody(req, MAX_OBJECT, () => new OssError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.'));
      const query = parseQuery(raw);
      const signed: OssSignedRequest = { method, headers, query, bucket: target.bucket, key: target.key };
      verifyOssSignature(signed, this.#keys);
      const out = this.#route(method, target, headers, new Map(query), body);
      send(out.status, out.body, { ...out.headers, ...(out.length !== undefined ? { 'content-length': String(out.length) } : {}) });
    } catch (e) {
      const err = e instanceof OssError ? e : new OssError(500, 'InternalError', 'We encountered an internal error. Please try again.');
      if (!(e instanceof OssError)) this.#log(`OSS internal error: ${(e as Error)?.stack ?? String(e)}`);
      const xml = err.body(requestId, hostId);
      send(err.status, xml, method === 'HEAD' ? { 'x-oss-err': Buffer.from(xml).toString('base64') } : {});
    }
  }

  #route(method: string, t: Target, h: Readonly<Record<string, string>>, q: ReadonlyMap<string, string | null>, body: Buffer): Answer {
    for (const name of REFUSED_HEADERS) if (h[name] !== undefined) throw notImplemented(`the ${name} header`);
    if (!t.bucket) throw notImplemented('service-level operations (ListBuckets)');
    const sub = (name: string) => q.has(name);
    const known = ['acl', 'bucketInfo', 'location', 'list-type', 'prefix', 'marker', 'max-keys', 'delimiter', 'continuation-token', 'start-after', 'fetch-owner', 'encoding-type', 'objectMeta'];
    for (const k of q.keys()) if (!known.includes(k)) throw notImplemented(`the "${k}" request parameter`);
    if (method === 'PUT' && !t.key && !sub('acl')) return this.#putBucket(t, h, body);
    const bucket = this.objects.bucket(t.bucket);
    if (!bucket) throw noSuchBucket(t.bucket);
    if (t.region && t.region !== bucket.region) {
      throw new OssError(403, 'AccessDenied', 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.', { Bucket: bucket.name, Endpoint: `oss-${bucket.region}.aliyuncs.com` });
    }
    if (!t.key) {
      if (method === 'GET' && sub('bucketInfo')) return xml('BucketInfo', { Bucket: this.#bucketInfo(bucket) });
      if (method === 'GET' && sub('location')) return xml('LocationConstraint', {}, `oss-${bucket.region}`);
      if (method === 'GET' && sub('acl')) return xml('AccessControlPolicy', this.#acl(bucket.acl));
      if (method === 'GET') return this.#list(bucket, q);
      if (method === 'DELETE') {
        this.objects.deleteBucket(bucket.name);
        return { status: 204 };
      }
      throw methodNotAllowed(method);
    }
    if (Buffer.byteLength(t.key) > 1023 || t.key.startsWith('/') || t.key.startsWith('\\')) throw invalidObjectName();
    switch (method) {
      case 'PUT':
        if (sub('acl')) return this.#putAcl(bucket, t.key, h);
        return h['x-oss-copy-source'] !== undefined ? this.#copy(bucket, t.key, h) : this.#put(bucket, t.key, h, body);
      case 'GET':
      case 'HEAD': {
        const got = method === 'GET' && !sub('objectMeta') ? this.objects.get(bucket.name, t.key) : undefined;
        const rec = got?.rec ?? this.objects.head(bucket.name, t.key);
        if (!rec) throw noSuchKey(t.key);
        if (sub('acl')) return xml('AccessControlPolicy', this.#acl(rec.acl));
        const cond = conditional(rec, h);
        if (cond) return cond;
        return { status: 200, body: got?.body ?? Buffer.alloc(0), headers: objectHeaders(rec), ...(got ? {} : { length: rec.size }) };
      }
      case 'DELETE':
        this.objects.delete(bucket.name, t.key);
        return { status: 204 };
      default:
        throw methodNotAllowed(method);
    }
  }

  #putBucket(t: Target, h: Readonly<Record<string, string>>, body: Buffer): Answer {
    const name = t.bucket!;
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name)) throw invalidBucketName(name);
    const acl = h['x-oss-acl'] ?? 'private';
    if (!['private', 'public-read', 'public-read-write'].includes(acl)) throw invalidArgument('no such bucket access control exists', 'x-oss-acl', acl);
    const storageClass = /<StorageClass>([^<]*)<\/StorageClass>/.exec(body.toString('utf8'))?.[1] ?? 'Standard';
    if (storageClass !== 'Standard') throw notImplemented(`the ${storageClass} storage class`);
    this.objects.createBucket({ name, region: t.region ?? DEFAULT_REGION, created: Date.now(), acl, storageClass, owner: this.#owner });
    return { status: 200, headers: { location: `/${name}` } };
  }

  #put(bucket: BucketRecord, key: string, h: Readonly<Record<string, string>>, body: Buffer): Answer {
    const md5 = createHash('md5').update(body);
    const digest = md5.digest();
    if (h['content-md5'] !== undefined && h['content-md5'] !== digest.toString('base64')) throw invalidDigest();
    const rec = this.#record(key, h, `"${digest.toString('hex').toUpperCase()}"`, body.length);
    this.objects.put(bucket.name, rec, body, forbidOverwrite(h));
    return { status: 200, headers: { etag: rec.etag, 'content-md5': digest.toString('base64'), ...sseHeaders(rec) } };
  }

  #copy(bucket: BucketRecord, key: string, h: Readonly<Record<string, string>>): Answer {
    const m = /^\/([^/]+)\/(.+)$/.exec(decodeURIComponent(h['x-oss-copy-source']!));
    if (!m) throw invalidArgument('Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.', 'x-oss-copy-source', h['x-oss-copy-source']!);
    if (!this.objects.bucket(m[1]!)) throw noSuchBucket(m[1]!);
    const src = this.objects.get(m[1]!, m[2]!);
    if (!src) throw noSuchKey(m[2]!);
    const replaceMeta = (h['x-oss-metadata-directive'] ?? 'COPY') === 'REPLACE';
    const rec: ObjectRecord = replaceMeta ? this.#record(key, h, src.rec.etag, src.body.length) : { ...this.#record(key, h, src.rec.etag, src.body.length), contentType: src.rec.contentType, meta: src.rec.meta };
    this.objects.put(bucket.name, rec, src.body, forbidOverwrite(h));
    return xml('CopyObjectResult', { ETag: rec.etag, LastModified: new Date(rec.lastModified).toISOString() }, undefined, sseHeaders(rec));
  }

  #putAcl(bucket: BucketRecord, key: string, h: Readonly<Record<string, string>>): Answer {
    const got = this.objects.get(bucket.name, key);
    if (!got) throw noSuchKey(key);
    const acl = h['x-oss-object-acl'] ?? '';
    if (!OBJECT_ACLS.has(acl)) throw invalidArgument('no such object access control exists', 'x-oss-object-acl', acl);
    this.objects.put(bucket.name, { ...got.rec, acl }, got.body, false);
    return { status: 200 };
  }

  /** The record of an upload from its headers (ACL, encryption, metadata), checked. */
  #record(key: string, h: Readonly<Record<string, string>>, etag: string, size: number): ObjectRecord {
    const acl = h['x-oss-object-acl'] ?? 'default';
    if (!OBJECT_ACLS.has(acl)) throw invalidArgument('no such object access control exists', 'x-oss-object-acl', acl);
    const sse = h['x-oss-server-side-encryption'];
    if (sse !== undefined && !SSE.has(sse)) {
      throw new OssError(400, 'InvalidEncryptionAlgorithmError', 'The Encryption request you specified is not valid. Supported value: AES256/KMS/SM4', { ArgumentName: 'x-oss-server-side-encryption', ArgumentValue: sse });
    }
    const storageClass = h['x-oss-storage-class'];
    if (storageClass !== undefined && storageClass !== 'Standard') throw notImplemented(`the ${storageClass} storage class`);
    const meta: Record<string, string> = {};
    for (const [k, v] of Object.entries(h)) if (k.startsWith('x-oss-meta-')) meta[k] = v;
    const kms = h['x-oss-server-side-encryption-key-id'];
    return { key, etag, size, lastModified: Date.now(), contentType: h['content-type'] ?? 'application/octet-stream', acl, ...(sse ? { sse } : {}), ...(sse === 'KMS' && kms ? { kmsKeyId: kms } : {}), meta };
  }

  #list(bucket: BucketRecord, q: ReadonlyMap<string, string | null>): Answer {
    const v2 = q.get('list-type') === '2';
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const max = Number(q.get('max-keys') ?? 100);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw invalidArgument('Argument max-keys must be an integer between 1 and 1000.', 'max-keys', String(q.get('max-keys')));
    const after = (v2 ? (q.get('continuation-token') ? Buffer.from(q.get('continuation-token')!, 'base64').toString('utf8') : q.get('start-after')) : q.get('marker')) ?? '';
    const contents: ObjectRecord[] = [];
    const prefixes: string[] = [];
    let truncated = false;
    let last = '';
    for (const rec of this.objects.list(bucket.name, prefix)) {
      if (rec.key <= after) continue;
      const cut = delimiter ? rec.key.indexOf(delimiter, prefix.length) : -1;
      const common = cut >= 0 ? rec.key.slice(0, cut + delimiter.length) : undefined;
      if (common && prefixes.includes(common)) continue;
      if (contents.length + prefixes.length === max) {
        truncated = true;
        break;
      }
      if (common) prefixes.push(common);
      else contents.push(rec);
      last = common ?? rec.key;
    }
    const owner = !v2 || q.get('fetch-owner') === 'true' ? { Owner: { ID: this.#owner, DisplayName: this.#owner } } : {};
    const items = contents.map((r) => ({ Key: r.key, LastModified: new Date(r.lastModified).toISOString(), ETag: r.etag, Type: 'Normal', Size: r.size, StorageClass: 'Standard', ...owner }));
    const tree: XmlTree = v2
      ? {
          Name: bucket.name,
          Prefix: prefix,
          ...(q.get('continuation-token') ? { ContinuationToken: q.get('continuation-token')! } : {}),
          MaxKeys: max,
          Delimiter: delimiter,
          IsTruncated: truncated,
          ...(truncated ? { NextContinuationToken: Buffer.from(last).toString('base64') } : {}),
          KeyCount: contents.length + prefixes.length,
          Contents: items,
          CommonPrefixes: prefixes.map((p) => ({ Prefix: p })),
        }
      : { Name: bucket.name, Prefix: prefix, Marker: after, MaxKeys: max, Delimiter: delimiter, IsTruncated: truncated, ...(truncated ? { NextMarker: last } : {}), Contents: items, CommonPrefixes: prefixes.map((p) => ({ Prefix: p })) };
    return xml('ListBucketResult', tree);
  }

  #bucketInfo(b: BucketRecord): XmlTree {
    return {
      CreationDate: new Date(b.created).toISOString(),
      ExtranetEndpoint: `oss-${b.region}.aliyuncs.com`,
      IntranetEndpoint: `oss-${b.region}-internal.aliyuncs.com`,
      Location: `oss-${b.region}`,
      Name: b.name,
      StorageClass: b.storageClass,
      Owner: { DisplayName: b.owner, ID: b.owner },
      AccessControlList: { Grant: b.acl },
    };
  }

  #acl(grant: string): XmlTree {
    return { Owner: { ID: this.#owner, DisplayName: this.#owner }, AccessControlList: { Grant: grant } };
  }
}

interface Answer {
  readonly status: number;
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
  /** For HEAD: the length of the bytes not sent. */
  readonly length?: number;
}

function xml(root: string, tree: XmlTree, text?: string, headers: Record<string, string> = {}): Answer {
  const body = text === undefined ? xmlDocument(root, tree) : `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>${text}</${root}>`;
  return { status: 200, body, headers: { 'content-type': 'application/xml', ...headers } };
}

function forbidOverwrite(h: Readonly<Record<string, string>>): boolean {
  return (h['x-oss-forbid-overwrite'] ?? '').toLowerCase() === 'true';
}

function sseHeaders(rec: ObjectRecord): Record<string, string> {
  return { ...(rec.sse ? { 'x-oss-server-side-encryption': rec.sse } : {}), ...(rec.kmsKeyId ? { 'x-oss-server-side-encryption-key-id': rec.kmsKeyId } : {}) };
}

function objectHeaders(rec: ObjectRecord): Record<string, string> {
  return {
    'content-type': rec.contentType,
    etag: rec.etag,
    'last-modified': new Date(rec.lastModified).toUTCString(),
    'x-oss-object-type': 'Normal',
    'x-oss-storage-class': 'Standard',
    ...sseHeaders(rec),
    ...rec.meta,
  };
}

/** 304 or 412 for a GET/HEAD whose conditions do not hold, else undefined. */
function conditional(rec: ObjectRecord, h: Readonly<Record<string, string>>): Answer | undefined {
  const tag = (s: string) => s.trim().replace(/^"|"$/g, '').toUpperCase();
  const etag = tag(rec.etag);
  const modified = Math.floor(rec.lastModified / 1000) * 1000;
  const ifMatch = h['if-match'];
  if (ifMatch !== undefined && !ifMatch.split(',').some((t) => tag(t) === etag || t.trim() === '*')) throw preconditionFailed('If-Match');
  const since = h['if-unmodified-since'];
  if (since !== undefined && Date.parse(since) < modified) throw preconditionFailed('If-Unmodified-Since');
  const none = h['if-none-match'];
  if (none !== undefined && none.split(',').some((t) => tag(t) === etag || t.trim() === '*')) return { status: 304, headers: { etag: rec.etag } };
  const mod = h['if-modified-since'];
  if (mod !== undefined && Date.parse(mod) >= modified) return { status: 304, headers: { etag: rec.etag } };
  return undefined;
}

/** Bucket, key and region of a request: `BUCKET.oss-REGION.aliyuncs.com/KEY`, or path style `/BUCKET/KEY`. */
function parseTarget(host: string, path: string): Target {
  const name = host.replace(/:\d+$/, '');
  const m = /^(?:([^.]+)\.)?oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/.exec(name);
  const rest = decodeURIComponent(path.replace(/^\//, ''));
  if (m) return { bucket: m[1], key: m[1] ? rest : '', region: m[2] };
  const slash = rest.indexOf('/');
  return { bucket: slash < 0 ? rest || undefined : rest.slice(0, slash), key: slash < 0 ? '' : rest.slice(slash + 1), region: undefined };
}

function parseQuery(raw: string): [string, string | null][] {
  if (!raw) return [];
  return raw
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const i = part.indexOf('=');
      const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, '%20'));
      return i < 0 ? [dec(part), null] : [dec(part.slice(0, i)), dec(part.slice(i + 1))];
    });
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

/** True for a request to OSS (its signature or host says so), not to the RPC APIs. */
export function isOssRequest(req: IncomingMessage): boolean {
  const auth = req.headers.authorization ?? '';
  return /^OSS4?[- ]/.test(auth) || /(^|\.)oss-[a-z0-9-]+\.aliyuncs\.com(:\d+)?$/.test(req.headers.host ?? '');
}
