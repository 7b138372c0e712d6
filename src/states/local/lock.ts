import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LockInfo } from '../backend.js';
import { unlessMissing } from '../durable.js';
import { parseLockInfo } from '../lockwait.js';
import type { LockHolder, LockStore } from '../storage.js';

/** Terraform's lock info file name for a state file: `.terraform.tfstate.lock.info` beside it. */
export function lockInfoPath(statePath: string): string {
  return join(dirname(statePath), `.${basename(statePath)}.lock.info`);
}

/** Lock files this process holds (path → lock ID), removed at exit if still held. */
const heldAtExit = new Map<string, string>();
let exitHook = false;

/** Removes this process's lock files when it exits without releasing them (uncaught error, process.exit). */
function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const [path, id] of heldAtExit) {
      try {
        if (parseLockInfo(readFileSync(path, 'utf8'))?.ID === id) unlinkSync(path);
      } catch {
        /* gone or unreadable: nothing to do */
      }
    }
  });
}

/**
 * The lock of a local state: the lock info file itself (`.NAME.lock.info`, mode 0600, Terraform's
 * name and fields plus the holder's `PID` and `Host`). It is written complete to a temporary file and
 * hard-linked into place, so taking the lock is atomic and the info is never seen half-written. The
 * holder refreshes the file's mtime (`heartbeat`); its age is the holder's `idleMs`.
 *
 * (proper-lockfile was the other candidate: its lock is a directory, so the info would live in a
 * second file that a reader can see missing or stale, and it cannot tell a dead holder from a slow
 * one before its staleness period.)
 */
export class FileLockStore implements LockStore {
  readonly path: string;
  readonly heartbeatMs: number;

  constructor(infoPath: string, refreshMs = 5_000) {
    this.path = infoPath;
    this.heartbeatMs = refreshMs;
  }

  async tryLock(info: LockInfo): Promise<boolean> {
    if (!(await this.#create(info))) return false;
    heldAtExit.set(this.path, info.ID);
    installExitHook();
    return true;
  }

  async holder(): Promise<LockHolder | undefined> {
    const got = await unlessMissing(Promise.all([readFile(this.path, 'utf8'), stat(this.path)]), undefined);
    return got && { info: parseLockInfo(got[0]), idleMs: Date.now() - got[1].mtimeMs };
  }

  async heartbeat(): Promise<void> {
    const now = new Date();
    await utimes(this.path, now, now);
  }

  async unlock(info: LockInfo): Promise<void> {
    if (heldAtExit.get(this.path) === info.ID) heldAtExit.delete(this.path);
    if (parseLockInfo(await unlessMissing(readFile(this.path, 'utf8'), ''))?.ID === info.ID) await unlessMissing(unlink(this.path), undefined);
  }

  /** Moves the lock aside, then checks that what moved is `holder`'s; if a new holder took it in between, puts theirs back. */
  async breakLock(holder: LockHolder): Promise<boolean> {
    const aside = `${this.path}.broken.${randomBytes(4).toString('hex')}`;
    if (!(await unlessMissing(rename(this.path, aside).then(() => true), false))) return false;
    const moved = parseLockInfo(await readFile(aside, 'utf8').catch(() => ''))?.ID;
    const theirs = holder.info !== undefined && moved !== holder.info.ID;
    if (theirs) await link(aside, this.path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return !theirs;
  }

  /** Creates the lock file holding `info`; false when it exists. */
  async #create(info: LockInfo): Promise<boolean> {
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeNew(tmp, info);
    try {
      await link(tmp, this.path);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // No hard links here: exclusive create, then write (readers judge a half-written file by age).
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV') return writeNew(this.path, info);
      throw e;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }
}

/** Writes `info` to a new file (mode 0600, fsync'd); false when the file exists. */
async function writeNew(path: string, info: LockInfo): Promise<boolean> {
  try {
    await writeFile(path, JSON.stringify(info), { flag: 'wx', mode: 0o600, flush: true });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}
