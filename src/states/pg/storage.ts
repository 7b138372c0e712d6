import { SnapshotConflict, type StateStorage, type StorageNames, type Versioned } from '../storage.js';
import { PgLockStore } from './lock.js';
import { PgSession, type Sql } from './session.js';

/**
 * A workspace's state in PostgreSQL: the snapshot is the `data` of its row in `states` (Terraform's
 * table and text format), `minitf_backups` keeps the previous snapshot, `minitf_journal` holds the
 * journal, one row per group-committed batch of lines. A snapshot's version is its row's `xmin`, and a
 * replace runs in one transaction that takes the row with `SELECT … FOR UPDATE`, so the compare and
 * the swap are atomic.
 *
 * Everything runs on one session, opened on first use: the advisory lock (`lock.ts`) belongs to it,
 * so a killed process's lock goes with its connection, and a session ended by `force-unlock` can
 * write nothing more.
 */
export class PgStorage implements StateStorage {
  readonly description: string;
  readonly names: StorageNames;
  readonly workspace: string;
  readonly session: PgSession;
  readonly lock: PgLockStore;
  #stateId: string | undefined;

  constructor(opts: { readonly connStr: string; readonly schema: string; readonly workspace: string }) {
    this.workspace = opts.workspace;
    this.session = new PgSession({ connStr: opts.connStr, schema: opts.schema });
    const s = opts.schema;
    const w = opts.workspace.replace(/'/g, "''");
    const q = (t: string) => `${this.session.schema}.${t}`;
    this.description = `PostgreSQL state of workspace "${opts.workspace}" (schema "${s}")`;
    this.names = {
      snapshot: `of workspace "${opts.workspace}" in table ${s}.states`,
      backup: `table ${s}.minitf_backups`,
      restore: `UPDATE ${q('states')} s SET data = b.data FROM ${q('minitf_backups')} b WHERE b.state_id = s.id AND s.name = '${w}';`,
      journal: `journal of workspace "${opts.workspace}" (table ${s}.minitf_journal)`,
      lockPath: `pg:${s}/${opts.workspace}`,
    };
    this.lock = new PgLockStore(this.session, (sql, create) => this.#rowId(sql, create), this.names.lockPath);
  }

  getSnapshot(): Promise<Versioned | null> {
    return this.session.run(async (sql) => {
      const [row] = await sql<{ id: string; xmin: string; data: string | null }>(`SELECT id::text AS id, xmin::text AS xmin, data FROM ${this.session.schema}.states WHERE name = $1`, [this.workspace]);
      if (row) this.#stateId = row.id;
      return row?.data ? { text: row.data, version: row.xmin } : null;
    });
  }

  snapshotVersion(): Promise<string | null> {
    return this.session.run((sql) => this.#version(sql, 'name = $1', this.workspace));
  }

  putSnapshot(text: string, expected: string | null): Promise<string> {
    const s = this.session.schema;
    return this.session.tx(async (sql) => {
      const id = await this.#rowId(sql, true);
      const current = await this.#version(sql, 'id = $1 FOR UPDATE', id);
      if (current !== expected) throw new SnapshotConflict(current === null ? 'its row was emptied' : 'its row changed since it was read');
      if (current !== null) {
        await sql(`INSERT INTO ${s}.minitf_backups (state_id, data) SELECT id, data FROM ${s}.states WHERE id = $1 ON CONFLICT (state_id) DO UPDATE SET data = EXCLUDED.data`, [id]);
      }
      const [updated] = await sql<{ xmin: string }>(`UPDATE ${s}.states SET data = $2 WHERE id = $1 RETURNING xmin::text AS xmin`, [id, text]);
      if (!updated) throw new SnapshotConflict('its row was deleted');
      return updated.xmin;
    });
  }

  readJournal(): Promise<string> {
    return this.session.run(async (sql) => {
      const id = await this.#rowId(sql, false);
      if (id === undefined) return '';
      const rows = await sql<{ body: string }>(`SELECT body FROM ${this.session.schema}.minitf_journal WHERE state_id = $1 ORDER BY id`, [id]);
      return rows.map((r) => r.body).join('');
    });
  }

  appendJournal(text: string): Promise<void> {
    return this.session.run(async (sql) => {
      const id = await this.#rowId(sql, true);
      await sql(`INSERT INTO ${this.session.schema}.minitf_journal (state_id, body) VALUES ($1, $2)`, [id, text]);
    });
  }

  replaceJournal(text: string): Promise<void> {
    return this.session.tx(async (sql) => {
      const id = await this.#rowId(sql, true);
      await sql(`DELETE FROM ${this.session.schema}.minitf_journal WHERE state_id = $1`, [id]);
      if (text) await sql(`INSERT INTO ${this.session.schema}.minitf_journal (state_id, body) VALUES ($1, $2)`, [id, text]);
    });
  }

  close(): Promise<void> {
    return this.session.close();
  }

  /** The version (`xmin`) of the state row `where` selects, null when it holds no state or there is none. */
  async #version(sql: Sql, where: string, param: string): Promise<string | null> {
    const [row] = await sql<{ xmin: string; empty: boolean }>(`SELECT xmin::text AS xmin, data IS NULL OR data = '' AS empty FROM ${this.session.schema}.states WHERE ${where}`, [param]);
    return row && !row.empty ? row.xmin : null;
  }

  /** The state row's id (cached; the key of its advisory lock), making the row, with no state yet, when `create` and it is missing. */
  async #rowId(sql: Sql, create: true): Promise<string>;
  async #rowId(sql: Sql, create: boolean): Promise<string | undefined>;
  async #rowId(sql: Sql, create: boolean): Promise<string | undefined> {
    const s = this.session.schema;
    if (!this.#stateId && create) await sql(`INSERT INTO ${s}.states (name, data) VALUES ($1, NULL) ON CONFLICT (name) DO NOTHING`, [this.workspace]);
    this.#stateId ??= (await sql<{ id: string }>(`SELECT id::text AS id FROM ${s}.states WHERE name = $1`, [this.workspace]))[0]?.id;
    return this.#stateId;
  }
}
