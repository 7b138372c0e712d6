import { randomUUID } from 'node:crypto';
import { ForceUnlockError, StaleStateError, StateCorruptError, StateLockedError, type Backend, type IntentEvent, type JournalEvent, type LockInfo, type StateLock } from '../backend.js';
import { eventsAfterSnapshot, parseJournal, pendingIntents, type CheckpointLine, type JournalLine } from '../journal.js';
import type { StateFile } from '../model.js';
import { replayEvents } from '../replay.js';
import { seal, sealEvent, unseal, unsealIntents, type SealKeys } from '../seal.js';
import { emptyState, formatState, parseState } from '../statefile.js';
import { PgBackendError } from './errors.js';
import { ensureStateRow, lockHolder, newLockInfo, stateRowId, tryLock, unlock } from './lock.js';
import { PgSession, type Sql } from './session.js';

/** How to build a pg backend for one workspace. */
export interface PgBackendOptions {
  readonly connStr: string;
  readonly schema: string;
  readonly workspace: string;
  /** The keys that seal and open sensitive values (`TeamKeys`: MINITF_STATE_KEY). */
  readonly keys: SealKeys;
  /** Leave sealed values sealed on `read` and write them back as they are (see LocalBackendOptions.raw). */
  readonly raw?: boolean;
  /** First delay between lock attempts while waiting; doubles up to 1 s (default 100 ms). */
  readonly retryMs?: number;
}

interface Batch {
  readonly lines: JournalLine[];
  readonly waiters: { resolve(): void; reject(e: unknown): void }[];
}

interface Stored {
  readonly xmin: string;
  readonly serial: number;
  readonly lineage: string;
}

/**
 * A workspace's state in PostgreSQL. The snapshot is the `data` of its row in `states` (Terraform's
 * table and text format, sensitive values sealed); `minitf_backups` keeps the previous snapshot;
 * `minitf_journal` holds the journal, one row per group-committed batch of JSON lines, the same lines
 * (events and checkpoints) as the local journal file, so replay and compaction are the local backend's.
 *
 * Everything runs on one session, opened on first use: the advisory lock (keyed by the row's id, as
 * Terraform's pg backend does) belongs to it, so a killed process's lock goes with its connection,
 * and a session ended by `force-unlock` can write nothing more. `append` resolves once its batch is
 * committed. `write` runs as one transaction in call order after the appends requested before it:
 * it checks the stored lineage and serial under a row lock (a stale write is refused, never merged),
 * keeps the previous snapshot, stores the new one, appends its checkpoint and compacts the journal.
 */
export class PgBackend implements Backend {
  readonly description: string;
  readonly workspace: string;
  readonly #session: PgSession;
  readonly #schemaName: string;
  readonly #keys: SealKeys;
  readonly #raw: boolean;
  readonly #retryMs: number;
  readonly #path: string;
  #stateId: string | undefined;
  #stored: Stored | undefined;
  #requested: { readonly serial: number; readonly lineage: string } | undefined;
  #batch: Batch | undefined;
  #held: StateLock | undefined;

  constructor(opts: PgBackendOptions) {
    this.workspace = opts.workspace;
    this.#schemaName = opts.schema;
    this.#session = new PgSession({ connStr: opts.connStr, schema: opts.schema });
    this.#keys = opts.keys;
    this.#raw = opts.raw ?? false;
    this.#retryMs = opts.retryMs ?? 100;
    this.#path = `pg:${opts.schema}/${opts.workspace}`;
    this.description = `PostgreSQL state of workspace "${opts.workspace}" (schema "${opts.schema}")`;
  }

  /** This backend's session, for tests and diagnostics (its target, whether it was lost). */
  get session(): PgSession {
    return this.#session;
  }

