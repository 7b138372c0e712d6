import { posix } from 'node:path';
import { SnapshotConflict, type StateStorage, type StorageNames, type Versioned } from '../storage.js';
import { DEFAULT_WORKSPACE } from '../workspace.js';
import { ObjectExists, type OssClient } from './client.js';
import { OssLockStore } from './lock.js';

/** Where one workspace's objects live in the bucket. */
export interface OssKeys {
  /** Terraform's layout: `<prefix>/<key>` for `default`, `<prefix>/<workspace>/<key>` for the others. */
  readonly state: string;
  /** `<state>.tflock`. */
  readonly lock: string;
  /** minitf's own objects, outside `<prefix>/` so Terraform's workspace listing never sees them. */
  readonly backup: string;
  readonly journal: string;
}

/** The keys of workspace `ws` (prefix already trimmed of slashes). */
export function ossKeys(prefix: string, key: string, ws: string): OssKeys {
  const state = ws === DEFAULT_WORKSPACE ? posix.join(prefix, key) : posix.join(prefix, ws, key);
  const own = posix.join(`${prefix}.minitf`, ws, key);
  return { state, lock: `${state}.tflock`, backup: `${own}.backup`, journal: `${own}.journal/` };
}

const SEQ_DIGITS = 16;

/**
 * A workspace's state in an OSS bucket: the snapshot is the object Terraform reads, its version the
 * object's ETag; the backup is a server-side copy taken before each replace. OSS has no conditional
 * overwrite, so the compare-and-swap is exact for the first write (`x-oss-forbid-overwrite`) and
 * otherwise a check of the ETag just before the upload: two writers at once are kept apart by the
 * lock, as with Terraform. The journal is a series of segment objects (`journal/<seq>`), each a
 * group-committed batch written with no-overwrite; replacing it writes one base segment
 * (`<seq>.base`) and then deletes the older ones, so a reader (who starts at the last base) sees the
 * old journal or the new one.
 */
export class OssStorage implements StateStorage {
  readonly description: string;
  readonly names: StorageNames;
  readonly keys: OssKeys;
  readonly lock: OssLockStore;
  readonly #client: OssClient;
  #next: number | undefined;

  constructor(client: OssClient, keys: OssKeys) {
    this.#client = client;
    this.keys = keys;
    const b = client.target.bucket;
    const url = (k: string) => `oss://${b}/${k}`;
    this.description = `OSS state ${url(keys.state)}`;
    this.names = {
      snapshot: `object ${url(keys.state)}`,
      backup: url(keys.backup),
      restore: `aliyun oss cp ${url(keys.backup)} ${url(keys.state)} --force`,
      journal: `${url(keys.journal)}*`,
      lockPath: `${b}/${keys.state}`,
    };
    this.lock = new OssLockStore(client, keys.lock);
  }

  async getSnapshot(): Promise<Versioned | null> {
    const got = await this.#client.get(this.keys.state);
    return got && got.text ? { text: got.text, version: got.etag } : null;
  }

  snapshotVersion(): Promise<string | null> {
    return this.#client.head(this.keys.state);
  }

  async putSnapshot(text: string, expected: string | null): Promise<string> {
    if (expected === null) {
      try {
        return await this.#client.put(this.keys.state, text, true);
      } catch (e) {
        if (e instanceof ObjectExists) throw new SnapshotConflict('another run created it first');
        throw e;
      }
    }
    const current = await this.#client.head(this.keys.state);
    if (current !== expected) throw new SnapshotConflict(current === null ? 'the object was deleted' : 'its ETag changed since it was read');
    await this.#client.copy(this.keys.state, this.keys.backup);
    return this.#client.put(this.keys.state, text);
  }

  async readJournal(): Promise<string> {
    const segments = await this.#segments();
    const from = Math.max(0, segments.findLastIndex((s) => s.base));
    const texts = await Promise.all(segments.slice(from).map((s) => this.#client.get(s.key)));
    return texts.map((t) => t?.text ?? '').join('');
  }

  async appendJournal(text: string): Promise<void> {
    await this.#putNext(text, false);
  }

  async replaceJournal(text: string): Promise<void> {
    const seq = await this.#putNext(text, true);
    for (const s of await this.#segments()) if (s.seq < seq) await this.#client.delete(s.key);
  }

  async close(): Promise<void> {}

  /** The journal's segments in order. */
  async #segments(): Promise<{ key: string; seq: number; base: boolean }[]> {
    const out: { key: string; seq: number; base: boolean }[] = [];
    for (const key of await this.#client.list(this.keys.journal)) {
      const m = /^(\d+)(\.base)?$/.exec(key.slice(this.keys.journal.length));
      if (m) out.push({ key, seq: Number(m[1]), base: Boolean(m[2]) });
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** Writes the next segment with no-overwrite; resolves with its number. */
  async #putNext(text: string, base: boolean): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const seq = await this.#seq();
      try {
        await this.#client.put(this.#segment(seq, base), text, true);
        this.#next = seq + 1;
        return seq;
      } catch (e) {
        // Another writer (without the lock) took that number: learn the next free one and try again.
        if (!(e instanceof ObjectExists) || attempt >= 5) throw e;
        this.#next = undefined;
      }
    }
  }

  async #seq(): Promise<number> {
    if (this.#next === undefined) {
      const segs = await this.#segments();
      this.#next = segs.length ? segs[segs.length - 1]!.seq + 1 : 0;
    }
    return this.#next;
  }

  #segment(seq: number, base: boolean): string {
    return `${this.keys.journal}${String(seq).padStart(SEQ_DIGITS, '0')}${base ? '.base' : ''}`;
  }
}
