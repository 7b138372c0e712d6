import type OSS from 'ali-oss';
import { StateBackendError } from '../backend.js';
import type { OssTarget } from './settings.js';

type OssModule = typeof OSS;
let loading: Promise<OssModule> | undefined;

/** Imports `ali-oss` on first use, so commands that never open an oss backend never load it. */
function loadOss(): Promise<OssModule> {
  loading ??= import('ali-oss').then((m) => ((m as unknown as { default?: OssModule }).default ?? m) as OssModule);
  return loading;
}

/** OSS could not do what the backend asked: unreachable, credentials refused, no bucket, a refused request. */
export class OssBackendError extends StateBackendError {
  /** OSS's error code (`SignatureDoesNotMatch`, `NoSuchBucket`), or the socket's (`ECONNREFUSED`). */
  readonly ossCode: string;
  constructor(summary: string, message: string, ossCode: string) {
    super(summary, message);
    this.name = 'OssBackendError';
    this.ossCode = ossCode;
  }
}

type SdkError = Error & { code?: string; status?: number; requestId?: string };

/** Written with `x-oss-forbid-overwrite` and the object already exists. */
export class ObjectExists extends Error {}

/**
 * The few OSS operations the backend uses, through the official `ali-oss` SDK (V4 signatures), with
 * the state objects' encryption and ACL on every upload. The bucket is checked on first use: a
 * missing one is an error naming it — except in the embedded emulator, where it is made, with a
 * one-line notice. Errors become OssBackendError naming bucket, endpoint, code and request id, never
 * a secret.
 */
export class OssClient {
  readonly target: OssTarget;
  readonly #notice: ((line: string) => void) | undefined;
  #client: Promise<OSS> | undefined;

  constructor(target: OssTarget, notice?: (line: string) => void) {
    this.target = target;
    this.#notice = notice;
  }

