import { setTimeout as sleep } from 'node:timers/promises';
import type { LockInfo } from '../backend.js';
import { parseLockInfo } from '../lockwait.js';
import type { LockHolder, LockStore } from '../storage.js';
import { PgBackendError } from './errors.js';
import type { PgSession, Sql } from './session.js';

/**
 * Who holds a state's advisory lock: the PostgreSQL session (its server process id) and the lock info
 * minitf stored when it took the lock; for another client (Terraform), `info` is made from the
 * session and `foreign` says so.
 */
export interface PgLockHolder extends LockHolder {
  /** The holder session's server process id (`pg_backend_pid()`). */
  readonly pid: number;
  readonly info: LockInfo;
  readonly sessionBound: true;
}

/** The lock ID `force-unlock` accepts for a lock held by a session that left no lock info. */
export function foreignLockId(pid: number): string {
  return `pg-backend-${pid}`;
}

interface HolderRow {
  readonly pid: number;
  readonly info: string | null;
  readonly app: string | null;
  readonly usename: string | null;
  readonly addr: string | null;
  readonly since: Date | null;
}

/**
 * The session holding the advisory lock of `stateId` (from `pg_locks`, so a lock whose holder died
 * is never reported: the server released it with the session), with the lock info it stored, or
 * undefined when the lock is free. Lock info left by a dead holder is ignored: only the info written
 * by the current holder's session counts.
 */
export async function lockHolder(sql: Sql, schema: string, stateId: string, path: string): Promise<PgLockHolder | undefined> {
  const [row] = await sql<HolderRow>(
    `SELECT l.pid, m.info, a.application_name AS app, a.usename::text AS usename, a.client_addr::text AS addr, a.backend_start AS since
       FROM pg_locks l
       LEFT JOIN ${schema}.minitf_locks m ON m.state_id = $1::bigint AND m.pid = l.pid
       LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid::bigint = ($1::bigint >> 32) AND l.objid::bigint = ($1::bigint & 4294967295)
      LIMIT 1`,
    [stateId],
  );
  if (!row) return undefined;
  const stored = row.info ? parseLockInfo(row.info) : undefined;
  if (stored) return { pid: row.pid, info: stored, sessionBound: true };
  const info: LockInfo = {
    ID: foreignLockId(row.pid),
    Operation: 'unknown (the holder stored no lock info; it is not minitf, e.g. Terraform)',
    Info: `PostgreSQL session ${row.pid}${row.app ? ` of application "${row.app}"` : ''}`,
    Who: `${row.usename ?? 'unknown'}@${row.addr ?? 'local socket'}`,
    Version: '',
    Created: row.since ? row.since.toISOString() : '',
    Path: path,
  };
  return { pid: row.pid, info, sessionBound: true, foreign: `PostgreSQL session ${row.pid} (${info.Who}), which stored no lock info` };
}

/**
 * A workspace's lock in PostgreSQL: a session-level advisory lock keyed by the `states` row id (as
 * Terraform's pg backend takes it, so the two exclude each other), on the storage's one session, with
 * minitf's lock info in `minitf_locks`. It ends with its session, so it is never left behind;
 * breaking it (force-unlock) ends the holder's session with `pg_terminate_backend`.
 */
export class PgLockStore implements LockStore {
  readonly #session: PgSession;
  readonly #rowId: (sql: Sql, create: boolean) => Promise<string | undefined>;
  readonly #path: string;

  constructor(session: PgSession, rowId: (sql: Sql, create: boolean) => Promise<string | undefined>, path: string) {
    this.#session = session;
    this.#rowId = rowId;
    this.#path = path;
  }

  async tryLock(info: LockInfo): Promise<boolean> {
    const s = this.#session.schema;
    return this.#session.run(async (sql) => {
      const id = (await this.#rowId(sql, true))!;
      const [r] = await sql<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [id]);
      if (r?.ok) await sql(`INSERT INTO ${s}.minitf_locks (state_id, pid, info) VALUES ($1, pg_backend_pid(), $2) ON CONFLICT (state_id) DO UPDATE SET pid = EXCLUDED.pid, info = EXCLUDED.info`, [id, JSON.stringify(info)]);
      return r?.ok === true;
    });
  }

  async holder(): Promise<LockHolder | undefined> {
    return this.#session.run(async (sql) => {
      const id = await this.#rowId(sql, false);
      return id === undefined ? undefined : lockHolder(sql, this.#session.schema, id, this.#path);
    });
  }

  /** Releases the lock this session took (the row id is known since `tryLock`). */
  async unlock(): Promise<void> {
    // A lost session has released its locks already.
    if (this.#session.lost) return;
    try {
      await this.#session.run(async (sql) => release(sql, this.#session.schema, (await this.#rowId(sql, false))!));
    } catch (e) {
      if (!(e instanceof PgBackendError && e.failure === 'lost')) throw e;
    }
  }

  /** Ends the holder's session (the server then releases its lock) and removes its lock info. */
  async breakLock(holder: LockHolder): Promise<boolean> {
    const pid = (holder as PgLockHolder).pid;
    const s = this.#session.schema;
    return this.#session.run(async (sql) => {
      const id = (await this.#rowId(sql, false))!;
      const [me] = await sql<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      if (me!.pid === pid) {
        await release(sql, s, id);
        return true;
      }
      const [r] = await sql<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
      if (!r?.ok) return false;
      // The server releases the lock once the holder's process has exited.
      for (let i = 0; i < 100 && (await lockHolder(sql, s, id, this.#path))?.pid === pid; i++) await sleep(100);
      await sql(`DELETE FROM ${s}.minitf_locks WHERE state_id = $1 AND pid = $2`, [id, pid]);
      return true;
    });
  }
}

/** Releases this session's advisory lock of `stateId` and removes its lock info. */
async function release(sql: Sql, schema: string, stateId: string): Promise<void> {
  await sql(`DELETE FROM ${schema}.minitf_locks WHERE state_id = $1 AND pid = pg_backend_pid()`, [stateId]);
  await sql('SELECT pg_advisory_unlock($1::bigint)', [stateId]);
}
