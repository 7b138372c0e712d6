import { randomUUID } from 'node:crypto';
import { StaleStateError, StateCorruptError, type Backend, type IntentEvent, type JournalEvent } from './backend.js';
import { CommitQueue } from './commit.js';
import { compactLines, eventsAfterSnapshot, journalText, parseJournal, pendingIntents, racedWithWriter, type CheckpointLine, type SerialLineage } from './journal.js';
import { Locker, type LockTuning } from './lockwait.js';
import type { StateFile } from './model.js';
import { replayEvents } from './replay.js';
import { seal, sealEvent, unseal, unsealIntents, type SealKeys } from './seal.js';
import { emptyState, formatState, parseState } from './statefile.js';
import { SnapshotConflict, type StateStorage, type StorageNames } from './storage.js';

/** How to build the policy over a backend's storage. */
export interface StateManagerOptions {
  readonly storage: StateStorage;
  /** The keys that seal and open sensitive values. */
  readonly keys: SealKeys;
  /**
   * Leave sealed values sealed on `read` (and write them back as they are): for commands that never
   * look at values (`state list|rm|mv|pull`), so they work without the key.
   */
  readonly raw?: boolean;
  readonly lock?: LockTuning;
  /** Runs after the storage is closed (an embedded emulator the backend was reached through). */
  readonly onClose?: () => Promise<void>;
}

/** The stored snapshot's version, serial and lineage, as last read or written. */
interface Stored extends SerialLineage {
  readonly version: string;
}

/**
 * The state policy, one implementation for every backend: a StateStorage gives bytes (snapshot with
 * compare-and-swap, journal, lock); this gives them meaning.
 *
 * - `read` replays the journal events after the checkpoint matching the stored snapshot (every event
 *   when none matches: no snapshot yet, or one written by another tool), and reads again when it met a
 *   writer between the two reads.
 * - `write` checks and formats the state synchronously at the call, queues a checkpoint (serial,
 *   lineage, id) behind the events appended before the call, written only once the stored state is
 *   found to be of the same lineage and an older serial (else StaleStateError, nothing written); then,
 *   in call order, replaces the snapshot (the storage keeps the previous one as the backup) if nobody
 *   else replaced it meanwhile, and compacts the journal to [unresolved intents, the backup's
 *   checkpoint, every later line]. A crash between any two steps leaves a state that reads back with
 *   nothing lost or applied twice.
 * - `append` seals and group-commits events (`commit.ts`); locks are `lockwait.ts`'s Locker, which this extends.
 */
