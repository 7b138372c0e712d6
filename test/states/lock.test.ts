import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderDiagnostic } from '../../src/diag/index.js';
import { lockErrorDiagnostic, openBackend, StateLockedError, type Backend } from '../../src/states/index.js';
import { tempDir } from './helpers/tmp.js';

function backendAt(statePath: string, staleMs?: number): Backend {
  return openBackend({ cwd: tempDir(), env: {}, statePath, ...(staleMs !== undefined ? { lock: { staleMs, retryMs: 20 } } : {}) }).value!;
}

/** What only the local lock does: Terraform's lock info file (the policy's tests are in ./conformance). */
describe('local state lock file', () => {
  test('writes Terraform’s lock info beside the state (mode 0600) and removes it on release', async () => {
    const dir = tempDir();
    const b = backendAt(join(dir, 'terraform.tfstate'));
    const lock = await b.lock('OperationTypeApply', { timeoutMs: 0 });
    const path = join(dir, '.terraform.tfstate.lock.info');
    const info = JSON.parse(readFileSync(path, 'utf8'));
    expect(Object.keys(info)).toEqual(['ID', 'Operation', 'Info', 'Who', 'Version', 'Created', 'Path', 'PID', 'Host']);
    expect(info).toMatchObject({ ID: lock.info.ID, Operation: 'OperationTypeApply', PID: process.pid, Host: hostname() });
    expect(info.Who).toMatch(/.+@.+/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await lock.release();
    await lock.release();
    expect(() => statSync(path)).toThrow();
  });

  test('a lock from another host is respected until it is stale, then broken', async () => {
    const dir = tempDir();
    const state = join(dir, 'terraform.tfstate');
    const path = join(dir, '.terraform.tfstate.lock.info');
    writeFileSync(path, JSON.stringify({ ID: 'elsewhere', Operation: 'OperationTypeApply', Info: '', Who: 'ci@other', Version: '0.1.0', Created: new Date().toISOString(), Path: 'terraform.tfstate', PID: 1, Host: 'other-host' }));
    await expect(backendAt(state, 60_000).lock('OperationTypeApply', { timeoutMs: 0 })).rejects.toThrow(StateLockedError);
    const old = new Date(Date.now() - 120_000);
    utimesSync(path, old, old);
    const lock = await backendAt(state, 60_000).lock('OperationTypeApply', { timeoutMs: 0 });
    expect(lock.info.ID).not.toBe('elsewhere');
    await lock.release();
  });

  test('the lock error renders Terraform’s Lock Info block', async () => {
    const state = join(tempDir(), 'terraform.tfstate');
    const lock = await backendAt(state).lock('OperationTypeApply', { timeoutMs: 0, info: 'held' });
    const err = await backendAt(state).lock('OperationTypeApply', { timeoutMs: 0 }).catch((e: unknown) => e);
    const text = renderDiagnostic(lockErrorDiagnostic(err as StateLockedError));
    expect(text).toContain('Error: Error acquiring the state lock');
    expect(text).toContain('Lock Info:');
    expect(text).toContain(`  ID:        ${lock.info.ID}`);
    expect(text).toContain(`  PID:       ${process.pid} on ${hostname()}`);
    expect(text).toContain('-lock=false');
    await lock.release();
  });
});
