import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ForceUnlockError, StateLockedError, type Backend, type LockInfo, type LockOptions, type StateLock } from './backend.js';
import { MINITF_VERSION } from './model.js';
import type { LockHolder, LockStore } from './storage.js';

/** Tuning of lock waits; the defaults suit interactive and CI runs. */
export interface LockTuning {
  /** A lock not refreshed for this long is abandoned and may be broken (default 30 s; stores reporting `idleMs` only). */
  readonly staleMs?: number;
  /** First delay between attempts while waiting; doubles up to 1 s (default 100 ms). */
  readonly retryMs?: number;
  /** How often a held lock is refreshed (default: the store's `heartbeatMs`, else 5 s). */
  readonly refreshMs?: number;
}

/**
 * The lock policy over a backend's LockStore: take the lock with Terraform's lock info (plus the
 * holder's `PID` and `Host`), retry with back-off until `-lock-timeout`, break a lock whose holder is
 * gone (its process no longer exists on this host, or it stopped refreshing a lock that outlives it),
 * refresh the held lock, and force-unlock by ID. Session-bound locks (a database session) are never
 * broken here: they end with their session. The lock half of `Backend`: the state policy
 * (`manager.ts`) extends it.
 */
export class Locker implements Pick<Backend, 'lock' | 'forceUnlock' | 'lockInfo'> {
  readonly #store: LockStore;
  readonly #path: string;
  readonly #staleMs: number;
  readonly #retryMs: number;
  readonly #refreshMs: number;
  #held: StateLock | undefined;

  constructor(store: LockStore, lockPath: string, tuning: LockTuning = {}) {
    this.#store = store;
    this.#path = lockPath;
    this.#staleMs = tuning.staleMs ?? 30_000;
    this.#retryMs = tuning.retryMs ?? 100;
    this.#refreshMs = tuning.refreshMs ?? store.heartbeatMs ?? 5_000;
  }

  /** Backend.lock; an abandoned lock is broken on every attempt, the first included. */
  async lock(operation: string, opts: LockOptions): Promise<StateLock> {
    if (this.#held) throw new StateLockedError(`the state is already locked by this process for ${this.#held.info.Operation}`, this.#held.info);
    const deadline = Date.now() + Math.max(0, opts.timeoutMs);
    let delay = this.#retryMs;
    let waited = false;
    let breaks = 0;
    for (let spins = 0; ; spins++) {
      const info = newLockInfo(operation, opts.info ?? '', this.#path);
      if (await this.#store.tryLock(info)) return this.#holding(info);
      const holder = await this.#store.holder();
      // Released between the attempt and the look: try again at once, a few times.
      if (!holder && spins < 10) continue;
      if (holder && breaks < 10 && this.#abandoned(holder)) {
        breaks++;
        await this.#store.breakLock(holder);
        continue;
      }
      const now = Date.now();
      if (now >= deadline) {
        const why = describeHolder(holder);
        throw new StateLockedError(opts.timeoutMs > 0 ? `${why}; gave up after waiting ${formatMs(opts.timeoutMs)}` : why, holder?.info);
      }
      if (!waited) {
        waited = true;
        opts.onWait?.();
      }
      await sleep(Math.max(0, Math.min(delay, deadline - now)));
      delay = Math.min(delay * 2, 1000);
    }
  }

  async forceUnlock(id: string): Promise<void> {
    const holder = await this.#store.holder();
    if (!holder) throw new ForceUnlockError('not_locked', 'the state is not locked');
    if (holder.info?.ID !== id) throw new ForceUnlockError('id_mismatch', `lock ID "${id}" does not match the existing lock ID${holder.info ? ` "${holder.info.ID}"` : ''}`);
    if (this.#held?.info.ID === id) return this.#held.release();
    if (!(await this.#store.breakLock(holder))) throw new ForceUnlockError('not_locked', 'the lock was released meanwhile');
  }

  async lockInfo(): Promise<LockInfo | undefined> {
    return (await this.#store.holder())?.info;
  }

  /** A holder that is gone: its process is not running on this host, or it stopped refreshing the lock. */
  #abandoned(h: LockHolder): boolean {
    if (h.sessionBound) return false;
    const dead = h.info?.Host === hostname() && typeof h.info.PID === 'number' && h.info.PID !== process.pid && !processAlive(h.info.PID);
    return dead || (h.idleMs !== undefined && h.idleMs > this.#staleMs);
  }

  #holding(info: LockInfo): StateLock {
    const store = this.#store;
    const timer = store.heartbeat
      ? setInterval(() => {
          store.heartbeat!(info).catch(() => undefined);
        }, this.#refreshMs)
      : undefined;
    timer?.unref();
    let released = false;
    const lock: StateLock = {
      info,
      release: async () => {
        if (released) return;
        released = true;
        if (timer) clearInterval(timer);
        if (this.#held === lock) this.#held = undefined;
        await store.unlock(info);
      },
    };
    this.#held = lock;
    return lock;
  }
}

/** The parsed `-lock` and `-lock-timeout` flags (`parseLockFlags` in `cli/run/flags.ts`). */
export interface LockFlags {
  readonly lock: boolean;
  readonly timeoutMs: number;
}

/**
 * Runs `fn` holding the state lock (unless `flags.lock` is false), releasing it however `fn` ends.
 * `onWait` is called when the lock is busy and the call is going to wait for it.
 */
export async function withStateLock<T>(backend: Backend, operation: string, flags: LockFlags, fn: () => Promise<T>, onWait?: () => void): Promise<T> {
  let lock: StateLock | undefined;
  if (flags.lock) lock = await backend.lock(operation, { timeoutMs: flags.timeoutMs, ...(onWait ? { onWait } : {}) });
  try {
    return await fn();
  } finally {
    await lock?.release();
  }
}

/** A new lock info for `operation`, naming this user, host and process. */
export function newLockInfo(operation: string, info: string, path: string): LockInfo {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry */
  }
  return { ID: randomUUID(), Operation: operation, Info: info, Who: `${user}@${hostname()}`, Version: MINITF_VERSION, Created: new Date().toISOString(), Path: path, PID: process.pid, Host: hostname() };
}

/** Lock info from a lock's stored text; undefined when it is being written or damaged. */
export function parseLockInfo(text: string): LockInfo | undefined {
  try {
    const j = JSON.parse(text) as LockInfo;
    return j && typeof j.ID === 'string' ? j : undefined;
  } catch {
    return undefined;
  }
}

/** True when a process with this id exists on this host (EPERM: it exists but belongs to another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeHolder(h: LockHolder | undefined): string {
  if (h?.foreign) return `the state is locked by ${h.foreign}`;
  const i = h?.info;
  return i ? `the state is locked by ${i.Who}${i.PID ? ` (process ${i.PID})` : ''} for ${i.Operation || 'an operation'}` : 'the state is locked by another process';
}

/** `30s`, `1500ms`. */
export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
