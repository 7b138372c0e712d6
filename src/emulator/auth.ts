import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  IncompleteSignature,
  InvalidAccessKeyIdNotFound,
  InvalidTimeStampExpired,
  InvalidTimeStampFormat,
  SignatureDoesNotMatch,
  SignatureNonceUsed,
} from './errors.js';

/** An access key pair the emulator accepts. */
export interface AccessKey {
  readonly id: string;
  readonly secret: string;
}

/** What the server hands to the verifier: the request exactly as received. */
export interface SignedRequest {
  readonly method: string;
  /** Path without the query (`/`). */
  readonly path: string;
  /** Raw query string without `?` (still percent-encoded). */
  readonly rawQuery: string;
  /** Header names lower-case; repeated headers joined by `,`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Query parameters that belong to the old (v2) signature, not to the action. */
export const V2_SIGNING_PARAMS: ReadonlySet<string> = new Set([
  'Action', 'Version', 'Format', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'AccessKeyId', 'Signature', 'SecurityToken', 'SignatureType', 'BearerToken',
]);

const ALGORITHM = 'ACS3-HMAC-SHA256';
const REQUIRED_SIGNED = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];
const WINDOW_MS = 15 * 60 * 1000;

/** RFC 3986 encoding over UTF-8 as the signers use it: `A–Z a–z 0–9 - _ . ~` kept, all else `%XX`. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Splits a raw query string into decoded `[key, value]` pairs, in wire order. Throws URIError on bad escapes. */
export function parseRawQuery(raw: string): [string, string][] {
  const out: [string, string][] = [];
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const i = part.indexOf('=');
    const k = i < 0 ? part : part.slice(0, i);
    const v = i < 0 ? '' : part.slice(i + 1);
    out.push([decodeURIComponent(k), decodeURIComponent(v)]);
  }
  return out;
}

