import type { Client } from 'pg';
import { describeTarget, PgBackendError, wrapPgError, type PgTarget } from './errors.js';
import { quoteIdent } from './config.js';

type PgModule = typeof import('pg');
let loading: Promise<PgModule> | undefined;

/** Imports the `pg` driver on first use, so commands that never open a pg backend never load it. */
export function loadPg(): Promise<PgModule> {
  loading ??= import('pg').then((m) => ((m as unknown as { default?: PgModule }).default ?? m) as PgModule);
  return loading;
}

/** Runs one SQL statement on the session's connection and returns its rows. */
export type Sql = <R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<R[]>;

/** How long a connection attempt may take before it is a connection failure. */
export const CONNECT_TIMEOUT_MS = 15_000;

/** The two-key advisory lock that serialises table creation (the keys spell "mini", "tf"). */
const DDL_LOCK = [0x6d696e69, 0x7466] as const;

/**
 * One PostgreSQL session (one connection), opened on first use. Operations run one at a time, in
 * the order they were requested, each with the connection to itself (so a transaction never
 * interleaves with another operation's statements). The session never reconnects: advisory locks
 * belong to it, and a lost connection means a lost lock, so every later operation fails with a
 * PgBackendError of kind `lost`. On first connection the schema and tables are created when missing.
 */
