import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { emptyState, StateLockedError } from '../../../src/states/index.js';
import { foreignLockId, PgBackendError } from '../../../src/states/pg/index.js';
import { child } from '../conformance/harness.js';
import { CONN_STR, pgBackend, pgOptions, testSchema } from './helpers/db.js';

const schema = testSchema('lock');
let n = 0;
const ws = () => `w${++n}`;

/** What only the pg lock does: it is a session's advisory lock (the policy's tests are in ../conformance). */
describe('pg backend: session-bound locks', () => {
  test('force-unlock ends the holder’s session, so the holder can write nothing more', async () => {
    const w = ws();
    const c = child(pgOptions(schema, { workspace: w }), 'write-after:1500');
    const [, id] = await c.waitFor(/^LOCKED (\S+)$/);
    const b = pgBackend(schema, { workspace: w });
    await b.forceUnlock(id!);
    const lock = await b.lock('OperationTypeApply', { timeoutMs: 0 });
    await c.exited;
    expect(c.lines.join('\n')).toMatch(/WRITE FAILED PgBackendError: The connection to PostgreSQL at .* was lost/);
    expect((await b.read()).state).toBeNull();
    await lock.release();
  });

  test('a holder that is not minitf (a bare advisory lock, as Terraform takes) is reported with its session, and force-unlock can end it', async () => {
    const w = ws();
    const b = pgBackend(schema, { workspace: w });
    await (await b.lock('OperationTypeApply', { timeoutMs: 0 })).release();
    const other = new pg.Client({ connectionString: CONN_STR, application_name: 'terraform' });
    other.on('error', () => undefined);
    await other.connect();
    const [{ id }] = (await other.query(`SELECT id::text AS id FROM "${schema}".states WHERE name = $1`, [w])).rows as [{ id: string }];
    const [{ pid }] = (await other.query('SELECT pg_backend_pid() AS pid, pg_advisory_lock($1::bigint)', [id])).rows as [{ pid: number }];
    const err = await b.lock('OperationTypeApply', { timeoutMs: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateLockedError);
    expect((err as Error).message).toContain(`PostgreSQL session ${pid}`);
    expect((err as StateLockedError).info).toMatchObject({ ID: foreignLockId(pid), Info: expect.stringContaining('"terraform"') });
    await b.forceUnlock(foreignLockId(pid));
    await (await b.lock('OperationTypeApply', { timeoutMs: 0 })).release();
    await other.end().catch(() => undefined);
  });

  test('a lost session fails the holder’s writes with a clear PgBackendError, and release does not throw', async () => {
    const w = ws();
    const a = pgBackend(schema, { workspace: w });
    const b = pgBackend(schema, { workspace: w });
    const lock = await a.lock('OperationTypeApply', { timeoutMs: 0 });
    await b.forceUnlock(lock.info.ID);
    const err = await a.write({ ...emptyState(), serial: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PgBackendError);
    expect((err as PgBackendError).failure).toBe('lost');
    expect((err as Error).message).toContain(new URL(CONN_STR).host);
    await lock.release();
  });
});
