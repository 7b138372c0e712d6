import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { link, readFile, rename, unlink } from 'node:fs/promises';
import { Low } from 'lowdb';
import { StaleStateError, type Backend, type IntentEvent, type JournalEvent, type LockInfo, type StateLock } from './backend.js';
import { newStats, snapshotOf, SnapshotFile, writeFileDurable, type Snapshot, type WriteStats } from './durable.js';
import { eventsAfterSnapshot, Journal, pendingIntents, type CheckpointLine, type JournalLine } from './journal.js';
import { FileLock, lockInfoPath, type FileLockOptions } from './lock.js';
import type { StateFile } from './model.js';
import { replayEvents } from './replay.js';
import { seal, sealEvent, unseal, unsealIntents, type SealKeys } from './seal.js';
import { emptyState, parseState } from './statefile.js';

/** How to build a local backend. */
export interface LocalBackendOptions {
  /** Absolute path of the state file. */
  readonly path: string;
  /** The path as shown to the user (relative to the working directory when inside it). */
  readonly display: string;
  /** The keys that seal and open sensitive values. */
  readonly keys: SealKeys;
  /**
   * Leave sealed values sealed on `read` (and write them back as they are): for commands that never
   * look at values (`state list|rm|mv`), so they work without the key.
   */
  readonly raw?: boolean;
  readonly lock?: FileLockOptions;
}

/** The files of a local state: snapshot, its backup, the journal and the lock info file. */
export interface LocalPaths {
  readonly state: string;
  readonly backup: string;
  readonly journal: string;
  readonly lockInfo: string;
}

interface Stored {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly serial: number;
  readonly lineage: string;
}

/**
 * The local backend: a Terraform v4 snapshot file read and replaced through lowdb (with a durable
 * adapter: temp file, fsync, rename, directory fsync), `PATH.backup` holding the previous snapshot
 * (a hard link to it, taken before each replace: no bytes copied), the journal `PATH.journal`, and
 * the lock `.NAME.lock.info` beside it. Sensitive values are sealed in both the snapshot and the
 * journal; callers only see clear values.
 *
 * Journal and snapshot: `write` appends a checkpoint line (serial, lineage, id) in call order with the
 * events, keeps the previous snapshot as the backup, replaces the snapshot, then compacts the journal
 * down to [intents still unresolved, the backup's checkpoint, everything after it]. `read` replays the
 * events after the checkpoint matching the snapshot it finds (all events when none matches). So a
 * crash between the steps replays nothing twice, a restored backup gets every later event replayed
 * on top of it, and an unresolved intent survives any number of snapshot writes until an event
 * resolves it.
 */
