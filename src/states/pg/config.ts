import { error, warning, type Diagnostic, type Result } from '../../diag/index.js';
import type { OpenBackendOptions } from '../factory.js';
import { currentWorkspace } from '../workspace.js';

/** The default schema: Terraform's pg backend default, so both tools find the same `states` table. */
export const DEFAULT_PG_SCHEMA = 'terraform_remote_state';

/** The settings of a `backend "pg"` block after `-backend-config` and the environment are applied. */
export interface PgSettings {
  /** A `postgres://` (or `postgresql://`) URL; user, password, host and database may come from PG* variables. */
  readonly connStr: string;
  /** The schema holding the tables (created on first use). */
  readonly schema: string;
  /** The workspace whose state this is. */
  readonly workspace: string;
}

const KEYS = ['conn_str', 'schema_name'] as const;

/**
 * Resolves the pg backend's settings: each of `conn_str` and `schema_name` comes from
 * `-backend-config=key=value` (already merged into `opts.backend.config` by the factory), else the
 * backend block, else `PG_CONN_STR` / `PG_SCHEMA_NAME`; the schema defaults to
 * `terraform_remote_state`. Unknown arguments, values that are not strings, a missing or malformed
 * `conn_str` and `-state` (local backend only) are diagnostics; no value is ever echoed with its password.
 */
export function pgSettings(opts: OpenBackendOptions): Result<PgSettings | undefined> {
  const diags: Diagnostic[] = [];
  const cfg = opts.backend?.config ?? {};
  const subject = opts.backend?.range ? { subject: opts.backend.range } : {};
  for (const [k, v] of Object.entries(cfg)) {
    if (!(KEYS as readonly string[]).includes(k)) {
      diags.push(error('Unsupported argument', `An argument named "${k}" is not expected here. The pg backend takes "conn_str" and "schema_name".`, subject));
    } else if (typeof v !== 'string') {
      diags.push(error('Incorrect attribute value type', `Inappropriate value for attribute "${k}": a string is required.`, subject));
    }
  }
  if (opts.statePath) {
    diags.push(error('Invalid option', 'The -state option names a local state file; it cannot be used with the "pg" backend. Use "minitf state pull" to get a copy of the state, and "minitf state push" to write one.'));
  }
  const connStr = str(cfg.conn_str) || opts.env.PG_CONN_STR || '';
  const schema = str(cfg.schema_name) || opts.env.PG_SCHEMA_NAME || DEFAULT_PG_SCHEMA;
  if (!connStr) {
    diags.push(
      error(
        'Missing required argument',
        'The backend "pg" needs a connection string, "conn_str": set it in the backend block, on the command line with -backend-config="conn_str=postgres://USER@HOST/DATABASE", or in the PG_CONN_STR environment variable. Keep passwords out of the configuration: use -backend-config, PG_CONN_STR or PGPASSWORD.',
        subject,
      ),
    );
  } else {
    const bad = checkConnStr(connStr);
    if (bad) diags.push(error('Invalid conn_str', bad, subject));
  }
  if (diags.some((d) => d.severity === 'error')) return { value: undefined, diagnostics: diags };
  if (typeof cfg.conn_str === 'string' && opts.backendConfig?.conn_str === undefined && /^[a-z]+:\/\/[^/@]*:[^/@]*@/i.test(cfg.conn_str)) {
    diags.push(warning('Password in the backend configuration', 'The conn_str in the backend block contains a password. Pass it with -backend-config="conn_str=…", PG_CONN_STR or PGPASSWORD instead, so it does not live in the configuration files.', subject));
  }
  const workspace = opts.workspace ?? currentWorkspace(opts.cwd, opts.env).name;
  return { value: { connStr, schema, workspace }, diagnostics: diags };
}

/** Why a connection string cannot be used, or undefined when it looks like a PostgreSQL URL. */
export function checkConnStr(connStr: string): string | undefined {
  let url: URL;
  try {
    url = new URL(connStr);
  } catch {
    return `The connection string is not a URL. Use the form postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable (every part but the host is optional).`;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `The connection string "${maskPassword(connStr)}" starts with "${url.protocol}//"; a PostgreSQL URL starts with "postgres://" or "postgresql://".`;
  }
  return undefined;
}

/** The connection string with any password replaced by `***` (for messages). */
export function maskPassword(connStr: string): string {
  return connStr.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/i, '$1***@');
}

/** A schema or table name quoted for SQL (`"a""b"`). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
