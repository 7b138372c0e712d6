import { StateLockedError, type WorkspaceStore } from '../backend.js';
import { DEFAULT_WORKSPACE } from '../workspace.js';
import { lockHolder } from './lock.js';
import { PgSession, type Sql } from './session.js';

/**
 * The workspaces stored in one schema: one `states` row per workspace (`default` is listed whether
 * or not it has a row). Each call opens its own short session and closes it.
 */
export class PgWorkspaces implements WorkspaceStore {
  readonly #connStr: string;
  readonly #schema: string;

  constructor(opts: { readonly connStr: string; readonly schema: string }) {
    this.#connStr = opts.connStr;
    this.#schema = opts.schema;
  }

  async list(): Promise<string[]> {
    const rows = await this.#with((sql, s) => sql<{ name: string }>(`SELECT name FROM ${s}.states WHERE name IS NOT NULL`));
    const names = rows.map((r) => r.name).filter((n) => n !== DEFAULT_WORKSPACE);
    return [DEFAULT_WORKSPACE, ...names.sort()];
  }

  /** Inserts the workspace's row, with no state yet (a no-op when it exists). */
  async create(name: string): Promise<void> {
    await this.#with((sql, s) => sql(`INSERT INTO ${s}.states (name, data) VALUES ($1, NULL) ON CONFLICT (name) DO NOTHING`, [name]));
  }

  /**
   * Deletes the workspace's row with its journal, backup and lock info, holding its advisory lock
   * meanwhile; StateLockedError when another session holds it.
   */
  async delete(name: string): Promise<void> {
    if (name === DEFAULT_WORKSPACE) return;
    await this.#with(async (sql, s) => {
      const [row] = await sql<{ id: string }>(`SELECT id::text AS id FROM ${s}.states WHERE name = $1`, [name]);
      if (!row) return;
      const [got] = await sql<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [row.id]);
      if (!got?.ok) {
        const holder = await lockHolder(sql, s, row.id, `pg:${this.#schema}/${name}`);
        throw new StateLockedError(`workspace "${name}" is locked${holder ? ` by ${holder.info.Who} for ${holder.info.Operation}` : ''}; it cannot be deleted now`, holder?.info);
      }
      try {
        await sql(`DELETE FROM ${s}.states WHERE id = $1`, [row.id]);
      } finally {
        await sql('SELECT pg_advisory_unlock($1::bigint)', [row.id]);
      }
    });
  }

  async #with<T>(fn: (sql: Sql, schema: string) => Promise<T>): Promise<T> {
    const session = new PgSession({ connStr: this.#connStr, schema: this.#schema });
    try {
      return await session.run((sql) => fn(sql, session.schema));
    } finally {
      await session.close();
    }
  }
}