export class StateManager extends Locker implements Backend {
  readonly description: string;
  readonly localFile?: string;
  /** The storage underneath (tests, diagnostics). */
  readonly storage: StateStorage;
  readonly #keys: SealKeys;
  readonly #raw: boolean;
  readonly #queue: CommitQueue;
  readonly #onClose: (() => Promise<void>) | undefined;
  #stored: Stored | undefined;
  #requested: SerialLineage | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(opts: StateManagerOptions) {
    super(opts.storage.lock, opts.storage.names.lockPath, opts.lock);
    this.storage = opts.storage;
    this.description = opts.storage.description;
    if (opts.storage.localFile) this.localFile = opts.storage.localFile;
    this.#keys = opts.keys;
    this.#raw = opts.raw ?? false;
    this.#queue = new CommitQueue(opts.storage);
    this.#onClose = opts.onClose;
  }

  async read(): Promise<{ state: StateFile | null; pending: IntentEvent[] }> {
    for (let attempt = 0; ; attempt++) {
      const snap = await this.storage.getSnapshot();
      const lines = parseJournal(await this.storage.readJournal(), this.storage.names.journal).lines;
      const parsed = snap ? this.#parse(snap.text) : null;
      // A writer replaced the snapshot (and compacted the journal) between the two reads: read both again.
      if (parsed && attempt < 3 && racedWithWriter(lines, parsed)) continue;
      if (snap && parsed) this.#stored = { version: snap.version, serial: parsed.serial, lineage: parsed.lineage };
      if (!parsed && !lines.length) return { state: null, pending: [] };
      const state = parsed ?? emptyState();
      replayEvents(state, eventsAfterSnapshot(lines, parsed));
      const pending = pendingIntents(lines);
      return this.#raw ? { state, pending } : { state: unseal(state, this.#keys), pending: unsealIntents(pending, this.#keys) };
    }
  }

  write(state: StateFile): Promise<void> {
    return this.#store(state, false);
  }

  replace(state: StateFile): Promise<void> {
    return this.#store(state, true);
  }

  async append(events: readonly JournalEvent[]): Promise<void> {
    return this.#queue.append(journalText(events.map((e) => sealEvent(e, this.#keys))));
  }

  async close(): Promise<void> {
    await this.#writing;
    await this.#queue.drained();
    try {
      await this.storage.close();
    } finally {
      await this.#onClose?.();
    }
  }

  /** Runs synchronously up to its first await (an async function does), so the checks and the snapshot text are taken at the call. */
  async #store(state: StateFile, replacing: boolean): Promise<void> {
    // At the call: the checks that need no storage, and the snapshot text (later changes to `state`
    // do not leak into it); the checkpoint takes its place behind every event appended before.
    const asked = this.#requested;
    if (!replacing && asked && (asked.lineage !== state.lineage || state.serial <= asked.serial)) {
      throw new StaleStateError(
        `Cannot write the state: a write of serial ${asked.serial} (lineage "${asked.lineage}") was already requested, and this state has serial ${state.serial} (lineage "${state.lineage}"). Each write needs a newer serial of the same lineage.`,
      );
    }
    const text = formatState(seal(state, this.#keys));
    const target: SerialLineage = { serial: state.serial, lineage: state.lineage };
    this.#requested = target;
    const marker: CheckpointLine = { t: 'checkpoint', serial: target.serial, lineage: target.lineage, id: randomUUID() };
    const checked = this.#queue.checkpoint(journalText([marker]), () => (replacing ? this.#refresh().then(() => undefined) : this.#check(target)));
    const done = this.#writing.then(() => this.#finish(text, marker, checked, replacing));
    this.#writing = done.catch(() => {
      // A failed write may be retried with the same serial: judge the next one by the storage again.
      if (this.#requested === target) this.#requested = undefined;
    });
    return done;
  }

  /** Refuses a write over an unreadable snapshot, another lineage, or a serial that is not older. */
  async #check(target: SerialLineage): Promise<void> {
    const stored = await this.#refresh();
    if (!stored) return;
    if (stored.lineage !== target.lineage) {
      throw new StaleStateError(
        `Cannot write the state: the stored state ${this.storage.names.snapshot} has lineage "${stored.lineage}", but the state being written has lineage "${target.lineage}". They are different states; minitf never writes one over the other.`,
      );
    }
    if (target.serial <= stored.serial) {
      throw new StaleStateError(
        `Cannot write the state: the stored state ${this.storage.names.snapshot} has serial ${stored.serial}, and the state being written has serial ${target.serial}, which is not newer. Another operation changed the state meanwhile; run the command again to work from the current state.`,
      );
    }
  }

  /** What is stored now (its serial and lineage read again only when its version changed); undefined when nothing is. */
  async #refresh(): Promise<Stored | undefined> {
    const version = await this.storage.snapshotVersion();
    if (version === null) return undefined;
    if (this.#stored?.version === version) return this.#stored;
    const snap = await this.storage.getSnapshot();
    if (!snap) return undefined;
    const s = this.#parse(snap.text);
    this.#stored = { version: snap.version, serial: s.serial, lineage: s.lineage };
    return this.#stored;
  }

  async #finish(text: string, marker: CheckpointLine, checked: Promise<void>, replacing: boolean): Promise<void> {
    await checked;
    const previous = this.#stored;
    let version: string;
    try {
      version = await this.storage.putSnapshot(text, previous?.version ?? null);
    } catch (e) {
      if (!(e instanceof SnapshotConflict)) throw e;
      throw new StaleStateError(`Cannot write the state: ${this.storage.names.snapshot} was replaced by another operation meanwhile (${e.message}). Run the command again to work from the current state.`);
    }
    this.#stored = { version, serial: marker.serial, lineage: marker.lineage };
    await this.#queue.exclusive(async () => {
      const lines = parseJournal(await this.storage.readJournal(), this.storage.names.journal).lines;
      const kept = compactLines(lines, marker.id, previous, replacing);
      if (kept) await this.storage.replaceJournal(journalText(kept));
    });
  }

  /** Parses a stored snapshot; StateCorruptError (saying how to restore the backup) when it is damaged. */
  #parse(text: string): StateFile {
    try {
      return parseState(text, this.storage.names.snapshot);
    } catch (e) {
      if (!(e instanceof StateCorruptError)) throw e;
      throw corruptSnapshot(this.storage.names, e);
    }
  }
}

/** The StateCorruptError of a damaged snapshot: what is wrong, that nothing was overwritten, how to restore the backup. */
export function corruptSnapshot(names: StorageNames, e: StateCorruptError): StateCorruptError {
  return new StateCorruptError(
    `The state ${names.snapshot} cannot be read: ${e.reason}. minitf has not changed it and will not write over it while it is unreadable.\n\nThe previous snapshot is kept in ${names.backup}. To restore it, check that it is the state you expect, then copy it over the damaged one:\n  ${names.restore}\nEvents recorded since that snapshot (in ${names.journal}) are replayed on top of it by the next command.`,
    names.snapshot,
    e.reason,
  );
}