export class LocalBackend implements Backend {
  readonly description: string;
  readonly paths: LocalPaths;
  /** What this backend wrote (fsyncs, bytes, snapshots). */
  readonly stats: WriteStats = newStats();
  readonly #display: string;
  readonly #keys: SealKeys;
  readonly #raw: boolean;
  readonly #db: Low<Snapshot | null>;
  readonly #journal: Journal;
  readonly #lock: FileLock;
  #stored: Stored | undefined;
  /** The last write requested, and the chain that runs writes one after the other. */
  #requested: { readonly serial: number; readonly lineage: string } | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(opts: LocalBackendOptions) {
    this.#display = opts.display;
    this.description = `local state file "${opts.display}"`;
    this.paths = { state: opts.path, backup: `${opts.path}.backup`, journal: `${opts.path}.journal`, lockInfo: lockInfoPath(opts.path) };
    this.#keys = opts.keys;
    this.#raw = opts.raw ?? false;
    this.#db = new Low<Snapshot | null>(new SnapshotFile(opts.path, { display: opts.display, backupDisplay: `${opts.display}.backup`, stats: this.stats }), null);
    this.#journal = new Journal(this.paths.journal, { display: `${opts.display}.journal`, stats: this.stats });
    this.#lock = new FileLock(this.paths.lockInfo, opts.display, opts.lock);
  }

  lock(operation: string, opts: { readonly timeoutMs: number; readonly info?: string; readonly onWait?: () => void }): Promise<StateLock> {
    return this.#lock.acquire(operation, opts);
  }

  forceUnlock(id: string): Promise<void> {
    return this.#lock.forceUnlock(id);
  }

  async lockInfo(): Promise<LockInfo | undefined> {
    return (await this.#lock.read())?.info;
  }

  async read(): Promise<{ state: StateFile | null; pending: IntentEvent[] }> {
    for (let attempt = 0; ; attempt++) {
      this.#db.data = null;
      await this.#db.read();
      const snap = this.#db.data as Snapshot | null;
      const lines = await this.#journal.read();
      // A writer (not holding the lock we may not hold either) replaced the snapshot again between
      // our two reads: read both again.
      if (snap && attempt < 3 && racedWithWriter(lines, snap.state)) continue;
      if (!snap && !lines.length) return { state: null, pending: [] };
      const state = snap ? snap.state : emptyState();
      replayEvents(state, eventsAfterSnapshot(lines, snap ? snap.state : null));
      const pending = pendingIntents(lines);
      return this.#raw ? { state, pending } : { state: unseal(state, this.#keys), pending: unsealIntents(pending, this.#keys) };
    }
  }

  write(state: StateFile): Promise<void> {
    try {
      // Everything up to the checkpoint append happens now, at the call: the stored state is checked,
      // the snapshot text is made (so later changes to `state` do not leak into it), and the
      // checkpoint takes its place after every event appended before this call.
      const previous = this.#checkStored(state);
      const snap = snapshotOf(seal(state, this.#keys));
      const marker: CheckpointLine = { t: 'checkpoint', serial: state.serial, lineage: state.lineage, id: randomUUID() };
      const marked = this.#journal.append([marker]);
      this.#requested = { serial: state.serial, lineage: state.lineage };
      // Writes overlap only in their synchronous part; the files are replaced in call order.
      const done = this.#writing.then(() => this.#finishWrite(snap, marker, marked, previous));
      this.#writing = done.catch(() => {
        // A failed write may be retried with the same serial: judge the next one by the file again.
        if (this.#requested?.serial === state.serial) this.#requested = undefined;
      });
      return done;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  append(events: readonly JournalEvent[]): Promise<void> {
    try {
      return this.#journal.append(events.map((e) => sealEvent(e, this.#keys)));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  close(): Promise<void> {
    return this.#journal.close();
  }

  async #finishWrite(snap: Snapshot, marker: CheckpointLine, marked: Promise<void>, previous: Stored | undefined): Promise<void> {
    await marked;
    if (previous) await keepAsBackup(this.paths.state, this.paths.backup, this.stats);
    this.#db.data = snap;
    await this.#db.write();
    const st = statSync(this.paths.state);
    this.#stored = { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, serial: snap.state.serial, lineage: snap.state.lineage };
    await this.#journal.compact(marker.id, previous);
  }

  /**
   * Refuses writes over an unreadable file, another lineage, or a serial that is not newer
   * (synchronous); returns what is stored, if anything.
   */
  #checkStored(state: StateFile): Stored | undefined {
    const asked = this.#requested;
    if (asked && (asked.lineage !== state.lineage || state.serial <= asked.serial)) {
      throw new StaleStateError(
        `Cannot write the state: a write of serial ${asked.serial} (lineage "${asked.lineage}") was already requested, and this state has serial ${state.serial} (lineage "${state.lineage}"). Each write needs a newer serial of the same lineage.`,
      );
    }
    let st;
    try {
      st = statSync(this.paths.state);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    let stored = this.#stored;
    if (!stored || stored.ino !== st.ino || stored.size !== st.size || stored.mtimeMs !== st.mtimeMs) {
      const s = parseState(readFileSync(this.paths.state, 'utf8'), this.#display, `${this.#display}.backup`);
      stored = { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, serial: s.serial, lineage: s.lineage };
      this.#stored = stored;
    }
    if (stored.lineage !== state.lineage) {
      throw new StaleStateError(
        `Cannot write the state: the stored state "${this.#display}" has lineage "${stored.lineage}", but the state being written has lineage "${state.lineage}". They are different states; minitf never writes one over the other.`,
      );
    }
    if (state.serial <= stored.serial) {
      throw new StaleStateError(
        `Cannot write the state: the stored state "${this.#display}" has serial ${stored.serial}, and the state being written has serial ${state.serial}, which is not newer. Another operation changed the state meanwhile; run the command again to work from the current state.`,
      );
    }
    return stored;
  }
}

/** True when the journal has checkpoints of this lineage but none for this snapshot and a newer one. */
function racedWithWriter(lines: readonly JournalLine[], s: StateFile): boolean {
  let newer = false;
  for (const l of lines) {
    if (l.t !== 'checkpoint' || l.lineage !== s.lineage) continue;
    if (l.serial === s.serial) return false;
    if (l.serial > s.serial) newer = true;
  }
  return newer;
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
