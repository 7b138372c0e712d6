import { createHash, randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bucketNotEmpty, fileAlreadyExists } from './errors.js';

/** A bucket as stored. */
export interface BucketRecord {
  readonly name: string;
  /** `cn-hangzhou`. */
  readonly region: string;
  readonly created: number;
  readonly acl: string;
  readonly storageClass: string;
  readonly owner: string;
}

/** An object's metadata as stored (its bytes follow it in the same file). */
export interface ObjectRecord {
  readonly key: string;
  /** `"5B3C…"`, quoted, the upper-case hex MD5 of the bytes (simple uploads). */
  readonly etag: string;
  readonly size: number;
  readonly lastModified: number;
  readonly contentType: string;
  /** `x-oss-object-acl`, `default` when not set. */
  readonly acl: string;
  /** `x-oss-server-side-encryption` (`AES256`, `KMS`, `SM4`), when set. */
  readonly sse?: string;
  /** `x-oss-server-side-encryption-key-id` with KMS. */
  readonly kmsKeyId?: string;
  /** `x-oss-meta-*` headers, names lower-case. */
  readonly meta: Readonly<Record<string, string>>;
}

/**
 * The emulated OSS buckets and objects, kept in a directory and read from it on every request (no
 * cache), so several emulator processes sharing one directory — the embedded emulators of two
 * concurrent `minitf` runs — see one consistent service. Each object is one file (its metadata as a
 * JSON line, then its bytes) replaced atomically (temporary file, rename); a no-overwrite upload
 * hard-links the file into place, which fails when the object exists, so of two racing uploads
 * exactly one wins, as on the real service.
 */
export class OssObjects {
  readonly #root: string;

  constructor(dir: string) {
    this.#root = join(dir, 'buckets');
    mkdirSync(this.#root, { recursive: true });
  }

  bucket(name: string): BucketRecord | undefined {
    try {
      return JSON.parse(readFileSync(join(this.#root, name, 'bucket.json'), 'utf8')) as BucketRecord;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** Every bucket, by name. */
  buckets(): BucketRecord[] {
    return readdirSync(this.#root)
      .sort()
      .map((n) => this.bucket(n))
      .filter((b): b is BucketRecord => b !== undefined);
  }

  /** Creates a bucket; false when it exists already. */
  createBucket(b: BucketRecord): boolean {
    const dir = join(this.#root, b.name);
    try {
      mkdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    mkdirSync(join(dir, 'objects'));
    replace(join(dir, 'bucket.json'), Buffer.from(JSON.stringify(b)));
    return true;
  }

  /** Deletes an empty bucket (BucketNotEmpty otherwise). */
  deleteBucket(name: string): void {
    if (readdirSync(this.#objects(name)).length) throw bucketNotEmpty(name);
    rmSync(join(this.#root, name), { recursive: true, force: true });
  }

  /** Stores an object; with `forbidOverwrite`, FileAlreadyExists when the key exists. */
  put(bucket: string, rec: ObjectRecord, body: Buffer, forbidOverwrite: boolean): void {
    const path = this.#file(bucket, rec.key);
    const data = Buffer.concat([Buffer.from(JSON.stringify(rec) + '\n'), body]);
    if (!forbidOverwrite) return replace(path, data);
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, data);
    try {
      linkSync(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw fileAlreadyExists();
      throw e;
    } finally {
      unlinkSync(tmp);
    }
  }

  /** An object's metadata and bytes, or undefined. */
  get(bucket: string, key: string): { rec: ObjectRecord; body: Buffer } | undefined {
    let data: Buffer;
    try {
      data = readFileSync(this.#file(bucket, key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    const nl = data.indexOf(10);
    return { rec: JSON.parse(data.subarray(0, nl).toString('utf8')) as ObjectRecord, body: data.subarray(nl + 1) };
  }

  /** An object's metadata (its bytes are not read), or undefined. */
  head(bucket: string, key: string): ObjectRecord | undefined {
    return readHeader(this.#file(bucket, key));
  }

  /** Removes an object (a no-op when it does not exist). */
  delete(bucket: string, key: string): void {
    rmSync(this.#file(bucket, key), { force: true });
  }

  /** Every object of a bucket whose key starts with `prefix`, in key order. */
  list(bucket: string, prefix = ''): ObjectRecord[] {
    const dir = this.#objects(bucket);
    const out: ObjectRecord[] = [];
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.tmp')) continue;
      const rec = readHeader(join(dir, f));
      if (rec && rec.key.startsWith(prefix)) out.push(rec);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Forgets every bucket and object. */
  reset(): void {
    rmSync(this.#root, { recursive: true, force: true });
    mkdirSync(this.#root, { recursive: true });
  }

  #objects(bucket: string): string {
    return join(this.#root, bucket, 'objects');
  }

  #file(bucket: string, key: string): string {
    return join(this.#objects(bucket), createHash('sha256').update(key).digest('hex'));
  }
}

/** Writes `path` atomically: a temporary file beside it, renamed over it. */
function replace(path: string, data: Buffer): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, data);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The metadata line of an object file, read without its bytes; undefined when the file is gone. */
function readHeader(path: string): ObjectRecord | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const chunks: Buffer[] = [];
    for (;;) {
      const buf = Buffer.alloc(4096);
      const n = readSync(fd, buf, 0, buf.length, null);
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0 || n === 0) {
        chunks.push(buf.subarray(0, nl >= 0 ? nl : n));
        return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ObjectRecord;
      }
      chunks.push(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}
