import type { LockInfo } from '../backend.js';
import { parseLockInfo } from '../lockwait.js';
import type { LockHolder, LockStore } from '../storage.js';
import { ObjectExists, type OssClient } from './client.js';

/**
 * The lock of an OSS state: an object beside the state (`<state>.tflock`) holding the lock info,
 * created with `x-oss-forbid-overwrite`, so of two runs taking it at once exactly one succeeds (as
 * OpenTofu's S3 `use_lockfile`). It is not refreshed: a holder killed on this host is broken at
 * once (its process is gone), one killed elsewhere stays until `force-unlock`, as Terraform's locks.
 */
export class OssLockStore implements LockStore {
  readonly #client: OssClient;
  readonly #key: string;

  constructor(client: OssClient, key: string) {
    this.#client = client;
    this.#key = key;
  }

  async tryLock(info: LockInfo): Promise<boolean> {
    try {
      await this.#client.put(this.#key, JSON.stringify(info), true);
      return true;
    } catch (e) {
      if (e instanceof ObjectExists) return false;
      throw e;
    }
  }

  async holder(): Promise<LockHolder | undefined> {
    const got = await this.#client.get(this.#key);
    return got ? { info: parseLockInfo(got.text) } : undefined;
  }

  async unlock(info: LockInfo): Promise<void> {
    await this.breakLock({ info });
  }

  async breakLock(holder: LockHolder): Promise<boolean> {
    const got = await this.#client.get(this.#key);
    if (!got) return false;
    if (holder.info && parseLockInfo(got.text)?.ID !== holder.info.ID) return false;
    await this.#client.delete(this.#key);
    return true;
  }
}
