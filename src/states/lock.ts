import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ForceUnlockError, StateLockedError, type LockInfo, type StateLock } from './backend.js';
import { MINITF_VERSION } from './model.js';

/** Tuning of a file lock; the defaults suit interactive and CI runs. */
export interface FileLockOptions {
  /** A lock file not refreshed for this long is stale and may be broken (default 30 s). */
  readonly staleMs?: number;
  /** How often the holder refreshes the lock file's mtime (default 5 s). */
  readonly refreshMs?: number;
  /** First delay between attempts while waiting; doubles up to 1 s (default 100 ms). */
  readonly retryMs?: number;
}

/** Terraform's lock info file name for a state file: `.terraform.tfstate.lock.info` beside it. */
export function lockInfoPath(statePath: string): string {
  return join(dirname(statePath), `.${basename(statePath)}.lock.info`);
}

const held = new Map<string, string>();
let exitHook = false;

/**
 * One-writer lock for a local state file. The lock is the lock info file itself
 * (`.NAME.lock.info`, mode 0600, Terraform's name and fields plus the holder's `PID` and `Host`): it
 * is written complete to a temporary file and hard-linked into place, so taking the lock is atomic
 * and the info is never seen half-written. The holder refreshes the file's mtime; a lock is broken
 * at once when its holder's process is gone on this host, and otherwise once it has not been
 * refreshed for `staleMs` (a killed process on another host, a stuck machine).
 *
 * (proper-lockfile was the other candidate: its lock is a directory, so the info would live in a
 * second file that a reader can see missing or stale, and it cannot tell a dead holder from a slow
 * one before its staleness period.)
 */
export class FileLock {
  readonly path: string;
  readonly #statePathShown: string;
  readonly #staleMs: number;
  readonly #refreshMs: number;
  readonly #retryMs: number;

  constructor(infoPath: string, statePathShown: string, opts: FileLockOptions = {}) {
    this.path = infoPath;
    this.#statePathShown = statePathShown;
    this.#staleMs = opts.staleMs ?? 30_000;
    this.#refreshMs = opts.refreshMs ?? 5_000;
    this.#retryMs = opts.retryMs ?? 100;
  }

