import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
  try {
    await writeFile(tmp, buf, { flag: 'wx', mode, flush: true });
    stats.fsyncs++;
    stats.bytes += buf.length;
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fsyncDir(dir, stats);
}

/** What `p` resolves to, or `absent` when it fails because the file (or a folder on its path) does not exist. */
export async function unlessMissing<T, A>(p: Promise<T>, absent: A): Promise<T | A> {
  try {
    return await p;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return absent;
    throw e;
  }
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