export class PgSession {
  /** The quoted schema name, for SQL text. */
  readonly schema: string;
  readonly #schemaName: string;
  readonly #connStr: string;
  #target: PgTarget;
  #client: Client | undefined;
  #connecting: Promise<Client> | undefined;
  #lost: PgBackendError | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(opts: { readonly connStr: string; readonly schema: string }) {
    this.#connStr = opts.connStr;
    this.#schemaName = opts.schema;
    this.schema = quoteIdent(opts.schema);
    this.#target = targetOf(opts.connStr);
  }

  /** Host, port, database and user of this session (as the driver resolved them once connected). */
  get target(): PgTarget {
    return this.#target;
  }

  /** True once the connection was lost (terminated by the server, network failure). */
  get lost(): boolean {
    return this.#lost !== undefined;
  }

  /** Runs `fn` with exclusive use of the connection, after every operation requested before it. */
  run<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const p = this.#chain.then(async () => {
      const client = await this.#connect();
      return fn((text, params) => this.#query(client, text, params));
    });
    this.#chain = p.catch(() => undefined);
    return p;
  }

  /** Runs `fn` in one transaction; commits when it returns, rolls back when it throws. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.run((sql) => this.#inTx(sql, () => fn(sql)));
  }

  /** Ends the connection (releasing any advisory lock it holds) once queued operations are done. */
  async close(): Promise<void> {
    await this.#chain;
    this.#closed = true;
    const client = this.#client;
    this.#client = undefined;
    if (client && !this.#lost) await client.end().catch(() => undefined);
  }

  async #connect(): Promise<Client> {
    if (this.#lost) throw this.#lost;
    if (this.#closed) throw new Error('The PostgreSQL session was used after close. This is a bug in minitf.');
    if (this.#client) return this.#client;
    this.#connecting ??= this.#open();
    return this.#connecting;
  }

  async #open(): Promise<Client> {
    const pg = await loadPg();
    let client: Client;
    try {
      client = new pg.Client({ connectionString: this.#connStr, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, application_name: 'minitf' });
    } catch (e) {
      throw wrapPgError(e, 'connect', this.#target);
    }
    const c = client as unknown as { host?: string; port?: number; database?: string; user?: string };
    this.#target = { host: c.host ?? this.#target.host, port: c.port ?? this.#target.port, database: c.database ?? this.#target.database, user: c.user ?? this.#target.user };
    // Without a listener an idle connection's error would crash the process. Failures while
    // connecting are reported by connect() itself; these only matter once the session is in use.
    client.on('error', (e) => {
      if (this.#client === client) this.#lost ??= wrapPgError(e, 'lost', this.#target);
    });
    client.on('end', () => {
      if (this.#client === client && !this.#closed) {
        this.#lost ??= new PgBackendError('lost', this.#target, `The connection to PostgreSQL at ${describeTarget(this.#target)} was closed. The state lock held on that session is released with it, so this run stops here. Run the command again.`);
      }
    });
    try {
      await client.connect().catch((e: unknown) => {
        throw wrapPgError(e, 'connect', this.#target);
      });
      this.#client = client;
      await this.#ensureTables(client);
    } catch (e) {
      this.#client = undefined;
      this.#connecting = undefined;
      await client.end().catch(() => undefined);
      throw e;
    }
    return client;
  }

  async #query<R extends object>(client: Client, text: string, params?: readonly unknown[]): Promise<R[]> {
    if (this.#lost) throw this.#lost;
    try {
      const r = await client.query(text, params as unknown[] | undefined);
      return r.rows as R[];
    } catch (e) {
      if (this.#lost) throw this.#lost;
      if (isConnectionLoss(e)) {
        this.#lost = wrapPgError(e, 'lost', this.#target);
        throw this.#lost;
      }
      if (isSqlError(e)) throw wrapPgError(e, 'query', this.#target);
      throw e;
    }
  }

  async #inTx<T>(sql: Sql, fn: () => Promise<T>): Promise<T> {
    await sql('BEGIN');
    let result: T;
    try {
      result = await fn();
    } catch (e) {
      if (!this.#lost) await sql('ROLLBACK').catch(() => undefined);
      throw e;
    }
    await sql('COMMIT');
    return result;
  }

  /** Creates the schema, the Terraform-compatible `states` table and minitf's tables when missing. */
  async #ensureTables(client: Client): Promise<void> {
    const s = this.schema;
    const sql: Sql = (text, params) => this.#query(client, text, params);
    const [have] = await sql<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`${s}.minitf_locks`]);
    if (have!.ok) return;
    await this.#inTx(sql, async () => {
      await sql('SELECT pg_advisory_xact_lock($1, $2)', [...DDL_LOCK]);
      const [ns] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [this.#schemaName]);
      if (ns!.n === 0) await sql(`CREATE SCHEMA ${s}`);
      for (const stmt of tableStatements(s)) await sql(stmt);
    });
  }
}

/**
 * The tables, in a schema `s` (quoted). `states` is Terraform's pg backend table (same columns, ids
 * from the same database-wide sequence, whose values are the advisory lock keys), so either tool
 * reads the other's states and their locks exclude each other. minitf adds the journal (one row per
 * group-committed batch of JSON lines), the previous snapshot of each state, and lock info.
 */
export function tableStatements(s: string): string[] {
  return [
    'CREATE SEQUENCE IF NOT EXISTS public.global_states_id_seq AS bigint',
    `CREATE TABLE IF NOT EXISTS ${s}.states (id bigint NOT NULL DEFAULT nextval('public.global_states_id_seq') PRIMARY KEY, name text UNIQUE, data text)`,
    `CREATE TABLE IF NOT EXISTS ${s}.minitf_journal (id bigserial PRIMARY KEY, state_id bigint NOT NULL REFERENCES ${s}.states (id) ON DELETE CASCADE, body text NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS minitf_journal_by_state ON ${s}.minitf_journal (state_id, id)`,
    `CREATE TABLE IF NOT EXISTS ${s}.minitf_backups (state_id bigint PRIMARY KEY REFERENCES ${s}.states (id) ON DELETE CASCADE, data text NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.minitf_locks (state_id bigint PRIMARY KEY REFERENCES ${s}.states (id) ON DELETE CASCADE, pid integer NOT NULL, info text NOT NULL)`,
  ];
}

/** True for an error the server sent about a statement (it has a SQLSTATE and a severity). */
function isSqlError(e: unknown): boolean {
  const x = e as { severity?: unknown; code?: unknown };
  return typeof x?.severity === 'string' && typeof x.code === 'string';
}

/** True when an error means the connection is gone: the server ended the session, or the socket failed. */
function isConnectionLoss(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && (code.startsWith('57P') || code.startsWith('08') || ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code))) return true;
  const msg = (e as { message?: unknown })?.message;
  return typeof msg === 'string' && /Connection terminated|not queryable|connection error/i.test(msg);
}

/** Host, port, database and user as the URL says (the driver's own resolution replaces it on connect). */
function targetOf(connStr: string): PgTarget {
  try {
    const u = new URL(connStr);
    const user = decodeURIComponent(u.username) || process.env.PGUSER || 'the current user';
    return {
      host: u.hostname || process.env.PGHOST || 'localhost',
      port: Number(u.port || process.env.PGPORT || 5432),
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || process.env.PGDATABASE || user,
      user,
    };
  } catch {
    return { host: 'localhost', port: 5432, database: '?', user: '?' };
  }
}