  /**
   * Takes the lock, retrying until `timeoutMs` has passed (0: one attempt, plus breaking a dead or
   * stale lock). Throws StateLockedError with the holder's info when the lock stays taken.
   */
  async acquire(operation: string, opts: { readonly timeoutMs: number; readonly info?: string; readonly onWait?: () => void }): Promise<StateLock> {
    const deadline = Date.now() + Math.max(0, opts.timeoutMs);
    let delay = this.#retryMs;
    let waited = false;
    let breaks = 0;
    for (;;) {
      const info = this.#newInfo(operation, opts.info ?? '');
      if (await this.#tryCreate(info)) return this.#holding(info);
      const current = await this.read();
      if (breaks < 10 && (await this.#breakIfAbandoned(current))) {
        breaks++;
        continue;
      }
      const now = Date.now();
      if (now >= deadline) {
        const why = current?.info
          ? `the state is locked by ${current.info.Who}${current.info.PID ? ` (process ${current.info.PID})` : ''} for ${current.info.Operation || 'an operation'}`
          : 'the state is locked by another process';
        throw new StateLockedError(opts.timeoutMs > 0 ? `${why}; gave up after waiting ${formatMs(opts.timeoutMs)}` : why, current?.info);
      }
      if (!waited) {
        waited = true;
        opts.onWait?.();
      }
      await sleep(Math.min(delay, deadline - now));
      delay = Math.min(delay * 2, 1000);
    }
  }

  /** The current lock file's info and age, or undefined when there is no lock (info undefined if unreadable). */
  async read(): Promise<{ info: LockInfo | undefined; mtimeMs: number } | undefined> {
    try {
      const [text, st] = await Promise.all([readFile(this.path, 'utf8'), stat(this.path)]);
      let info: LockInfo | undefined;
      try {
        const j = JSON.parse(text) as LockInfo;
        if (j && typeof j.ID === 'string') info = j;
      } catch {
        /* being written by a fallback writer, or damaged: judged by age */
      }
      return { info, mtimeMs: st.mtimeMs };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** Removes the lock if its ID is `id` (`force-unlock`); ForceUnlockError when unlocked or another ID. */
  async forceUnlock(id: string): Promise<void> {
    const cur = await this.read();
    if (!cur) throw new ForceUnlockError('not_locked', 'the state is not locked');
    if (cur.info?.ID !== id) {
      throw new ForceUnlockError('id_mismatch', `lock ID "${id}" does not match the existing lock ID${cur.info ? ` "${cur.info.ID}"` : ''}`);
    }
    await unlink(this.path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    held.delete(this.path);
  }

  #newInfo(operation: string, info: string): LockInfo {
    let user = 'unknown';
    try {
      user = userInfo().username;
    } catch {
      /* no passwd entry */
    }
    return {
      ID: randomUUID(),
      Operation: operation,
      Info: info,
      Who: `${user}@${hostname()}`,
      Version: MINITF_VERSION,
      Created: new Date().toISOString(),
      Path: this.#statePathShown,
      PID: process.pid,
      Host: hostname(),
    };
  }

  /** Creates the lock file holding `info`; false when it exists. */
  async #tryCreate(info: LockInfo): Promise<boolean> {
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(JSON.stringify(info));
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await link(tmp, this.path);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV') return this.#createWithoutLink(info);
      throw e;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  /** For file systems without hard links: exclusive create, then write (readers judge a half-written file by age). */
  async #createWithoutLink(info: LockInfo): Promise<boolean> {
    let fh;
    try {
      fh = await open(this.path, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    try {
      await fh.writeFile(JSON.stringify(info));
      await fh.sync();
    } finally {
      await fh.close();
    }
    return true;
  }

  /** Breaks a lock whose holder is gone (dead process on this host) or stale; true when it did. */
  async #breakIfAbandoned(cur: { info: LockInfo | undefined; mtimeMs: number } | undefined): Promise<boolean> {
    if (!cur) return true; // released meanwhile: try again at once
    const dead = cur.info?.Host === hostname() && typeof cur.info.PID === 'number' && !processAlive(cur.info.PID);
    const stale = Date.now() - cur.mtimeMs > this.#staleMs;
    if (!dead && !stale) return false;
    // Move it aside, then check that what moved is the lock judged abandoned; if a new holder took
    // the lock in between, put theirs back.
    const aside = `${this.path}.broken.${randomBytes(4).toString('hex')}`;
    try {
      await rename(this.path, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw e;
    }
    let movedId: string | undefined;
    try {
      movedId = (JSON.parse(await readFile(aside, 'utf8')) as LockInfo).ID;
    } catch {
      movedId = undefined;
    }
    if (cur.info && movedId !== cur.info.ID) await link(aside, this.path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return true;
  }

  #holding(info: LockInfo): StateLock {
    const path = this.path;
    held.set(path, info.ID);
    installExitHook();
    let released = false;
    const timer = setInterval(() => {
      const now = new Date();
      utimes(path, now, now).catch(() => undefined);
    }, this.#refreshMs);
    timer.unref();
    return {
      info,
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        held.delete(path);
        try {
          const cur = JSON.parse(await readFile(path, 'utf8')) as LockInfo;
          if (cur.ID === info.ID) await unlink(path);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && !(e instanceof SyntaxError)) throw e;
        }
      },
    };
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

/** Removes this process's lock files when it exits without releasing them (uncaught error, process.exit). */
function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const [path, id] of held) {
      try {
        if ((JSON.parse(readFileSync(path, 'utf8')) as LockInfo).ID === id) unlinkSync(path);
      } catch {
        /* gone or unreadable: nothing to do */
      }
    }
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
