import type { SettingsSchema } from '../settings.js';

/** The default schema: Terraform's pg backend default, so both tools find the same `states` table. */
export const DEFAULT_PG_SCHEMA = 'terraform_remote_state';

/**
 * The arguments of `backend "pg"`: each from `-backend-config=key=value`, else the block, else
 * `PG_CONN_STR` / `PG_SCHEMA_NAME`; the schema defaults to `terraform_remote_state`. A connection
 * string with a password written in the block is a warning; no value is ever echoed with its password.
 */
export const PG_SETTINGS: SettingsSchema = {
  conn_str: {
    type: 'string',
    description: 'a postgres:// URL; user, password, host and database may come from PG* variables',
    env: ['PG_CONN_STR'],
    secret: true,
    required:
      'The backend "pg" needs a connection string, "conn_str": set it in the backend block, on the command line with -backend-config="conn_str=postgres://USER@HOST/DATABASE", or in the PG_CONN_STR environment variable. Keep passwords out of the configuration: use -backend-config, PG_CONN_STR or PGPASSWORD.',
    validate: (v) => checkConnStr(String(v)),
    inBlockWarning: (v) =>
      /^[a-z]+:\/\/[^/@]*:[^/@]*@/i.test(String(v))
        ? { summary: 'Password in the backend configuration', detail: 'The conn_str in the backend block contains a password. Pass it with -backend-config="conn_str=…", PG_CONN_STR or PGPASSWORD instead, so it does not live in the configuration files.' }
        : undefined,
  },
  schema_name: { type: 'string', description: 'the schema holding the tables (created on first use)', env: ['PG_SCHEMA_NAME'], default: DEFAULT_PG_SCHEMA },
};

/** Why a connection string cannot be used, or undefined when it looks like a PostgreSQL URL. */
export function checkConnStr(connStr: string): string | undefined {
  if (!URL.canParse(connStr)) return `The connection string is not a URL. Use the form postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable (every part but the host is optional).`;
  const url = new URL(connStr);
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
