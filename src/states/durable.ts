import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import type { StateFile } from './model.js';
import { formatState, parseState } from './statefile.js';

/** Counters of what a backend wrote: for tests (group commit) and benchmarks (bytes per apply). */
export interface WriteStats {
  /** fsync calls on files and directories. */
  fsyncs: number;
  /** Bytes written to snapshot, backup copies and journal (lock files not counted). */
  bytes: number;
  /** Snapshot replacements. */
  snapshots: number;
}

/** New zeroed counters. */
export function newStats(): WriteStats {
  return { fsyncs: 0, bytes: 0, snapshots: 0 };
}

/**
 * Replaces `path` with `data` atomically and durably: writes a unique temporary file in the same
 * directory, fsyncs it, renames it over `path`, then fsyncs the directory so the rename itself
 * survives a power loss. Readers see the old or the new content, never a mix. On failure the
 * temporary file is removed and `path` is untouched. (steno, lowdb's writer, does the temp + rename
 * but neither fsync.)
 */
export async function writeFileDurable(path: string, data: string | Buffer, stats: WriteStats, mode = 0o644): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fh = await open(tmp, 'wx', mode);
  try {
    try {
      await fh.writeFile(buf);
      await fh.sync();
      stats.fsyncs++;
      stats.bytes += buf.length;
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fsyncDir(dir, stats);
}

/** Fsyncs a directory (makes creations, renames and removals in it durable). Ignored where unsupported. */
export async function fsyncDir(dir: string, stats: WriteStats): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
    stats.fsyncs++;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw e;
  } finally {
    await fh?.close();
  }
}

/** A state snapshot as stored: the parsed file and its exact text. */
export interface Snapshot {
  readonly state: StateFile;
  readonly text: string;
}

/** Builds the snapshot of a state (formatted as Terraform writes it). */
export function snapshotOf(state: StateFile): Snapshot {
  return { state, text: formatState(state) };
}

/**
 * lowdb adapter for a Terraform v4 state file. `read` parses (StateCorruptError for damaged files,
 * naming the backup); `write` replaces the file with the snapshot's text through `writeFileDurable`.
 * Values are stored as given (the backend seals before writing). Used as
 * `new Low<Snapshot | null>(new SnapshotFile(path, …), null)`.
 */
export class SnapshotFile implements Adapter<Snapshot | null> {
  readonly path: string;
  readonly #display: string;
  readonly #backupDisplay: string | undefined;
  readonly #stats: WriteStats;

  constructor(path: string, opts: { readonly display: string; readonly backupDisplay?: string; readonly stats: WriteStats }) {
    this.path = path;
    this.#display = opts.display;
    this.#backupDisplay = opts.backupDisplay;
    this.#stats = opts.stats;
  }

  async read(): Promise<Snapshot | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return { state: parseState(text, this.#display, this.#backupDisplay), text };
  }

  async write(snap: Snapshot | null): Promise<void> {
    if (!snap) return;
    await writeFileDurable(this.path, snap.text, this.#stats);
    this.#stats.snapshots++;
  }
}