  async lock(operation: string, opts: { readonly timeoutMs: number; readonly info?: string; readonly onWait?: () => void }): Promise<StateLock> {
    if (this.#held) throw new StateLockedError(`the state is already locked by this process for ${this.#held.info.Operation}`, this.#held.info);
    const s = this.#session.schema;
    const id = await this.#session.run((sql) => this.#rowId(sql, true));
    const deadline = Date.now() + Math.max(0, opts.timeoutMs);
    let delay = this.#retryMs;
    let waited = false;
    for (let spins = 0; ; spins++) {
      const info = newLockInfo(operation, opts.info ?? '', this.#path);
      const holder = await this.#session.run(async (sql) => ((await tryLock(sql, s, id!, info)) ? undefined : ((await lockHolder(sql, s, id!, this.#path)) ?? null)));
      if (holder === undefined) return this.#holding(id!, info);
      // null: released between the attempt and the look (try again at once, a few times).
      if (holder === null && spins < 10) continue;
      const now = Date.now();
      if (now >= deadline) {
        const who = holder?.info;
        const why = who
          ? holder.minitf
            ? `the state is locked by ${who.Who}${who.PID ? ` (process ${who.PID})` : ''} for ${who.Operation || 'an operation'}`
            : `the state is locked by PostgreSQL session ${holder.pid} (${who.Who}), which stored no lock info`
          : 'the state is locked by another session';
        throw new StateLockedError(opts.timeoutMs > 0 ? `${why}; gave up after waiting ${formatMs(opts.timeoutMs)}` : why, who);
      }
      if (!waited) {
        waited = true;
        opts.onWait?.();
      }
      await sleep(Math.min(delay, deadline - now));
      delay = Math.min(delay * 2, 1000);
    }
  }

  async forceUnlock(id: string): Promise<void> {
    const s = this.#session.schema;
    const found = await this.#session.run(async (sql) => {
      const rowId = await this.#rowId(sql, false);
      return rowId === undefined ? undefined : { rowId, holder: await lockHolder(sql, s, rowId, this.#path), me: await ownPid(sql) };
    });
    if (!found?.holder) throw new ForceUnlockError('not_locked', 'the state is not locked');
    const { rowId, holder, me } = found;
    if (holder.info.ID !== id) throw new ForceUnlockError('id_mismatch', `lock ID "${id}" does not match the existing lock ID "${holder.info.ID}"`);
    if (holder.pid === me) {
      await this.#held?.release();
      return;
    }
    await this.#session.run(async (sql) => {
      const [r] = await sql<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [holder.pid]);
      if (!r?.ok) throw new ForceUnlockError('not_locked', `the session holding the lock (PostgreSQL process ${holder.pid}) ended meanwhile`);
      // The server releases the lock once the holder's process has exited.
      for (let i = 0; i < 100 && (await lockHolder(sql, s, rowId, this.#path))?.pid === holder.pid; i++) await sleep(100);
      await sql(`DELETE FROM ${s}.minitf_locks WHERE state_id = $1 AND pid = $2`, [rowId, holder.pid]);
    });
  }

  async lockInfo(): Promise<LockInfo | undefined> {
    return this.#session.run(async (sql) => {
      const rowId = await this.#rowId(sql, false);
      return rowId === undefined ? undefined : (await lockHolder(sql, this.#session.schema, rowId, this.#path))?.info;
    });
  }

  async read(): Promise<{ state: StateFile | null; pending: IntentEvent[] }> {
    const s = this.#session.schema;
    const got = await this.#session.tx(async (sql) => {
      const [row] = await sql<{ id: string; xmin: string; data: string | null }>(`SELECT id::text AS id, xmin::text AS xmin, data FROM ${s}.states WHERE name = $1`, [this.workspace]);
      if (!row) return undefined;
      this.#stateId = row.id;
      return { row, lines: await this.#journalLines(sql, row.id) };
    }, 'ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (!got || (!got.row.data && !got.lines.length)) return { state: null, pending: [] };
    const snap = got.row.data ? this.#parseStored(got.row.data) : null;
    if (snap) this.#stored = { xmin: got.row.xmin, serial: snap.serial, lineage: snap.lineage };
    const state = snap ?? emptyState();
    replayEvents(state, eventsAfterSnapshot(got.lines, snap));
    const pending = pendingIntents(got.lines);
    return this.#raw ? { state, pending } : { state: unseal(state, this.#keys), pending: unsealIntents(pending, this.#keys) };
  }

  write(state: StateFile): Promise<void> {
    try {
      // At the call: the checks that need no database, and the snapshot text (later changes to
      // `state` do not leak into it). Appends requested from now on go after this write.
      const asked = this.#requested;
      if (asked && (asked.lineage !== state.lineage || state.serial <= asked.serial)) {
        throw new StaleStateError(
          `Cannot write the state: a write of serial ${asked.serial} (lineage "${asked.lineage}") was already requested, and this state has serial ${state.serial} (lineage "${state.lineage}"). Each write needs a newer serial of the same lineage.`,
        );
      }
      const text = formatState(seal(state, this.#keys));
      const target = { serial: state.serial, lineage: state.lineage };
      this.#requested = target;
      this.#batch = undefined;
      const done = this.#session.tx((sql) => this.#store(sql, text, target));
      done.catch(() => {
        // A failed write may be retried with the same serial: judge the next one by the database again.
        if (this.#requested === target) this.#requested = undefined;
      });
      return done;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Stores `state` whatever lineage and serial are stored (`state push -force`, or a push over an
   * empty state): the previous snapshot goes to `minitf_backups`, and the journal, whose events
   * belong to the replaced state, is cleared down to the new snapshot's checkpoint. Runs in call order
   * after the appends and writes requested before it.
   */
  replace(state: StateFile): Promise<void> {
    try {
      const text = formatState(seal(state, this.#keys));
      const target = { serial: state.serial, lineage: state.lineage };
      this.#requested = target;
      this.#batch = undefined;
      const s = this.#session.schema;
      return this.#session.tx(async (sql) => {
        const id = await this.#rowId(sql, true);
        await sql(`SELECT id FROM ${s}.states WHERE id = $1 FOR UPDATE`, [id]);
        await sql(`INSERT INTO ${s}.minitf_backups (state_id, data) SELECT id, data FROM ${s}.states WHERE id = $1 AND data IS NOT NULL AND data <> '' ON CONFLICT (state_id) DO UPDATE SET data = EXCLUDED.data`, [id]);
        const [updated] = await sql<{ xmin: string }>(`UPDATE ${s}.states SET data = $2 WHERE id = $1 RETURNING xmin::text AS xmin`, [id, text]);
        await sql(`DELETE FROM ${s}.minitf_journal WHERE state_id = $1`, [id]);
        await sql(`INSERT INTO ${s}.minitf_journal (state_id, body) VALUES ($1, $2)`, [id, body([{ t: 'checkpoint', serial: target.serial, lineage: target.lineage, id: randomUUID() }])]);
        this.#stored = { xmin: updated!.xmin, ...target };
      });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  append(events: readonly JournalEvent[]): Promise<void> {
    let lines: JournalLine[];
    try {
      lines = events.map((e) => sealEvent(e, this.#keys));
    } catch (e) {
      return Promise.reject(e);
    }
    let batch = this.#batch;
    if (!batch) {
      const b: Batch = { lines: [], waiters: [] };
      batch = this.#batch = b;
      this.#session.run((sql) => this.#flush(sql, b)).then(
        () => b.waiters.forEach((w) => w.resolve()),
        (e: unknown) => {
          if (this.#batch === b) this.#batch = undefined;
          b.waiters.forEach((w) => w.reject(e));
        },
      );
    }
    const into = batch;
    return new Promise<void>((resolve, reject) => {
      into.lines.push(...lines);
      into.waiters.push({ resolve, reject });
    });
  }

  async close(): Promise<void> {
    await this.#session.close();
  }

  async #flush(sql: Sql, b: Batch): Promise<void> {
    if (this.#batch === b) this.#batch = undefined;
    if (!b.lines.length) return;
    const id = await this.#rowId(sql, true);
    await sql(`INSERT INTO ${this.#session.schema}.minitf_journal (state_id, body) VALUES ($1, $2)`, [id, body(b.lines)]);
  }

  /** The write transaction: check the stored state, keep it as the backup, store `text`, checkpoint, compact. */
  async #store(sql: Sql, text: string, target: { readonly serial: number; readonly lineage: string }): Promise<void> {
    const s = this.#session.schema;
    const id = await this.#rowId(sql, true);
    const cached = this.#stored;
    const [row] = await sql<{ xmin: string; data: string | null; empty: boolean }>(
      `SELECT xmin::text AS xmin, CASE WHEN xmin::text = $2 THEN NULL ELSE data END AS data, data IS NULL OR data = '' AS empty FROM ${s}.states WHERE id = $1 FOR UPDATE`,
      [id, cached?.xmin ?? ''],
    );
    if (!row) throw new Error(`The states row ${id} vanished inside a transaction that locked it. This is a bug in minitf.`);
    let previous: { serial: number; lineage: string } | undefined;
    if (!row.empty) {
      previous = row.data === null ? cached! : this.#parseStored(row.data);
      if (previous.lineage !== target.lineage) {
        throw new StaleStateError(
          `Cannot write the state: the stored state (${this.description}) has lineage "${previous.lineage}", but the state being written has lineage "${target.lineage}". They are different states; minitf never writes one over the other.`,
        );
      }
      if (target.serial <= previous.serial) {
        throw new StaleStateError(
          `Cannot write the state: the stored state (${this.description}) has serial ${previous.serial}, and the state being written has serial ${target.serial}, which is not newer. Another operation changed the state meanwhile; run the command again to work from the current state.`,
        );
      }
      await sql(`INSERT INTO ${s}.minitf_backups (state_id, data) SELECT id, data FROM ${s}.states WHERE id = $1 ON CONFLICT (state_id) DO UPDATE SET data = EXCLUDED.data`, [id]);
    }
    const [updated] = await sql<{ xmin: string }>(`UPDATE ${s}.states SET data = $2 WHERE id = $1 RETURNING xmin::text AS xmin`, [id, text]);
    await this.#checkpointAndCompact(sql, id, { t: 'checkpoint', serial: target.serial, lineage: target.lineage, id: randomUUID() }, previous);
    this.#stored = { xmin: updated!.xmin, serial: target.serial, lineage: target.lineage };
  }

  /**
   * Appends the checkpoint of the snapshot just stored and compacts the journal as the local backend
   * does: [intents still unresolved before the previous snapshot's checkpoint, that checkpoint, every
   * later line] — so restoring `minitf_backups` replays everything after it, and pending intents
   * survive every write.
   */
  async #checkpointAndCompact(sql: Sql, id: string, marker: CheckpointLine, previous: { serial: number; lineage: string } | undefined): Promise<void> {
    const s = this.#session.schema;
    const rows = await sql<{ id: string; body: string }>(`SELECT id::text AS id, body FROM ${s}.minitf_journal WHERE state_id = $1 ORDER BY id`, [id]);
    const lines = rows.flatMap((r) => parseJournal(r.body, this.#journalDisplay).lines);
    let from = lines.length;
    if (previous) {
      for (let i = lines.length - 1; i >= 0; i--) {
        const l = lines[i]!;
        if (l.t === 'checkpoint' && l.serial === previous.serial && l.lineage === previous.lineage) {
          from = i;
          break;
        }
      }
    }
    if (from === 0 || !rows.length) {
      await sql(`INSERT INTO ${s}.minitf_journal (state_id, body) VALUES ($1, $2)`, [id, body([marker])]);
      return;
    }
    const kept = [...pendingIntents(lines.slice(0, from)), ...lines.slice(from), marker];
    await sql(`DELETE FROM ${s}.minitf_journal WHERE state_id = $1 AND id <= $2::bigint`, [id, rows[rows.length - 1]!.id]);
    await sql(`INSERT INTO ${s}.minitf_journal (state_id, body) VALUES ($1, $2)`, [id, body(kept)]);
  }

  async #journalLines(sql: Sql, id: string): Promise<JournalLine[]> {
    const rows = await sql<{ body: string }>(`SELECT body FROM ${this.#session.schema}.minitf_journal WHERE state_id = $1 ORDER BY id`, [id]);
    return rows.flatMap((r) => parseJournal(r.body, this.#journalDisplay).lines);
  }

  /** The state row's id (cached), making the row when `create` and it is missing. */
  async #rowId(sql: Sql, create: true): Promise<string>;
  async #rowId(sql: Sql, create: false): Promise<string | undefined>;
  async #rowId(sql: Sql, create: boolean): Promise<string | undefined> {
    if (this.#stateId) return this.#stateId;
    const s = this.#session.schema;
    const id = create ? await ensureStateRow(sql, s, this.workspace) : await stateRowId(sql, s, this.workspace);
    this.#stateId = id;
    return id;
  }

  #holding(stateId: string, info: LockInfo): StateLock {
    let released = false;
    const lock: StateLock = {
      info,
      release: async () => {
        if (released) return;
        released = true;
        if (this.#held === lock) this.#held = undefined;
        if (this.#session.lost) return;
        try {
          await this.#session.run((sql) => unlock(sql, this.#session.schema, stateId));
        } catch (e) {
          // A lost session has released its locks already.
          if (!(e instanceof PgBackendError && e.failure === 'lost')) throw e;
        }
      },
    };
    this.#held = lock;
    return lock;
  }

  get #journalDisplay(): string {
    return `journal of workspace "${this.workspace}" (table ${this.#schemaName}.minitf_journal)`;
  }

  /** Parses a stored snapshot; StateCorruptError (saying how to restore the backup) when it is damaged. */
  #parseStored(text: string): StateFile {
    const where = `workspace "${this.workspace}" in table ${this.#schemaName}.states`;
    try {
      return parseState(text, where);
    } catch (e) {
      if (!(e instanceof StateCorruptError)) throw e;
      const why = /cannot be read: ([\s\S]*?)\. minitf has not changed it/.exec(e.message)?.[1] ?? e.message;
      const q = (t: string) => `${this.#session.schema}.${t}`;
      throw new StateCorruptError(
        `The state of ${where} cannot be read: ${why}. minitf has not changed it and will not write over it while it is unreadable.\n\nThe previous snapshot is kept in table ${this.#schemaName}.minitf_backups. To restore it, check that it is the state you expect, then copy it over the damaged one:\n  UPDATE ${q('states')} s SET data = b.data FROM ${q('minitf_backups')} b WHERE b.state_id = s.id AND s.name = '${this.workspace.replace(/'/g, "''")}';\nEvents recorded since that snapshot (in ${this.#schemaName}.minitf_journal) are replayed on top of it by the next command.`,
        where,
        `${this.#schemaName}.minitf_backups`,
      );
    }
  }
}

function body(lines: readonly JournalLine[]): string {
  return lines.map((l) => JSON.stringify(l) + '\n').join('');
}

async function ownPid(sql: Sql): Promise<number> {
  const [r] = await sql<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return r!.pid;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
