import { randomUUID } from 'node:crypto';
import type { Stats } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { fsyncDir, newStats, unlessMissing, writeFileDurable, type WriteStats } from '../durable.js';
import { parseJournal } from '../journal.js';
import { SnapshotConflict, type StateStorage, type StorageNames, type Versioned } from '../storage.js';
import { FileLockStore, lockInfoPath } from './lock.js';

/** The files of a local state: snapshot, its backup, the journal and the lock info file. */
export interface LocalPaths {
  readonly state: string;
  readonly backup: string;
  readonly journal: string;
  readonly lockInfo: string;
}

/**
 * A local state's files: the Terraform v4 snapshot `PATH` read and replaced through lowdb (with a
 * durable adapter: temp file, fsync, rename, directory fsync), `PATH.backup` holding the previous
 * snapshot (a hard link to it, taken before each replace: no bytes copied), the journal
 * `PATH.journal` (appended and fsync'd; the first append of a process cuts a torn tail a killed
 * writer left), and the lock `.NAME.lock.info` beside them. A snapshot's version is its file's
 * identity (inode, size, mtime).
 */
export class LocalStorage implements StateStorage {
  readonly description: string;
  readonly names: StorageNames;
  readonly paths: LocalPaths;
  readonly localFile: string;
  readonly lock: FileLockStore;
  /** What this storage wrote (fsyncs, bytes, snapshots). */
  readonly stats: WriteStats = newStats();
  readonly #db: Low<Versioned | null>;
  #fh: FileHandle | undefined;
  #size = 0;

  constructor(opts: { readonly path: string; readonly display: string; readonly refreshMs?: number }) {
    const d = opts.display;
    this.paths = { state: opts.path, backup: `${opts.path}.backup`, journal: `${opts.path}.journal`, lockInfo: lockInfoPath(opts.path) };
    this.localFile = opts.path;
    this.description = `local state file "${d}"`;
    this.names = { snapshot: `file "${d}"`, backup: `"${d}.backup"`, restore: `cp "${d}.backup" "${d}"`, journal: `"${d}.journal"`, lockPath: d };
    this.#db = new Low<Versioned | null>(new SnapshotFile(opts.path, this.stats), null);
    this.lock = new FileLockStore(this.paths.lockInfo, opts.refreshMs);
  }

  async getSnapshot(): Promise<Versioned | null> {
    this.#db.data = null;
    await this.#db.read();
    return this.#db.data;
  }

  async snapshotVersion(): Promise<string | null> {
    return versionAt(this.paths.state);
  }

  async putSnapshot(text: string, expected: string | null): Promise<string> {
    const current = await versionAt(this.paths.state);
    if (current !== expected) throw new SnapshotConflict(current === null ? 'the file was removed' : 'the file changed since it was read');
    if (current !== null) await keepAsBackup(this.paths.state, this.paths.backup, this.stats);
    this.#db.data = { text, version: '' };
    await this.#db.write();
    return (await versionAt(this.paths.state))!;
  }

  async readJournal(): Promise<string> {
    return unlessMissing(readFile(this.paths.journal, 'utf8'), '');
  }

  async appendJournal(text: string): Promise<void> {
    const buf = Buffer.from(text, 'utf8');
    const fh = await this.#handle();
    try {
      await fh.writeFile(buf);
      await fh.sync();
    } catch (e) {
      // Never leave a partial line that later lines would follow.
      await fh.truncate(this.#size).catch(() => undefined);
      throw e;
    }
    this.#size += buf.length;
    this.stats.fsyncs++;
    this.stats.bytes += buf.length;
  }

  async replaceJournal(text: string): Promise<void> {
    // The append handle would point at the replaced file.
    await this.close();
    await writeFileDurable(this.paths.journal, text, this.stats);
  }

  /** Opens the journal for appending, first cutting a torn tail left by a killed writer. */
  async #handle(): Promise<FileHandle> {
    if (this.#fh) return this.#fh;
    await mkdir(dirname(this.paths.journal), { recursive: true });
    const text = await this.readJournal().catch(() => undefined);
    const existed = (await versionAt(this.paths.journal)) !== null;
    const fh = await open(this.paths.journal, 'a');
    if (!existed) await fsyncDir(dirname(this.paths.journal), this.stats);
    const size = text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
    const valid = text ? parseJournal(text, this.names.journal).validBytes : 0;
    if (valid < size) {
      await fh.truncate(valid);
      await fh.sync();
      this.stats.fsyncs++;
    }
    this.#fh = fh;
    this.#size = valid;
    return fh;
  }

  /** Closes the journal's append handle (a later append opens it again). */
  async close(): Promise<void> {
    const fh = this.#fh;
    this.#fh = undefined;
    await fh?.close();
  }
}

/** A file's identity as a version (inode, size, mtime), or null when it does not exist. */
async function versionAt(path: string): Promise<string | null> {
  const st = await unlessMissing(stat(path), null);
  return st && identity(st);
}

function identity(st: Stats): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
}

/**
 * lowdb adapter for a snapshot file: `read` gives its text and version (read and stat'd through one
 * descriptor, so they belong together), `write` replaces the file through `writeFileDurable`.
 * Used as `new Low<Versioned | null>(new SnapshotFile(path, stats), null)`.
 */
class SnapshotFile implements Adapter<Versioned | null> {
  readonly #path: string;
  readonly #stats: WriteStats;

  constructor(path: string, stats: WriteStats) {
    this.#path = path;
    this.#stats = stats;
  }

  async read(): Promise<Versioned | null> {
    const fh = await unlessMissing(open(this.#path, 'r'), null);
    if (!fh) return null;
    try {
      const st = await fh.stat();
      const text = await fh.readFile('utf8');
      return { text, version: identity(st) };
    } finally {
      await fh.close();
    }
  }

  async write(snap: Versioned | null): Promise<void> {
    if (!snap) return;
    await writeFileDurable(this.#path, snap.text, this.#stats);
    this.#stats.snapshots++;
  }
}

/**
 * Makes `backup` the current content of `path` before `path` is replaced: a hard link to the
 * current snapshot's inode (the replace makes a new one), renamed over the old backup; a durable copy
 * where hard links are not supported.
 */
async function keepAsBackup(path: string, backup: string, stats: WriteStats): Promise<void> {
  const tmp = `${backup}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await link(path, tmp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
    await writeFileDurable(backup, await readFile(path), stats);
    return;
  }
  try {
    await rename(tmp, backup);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