/** The ACS3 canonical query: decoded pairs sorted by key (UTF-16 order), `key=enc(value)` joined by `&`. */
export function canonicalQuery(pairs: readonly (readonly [string, string])[]): string {
  return [...pairs]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${k}=${percentEncode(v)}`)
    .join('&');
}

/** Hex SHA-256 of `data`. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Builds the ACS3 canonical request for `signedHeaders` (lower-case, sorted by the caller or not). */
export function canonicalRequest(
  method: string,
  path: string,
  pairs: readonly (readonly [string, string])[],
  headers: Readonly<Record<string, string>>,
  signedHeaders: readonly string[],
  payloadHash: string,
): string {
  const names = [...signedHeaders].sort();
  const canonHeaders = names.map((h) => `${h}:${(headers[h] ?? '').trim()}\n`).join('');
  return `${method}\n${path}\n${canonicalQuery(pairs)}\n${canonHeaders}\n${names.join(';')}\n${payloadHash}`;
}

/** Computes an ACS3-HMAC-SHA256 signature (hex) of a canonical request with `secret`. */
export function signCanonical(canonical: string, secret: string): string {
  const stringToSign = `${ALGORITHM}\n${sha256Hex(canonical)}`;
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}

/** Old-style (v2, HMAC-SHA1) signature of the given parameters (Signature itself excluded by the caller). */
export function signV2(method: string, params: readonly (readonly [string, string])[], secret: string): string {
  const canon = [...params]
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const sts = `${method}&${percentEncode('/')}&${percentEncode(canon)}`;
  return createHmac('sha1', secret + '&').update(sts).digest('base64');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies request signatures against a set of access keys and remembers nonces for 15 minutes.
 * `verify` returns the caller's AccessKeyId or throws the cloud's error (`IncompleteSignature`,
 * `InvalidAccessKeyId.NotFound`, `SignatureDoesNotMatch`, `InvalidTimeStamp.*`, `SignatureNonceUsed`).
 * Secrets never appear in errors or in the `log` callback.
 */
export class Authenticator {
  private readonly keys: Map<string, string>;
  private readonly nonces = new Map<string, number>();
  private readonly realNow: () => number;
  private readonly log: (line: string) => void;

  constructor(keys: readonly AccessKey[], opts: { realNow?: () => number; log?: (line: string) => void } = {}) {
    this.keys = new Map(keys.map((k) => [k.id, k.secret]));
    this.realNow = opts.realNow ?? Date.now;
    this.log = opts.log ?? (() => {});
  }

  /** Checks `req` (ACS3 when it has an Authorization header, else the v2 query signature). */
  verify(req: SignedRequest, pairs: readonly (readonly [string, string])[]): string {
    const auth = req.headers['authorization'];
    if (auth !== undefined) return this.verifyAcs3(req, pairs, auth);
    if (pairs.some(([k]) => k === 'Signature')) return this.verifyV2(req, pairs);
    throw new IncompleteSignature('The request carries no Authorization header and no Signature parameter.');
  }

  private verifyAcs3(req: SignedRequest, pairs: readonly (readonly [string, string])[], auth: string): string {
    const m = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(auth.trim());
    if (!m) throw new IncompleteSignature('The Authorization header must be "ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…".');
    const [, keyId, signedList, signature] = m as unknown as [string, string, string, string];
    const secret = this.keys.get(keyId);
    if (secret === undefined) throw new InvalidAccessKeyIdNotFound();
    const signed = signedList.split(';');
    for (const h of REQUIRED_SIGNED) {
      if (!signed.includes(h)) throw new IncompleteSignature(`Header "${h}" must be signed.`);
    }
    for (const h of Object.keys(req.headers)) {
      if ((h.startsWith('x-acs-') || h === 'content-type') && !signed.includes(h)) throw new IncompleteSignature(`Header "${h}" is sent but not signed.`);
    }
    for (const h of signed) {
      if (req.headers[h] === undefined) throw new IncompleteSignature(`Signed header "${h}" is missing from the request.`);
    }
    const payloadHash = sha256Hex(req.body);
    if (!safeEqual(payloadHash, req.headers['x-acs-content-sha256'] ?? '')) {
      throw new SignatureDoesNotMatch('The x-acs-content-sha256 header does not match the SHA-256 of the request body.');
    }
    const canon = canonicalRequest(req.method, req.path, pairs, req.headers, signed, payloadHash);
    if (!safeEqual(signCanonical(canon, secret), signature)) {
      this.log(`signature mismatch for ${keyId}; canonical request:\n${canon}`);
      throw new SignatureDoesNotMatch(`Specified signature does not match our calculation. Server string to sign is: ${ALGORITHM}\n${sha256Hex(canon)}`);
    }
    this.checkFreshness(req.headers['x-acs-date'] ?? '', req.headers['x-acs-signature-nonce'] ?? '');
    return keyId;
  }

  private verifyV2(req: SignedRequest, pairs: readonly (readonly [string, string])[]): string {
    const get = (k: string): string | undefined => pairs.find(([n]) => n === k)?.[1];
    const keyId = get('AccessKeyId');
    if (!keyId) throw new IncompleteSignature('Parameter "AccessKeyId" is required with a Signature parameter.');
    const secret = this.keys.get(keyId);
    if (secret === undefined) throw new InvalidAccessKeyIdNotFound();
    const sig = get('Signature') ?? '';
    const expected = signV2(req.method, pairs.filter(([k]) => k !== 'Signature'), secret);
    if (!safeEqual(expected, sig)) throw new SignatureDoesNotMatch();
    this.checkFreshness(get('Timestamp') ?? '', get('SignatureNonce') ?? '');
    return keyId;
  }

  private checkFreshness(stamp: string, nonce: string): void {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(stamp)) throw new InvalidTimeStampFormat(stamp);
    const t = Date.parse(stamp);
    const now = this.realNow();
    if (Number.isNaN(t)) throw new InvalidTimeStampFormat(stamp);
    if (Math.abs(now - t) > WINDOW_MS) throw new InvalidTimeStampExpired(stamp);
    if (!nonce) throw new IncompleteSignature('The signature nonce is empty.');
    this.purge(now);
    const seen = this.nonces.get(nonce);
    if (seen !== undefined && seen > now) throw new SignatureNonceUsed();
    this.nonces.set(nonce, now + WINDOW_MS);
  }

  private purge(now: number): void {
    if (this.nonces.size < 1024) return;
    for (const [n, exp] of this.nonces) if (exp <= now) this.nonces.delete(n);
  }
}
