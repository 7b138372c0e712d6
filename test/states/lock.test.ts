import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { renderDiagnostic } from '../../src/diag/index.js';
import { ForceUnlockError, lockErrorDiagnostic, openBackend, StateLockedError, type Backend } from '../../src/states/index.js';
import { tempDir } from './helpers/tmp.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Starts a process that takes the lock; resolves with the process and its lock ID once it holds it. */
function holder(statePath: string, mode: string): Promise<{ child: ChildProcess; id: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'hold-lock.ts'), statePath, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LOCKED (\S+)\n/.exec(out);
      if (m) resolve({ child, id: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
}

function backendAt(statePath: string, staleMs?: number): Backend {
  return openBackend({ cwd: tempDir(), env: {}, statePath, ...(staleMs !== undefined ? { lock: { staleMs, retryMs: 20 } } : {}) }).value!;
}

describe('state lock', () => {
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

  test('a second process fails fast with the holder’s lock info', async () => {
    const dir = tempDir();
    const state = join(dir, 'terraform.tfstate');
    const { child, id } = await holder(state, 'hold');
    const err = await backendAt(state).lock('OperationTypeApply', { timeoutMs: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateLockedError);
    const info = (err as StateLockedError).info!;
    expect(info).toMatchObject({ ID: id, PID: child.pid, Info: 'held by a test', Operation: 'OperationTypeApply' });
    const text = renderDiagnostic(lockErrorDiagnostic(err as StateLockedError));
    expect(text).toContain('Error: Error acquiring the state lock');
    expect(text).toContain('Lock Info:');
    expect(text).toContain(`  ID:        ${id}`);
    expect(text).toContain('-lock=false');
  });

  test('with -lock-timeout the second process waits and gets the lock once the first releases it', async () => {
    const dir = tempDir();
    const state = join(dir, 'terraform.tfstate');
    const { child } = await holder(state, 'release:2000');
    let waited = 0;
    const lock = await backendAt(state).lock('OperationTypePlan', { timeoutMs: 20_000, onWait: () => waited++ });
    expect(waited).toBe(1);
    expect(lock.info.Operation).toBe('OperationTypePlan');
    await lock.release();
    await exited(child);
  });

  test('a lock left by a SIGKILLed process does not block the next run', async () => {
    const dir = tempDir();
    const state = join(dir, 'terraform.tfstate');
    const { child, id } = await holder(state, 'hold');
    child.kill('SIGKILL');
    await exited(child);
    expect(JSON.parse(readFileSync(join(dir, '.terraform.tfstate.lock.info'), 'utf8')).ID).toBe(id);
    const lock = await backendAt(state).lock('OperationTypeApply', { timeoutMs: 0 });
    expect(lock.info.ID).not.toBe(id);
    await lock.release();
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

  test.each([
    ['an unlocked state', false, 'x', 'not_locked'],
    ['the wrong ID', true, 'not-the-id', 'id_mismatch'],
  ])('force-unlock of %s is an error', async (_name, locked, id, reason) => {
    const b = backendAt(join(tempDir(), 'terraform.tfstate'));
    const lock = locked ? await b.lock('OperationTypeApply', { timeoutMs: 0 }) : undefined;
    const err = await b.forceUnlock(id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForceUnlockError);
    expect((err as ForceUnlockError).reason).toBe(reason);
    await lock?.release();
  });

  test('force-unlock with the right ID frees the state held by a live process', async () => {
    const dir = tempDir();
    const state = join(dir, 'terraform.tfstate');
    const { id } = await holder(state, 'hold');
    const b = backendAt(state);
    expect((await b.lockInfo())?.ID).toBe(id);
    await b.forceUnlock(id);
    expect(await b.lockInfo()).toBeUndefined();
    const lock = await b.lock('OperationTypeApply', { timeoutMs: 0 });
    await lock.release();
  });
});