  /** The object's text and ETag, or null when it does not exist. */
  get(key: string): Promise<{ text: string; etag: string } | null> {
    return this.#call(`read "${key}"`, async (c) => {
      const r = await c.get(key);
      return { text: (r.content as Buffer).toString('utf8'), etag: header(r.res, 'etag') };
    }, (e) => (e.code === 'NoSuchKey' ? null : undefined));
  }

  /** The object's ETag, or null when it does not exist. */
  head(key: string): Promise<string | null> {
    return this.#call(`look up "${key}"`, async (c) => header((await c.head(key)).res, 'etag'), (e) => (e.code === 'NoSuchKey' || e.status === 404 ? null : undefined));
  }

  /** Uploads an object (throws ObjectExists when `noOverwrite` and it exists); resolves with its ETag. */
  put(key: string, text: string, noOverwrite = false): Promise<string> {
    const headers = { ...this.#objectHeaders(), ...(noOverwrite ? { 'x-oss-forbid-overwrite': 'true' } : {}) };
    return this.#call<string>(`write "${key}"`, async (c) => header((await c.put(key, Buffer.from(text, 'utf8'), { mime: 'application/json', headers })).res, 'etag'), (e) => {
      if (e.code === 'FileAlreadyExists') throw new ObjectExists(key);
      return undefined;
    });
  }

  /** Copies an object inside the bucket on the server (the backup of a snapshot). */
  async copy(from: string, to: string): Promise<void> {
    await this.#call(`copy "${from}" to "${to}"`, (c) => c.copy(to, from, { headers: this.#objectHeaders() }));
  }

  /** Deletes an object (no error when it does not exist). */
  async delete(key: string): Promise<void> {
    await this.#call(`delete "${key}"`, (c) => c.delete(key), (e) => (e.code === 'NoSuchKey' ? null : undefined));
  }

  /** Every key starting with `prefix`, in key order. */
  list(prefix: string): Promise<string[]> {
    return this.#call<string[]>(`list "${prefix}"`, async (c) => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const r = await c.listV2({ prefix, 'max-keys': '1000', ...(token ? { 'continuation-token': token } : {}) }, {});
        keys.push(...(r.objects ?? []).map((o) => o.name));
        token = r.isTruncated ? (r.nextContinuationToken ?? undefined) : undefined;
      } while (token);
      return keys;
    });
  }

  /**
   * Runs one SDK call (`doing` names it in messages). `expected` turns an error that is an answer
   * (no such key) into a result, or throws its own; undefined lets it become an OssBackendError.
   */
  async #call<T, A extends null = never>(doing: string, fn: (c: OSS) => Promise<T>, expected?: (e: SdkError) => A | undefined): Promise<T | A> {
    const c = await this.#sdk();
    try {
      return await fn(c);
    } catch (e) {
      const answer = expected?.(e as SdkError);
      if (answer !== undefined) return answer;
      throw this.#fail(e, doing);
    }
  }

  #objectHeaders(): Record<string, string> {
    const t = this.target;
    return { ...(t.sse ? { 'x-oss-server-side-encryption': t.sse } : {}), ...(t.acl ? { 'x-oss-object-acl': t.acl } : {}) };
  }

  #sdk(): Promise<OSS> {
    // A failed connection is tried again by the next call.
    this.#client ??= this.#connect().catch((e: unknown) => {
      this.#client = undefined;
      throw e;
    });
    return this.#client;
  }

  async #connect(): Promise<OSS> {
    const Oss = await loadOss();
    const t = this.target;
    // retryMax (retries of network failures) is an option the SDK has but its types lack.
    const c = new Oss({
      bucket: t.bucket,
      region: `oss-${t.region}`,
      endpoint: t.endpoint,
      accessKeyId: t.accessKeyId,
      accessKeySecret: t.accessKeySecret,
      ...(t.securityToken ? { stsToken: t.securityToken } : {}),
      secure: t.endpoint.startsWith('https:'),
      authorizationV4: true,
      timeout: 60_000,
      ...{ retryMax: 2 },
    });
    try {
      await c.getBucketInfo(t.bucket);
    } catch (e) {
      if ((e as SdkError).code !== 'NoSuchBucket') throw this.#fail(e, `open bucket "${t.bucket}"`);
      if (!t.emulated) {
        throw new OssBackendError('OSS state bucket not found', `The OSS bucket "${t.bucket}" does not exist (region ${t.region}, endpoint ${t.endpoint}). Create it first (for example in the OSS console, or with "aliyun oss mb oss://${t.bucket} --region ${t.region}"), or name an existing bucket in the backend block.`, 'NoSuchBucket');
      }
      try {
        await c.putBucket(t.bucket);
      } catch (e2) {
        throw this.#fail(e2, `create bucket "${t.bucket}"`);
      }
      this.#notice?.(`minitf: created the state bucket "${t.bucket}" (${t.region}) in the embedded emulator — a real cloud's missing bucket is an error.\n`);
    }
    return c;
  }

  #fail(e: unknown, doing: string): OssBackendError {
    const err = e as SdkError;
    const t = this.target;
    const where = `bucket "${t.bucket}" at ${t.endpoint}`;
    const code = err.code ?? err.name ?? 'Error';
    if (err.status === -1 || err.status === -2 || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ConnectionTimeout|ResponseTimeout/.test(`${code} ${err.message}`)) {
      return new OssBackendError('Failed to reach the OSS state backend', `minitf cannot ${doing} in ${where}: ${firstLine(err.message)}. Check the endpoint (or region) and the network.`, code);
    }
    const hint =
      code === 'InvalidAccessKeyId'
        ? ' Check access_key (or ALICLOUD_ACCESS_KEY).'
        : code === 'SignatureDoesNotMatch'
          ? ' Check secret_key (or ALICLOUD_SECRET_KEY).'
          : code === 'AccessDenied'
            ? ' Check that the access key may use this bucket and that region names the bucket’s region.'
            : '';
    return new OssBackendError('The OSS state backend refused an operation', `OSS refused to ${doing} in ${where}: ${code}: ${firstLine(err.message)}${err.requestId ? ` (request id ${err.requestId})` : ''}.${hint}`, code);
  }
}

function header(res: unknown, name: string): string {
  return String((res as { headers?: Record<string, unknown> }).headers?.[name] ?? '');
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/[.\s]+$/, '');
}
