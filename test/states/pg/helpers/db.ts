import pg from 'pg';
import { afterAll } from 'vitest';
import { openBackend, StateManager, type OpenBackendOptions } from '../../../../src/states/index.js';
import { PgStorage } from '../../../../src/states/pg/index.js';
import { tempDir } from '../../helpers/tmp.js';

/** The test database (CI starts PostgreSQL there: see .ci/run). */
export const CONN_STR = process.env.MINITF_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

const opened: StateManager[] = [];
const schemas: string[] = [];

/**
 * A schema name unique to this test file and process, dropped (with everything in it) after the
 * file's tests, so parallel test files and reruns never see each other's rows.
 */
export function testSchema(file: string): string {
  const name = `minitf_test_${file.replace(/\W+/g, '_')}_${process.pid}_${schemas.length}`;
  schemas.push(name);
  return name;
}

/** Runs SQL as the test's administrator (its own connection). */
export async function admin<T extends object = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: CONN_STR });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The options that open a pg backend on `schema` (workspace `default` unless given). */
export function pgOptions(schema: string, extra: Partial<OpenBackendOptions> = {}): OpenBackendOptions {
  return { cwd: tempDir(), env: { PG_CONN_STR: CONN_STR, MINITF_STATE_KEY: 'test passphrase' }, backend: { type: 'pg', config: { schema_name: schema } }, workspace: 'default', ...extra };
}

/** Opens a pg backend (closed after the file's tests); `storage` is its PgStorage. */
export function pgBackend(schema: string, extra: Partial<OpenBackendOptions> = {}): StateManager & { readonly storage: PgStorage } {
  const r = openBackend(pgOptions(schema, extra));
  if (!(r.value instanceof StateManager) || !(r.value.storage instanceof PgStorage)) throw new Error(`expected a pg backend: ${JSON.stringify(r.diagnostics)}`);
  opened.push(r.value);
  return r.value as StateManager & { readonly storage: PgStorage };
}

afterAll(async () => {
  for (const b of opened.splice(0)) await b.close().catch(() => undefined);
  for (const s of schemas.splice(0)) await admin(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
});
