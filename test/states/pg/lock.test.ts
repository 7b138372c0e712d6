import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { renderDiagnostic } from '../../../src/diag/index.js';
import { emptyState, ForceUnlockError, lockErrorDiagnostic, StateLockedError } from '../../../src/states/index.js';
import { foreignLockId, PgBackendError } from '../../../src/states/pg/index.js';
import { CONN_STR, pgBackend, testSchema } from './helpers/db.js';

const schema = testSchema('lock');
let n = 0;
const ws = () => `w${++n}`;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts a process that takes the workspace's lock; resolves once it holds it, with its lock ID and a reader of its output. */
function holder(workspace: string, mode: string): Promise<{ child: ChildProcess; id: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'hold-lock.ts'), CONN_STR, schema, workspace, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LOCKED (\S+)\n/.exec(out);
      if (m) resolve({ child, id: m[1]!, output: () => out });
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code} before locking: ${out}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
}

describe('pg backend: locks', () => {
  test('a second client fails fast with the holder’s lock info; it gets the lock once released', async () => {
    const w = ws();
    const a = pgBackend(schema, { workspace: w });
    const b = pgBackend(schema, { workspace: w });
    const lock = await a.lock('OperationTypeApply', { timeoutMs: 0, info: 'first' });
    const err = await b.lock('OperationTypeApply', { timeoutMs: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateLockedError);
    expect((err as StateLockedError).info).toMatchObject({ ID: lock.info.ID, Operation: 'OperationTypeApply', Info: 'first', PID: process.pid, Path: `pg:${schema}/${w}` });
    const text = renderDiagnostic(lockErrorDiagnostic(err as StateLockedError));
    expect(text).toContain('Error acquiring the state lock');
    expect(text).toContain(`  ID:        ${lock.info.ID}`);
    expect(await b.lockInfo()).toEqual(lock.info);
    await lock.release();
    await lock.release();
    expect(await b.lockInfo()).toBeUndefined();
    const again = await b.lock('OperationTypePlan', { timeoutMs: 0 });
    expect(again.info.Operation).toBe('OperationTypePlan');
    await again.release();
  });

  test('locks of different workspaces are independent', async () => {
    const a = pgBackend(schema, { workspace: ws() });
    const b = pgBackend(schema, { workspace: ws() });
    const la = await a.lock('OperationTypeApply', { timeoutMs: 0 });
    const lb = await b.lock('OperationTypeApply', { timeoutMs: 0 });
    await la.release();
    await lb.release();
  });

  test('with a lock timeout the second process waits, is told once, and gets the lock when the first releases it', async () => {
    const w = ws();
    const { child } = await holder(w, 'release:1500');
    let waited = 0;
    const lock = await pgBackend(schema, { workspace: w }).lock('OperationTypePlan', { timeoutMs: 20_000, onWait: () => waited++ });
    expect(waited).toBe(1);
    await lock.release();
    await exited(child);
  });

  test('kill -9 of the holder releases its lock (the server ends its session); its stale lock info is ignored', async () => {
    const w = ws();
    const { child, id } = await holder(w, 'hold');
    const b = pgBackend(schema, { workspace: w });
    const err = await b.lock('OperationTypeApply', { timeoutMs: 0 }).catch((e: unknown) => e);
    expect((err as StateLockedError).info).toMatchObject({ ID: id, PID: child.pid, Info: 'held by a test' });
    child.kill('SIGKILL');
    await exited(child);
    const lock = await b.lock('OperationTypeApply', { timeoutMs: 10_000 });
    expect(lock.info.ID).not.toBe(id);
    await lock.release();
  });

  test('force-unlock needs the right ID, ends the holder’s session, and the holder can write nothing more', async () => {
    const w = ws();
    const { child, id, output } = await holder(w, 'write-after:1500');
    const b = pgBackend(schema, { workspace: w });
    const wrong = await b.forceUnlock('not-the-id').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ForceUnlockError);
    expect((wrong as ForceUnlockError).reason).toBe('id_mismatch');
    await b.forceUnlock(id);
    const lock = await b.lock('OperationTypeApply', { timeoutMs: 0 });
    await exited(child);
    expect(output()).toMatch(/WRITE FAILED PgBackendError: The connection to PostgreSQL at .* was lost/);
    expect((await b.read()).state).toBeNull();
    await lock.release();
    const none = await b.forceUnlock(id).catch((e: unknown) => e);
    expect((none as ForceUnlockError).reason).toBe('not_locked');
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
