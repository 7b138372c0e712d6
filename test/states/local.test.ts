import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  emptyState,
  formatState,
  LocalBackend,
  openBackend,
  StaleStateError,
  StateCorruptError,
  StateIndex,
  stateErrorDiagnostic,
  type JournalEvent,
  type StateFile,
} from '../../src/states/index.js';
import { TD, tdObject, tempDir } from './helpers/tmp.js';

function backend(cwd: string, env: Record<string, string> = {}): LocalBackend {
  const b = openBackend({ cwd, env }).value;
  if (!(b instanceof LocalBackend)) throw new Error('expected a local backend');
  return b;
}
const object = (addr: string, id: string, input: unknown = id, sensitive = false): JournalEvent => ({ t: 'object', addr, resource: TD, instance: tdObject(id, input, sensitive) });
const intent = (addr: string, token: string): JournalEvent => ({ t: 'intent', addr, resource: TD, action: 'create', token, time: '2026-01-01T00:00:00Z' });

async function withObjects(b: LocalBackend, n: number, serial = 1): Promise<StateFile> {
  const s = { ...emptyState(), serial };
  const idx = new StateIndex(s);
  for (let i = 0; i < n; i++) idx.setObject(`terraform_data.a[${i}]`, TD.provider, tdObject(`id-${i}`, i));
  await b.write(s);
  return s;
}

describe('local backend', () => {
  test('reads null when there is nothing; writes state/terraform.tfstate in Terraform’s format and reads it back', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    expect(await b.read()).toEqual({ state: null, pending: [] });
    const s = await withObjects(b, 3);
    const text = readFileSync(join(cwd, 'state', 'terraform.tfstate'), 'utf8');
    expect(text).toBe(formatState(s));
    expect((await backend(cwd).read()).state).toEqual(JSON.parse(text));
    expect(b.description).toBe('local state file "state/terraform.tfstate"');
  });

  test('events appended and never written to a snapshot are replayed by the next process', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = await withObjects(b, 1);
    await b.append([intent('terraform_data.b', 'tok-b'), object('terraform_data.b', 'b'), intent('terraform_data.c', 'tok-c')]);
    await b.append([{ t: 'removed', addr: 'terraform_data.a[0]' }, { t: 'outputs', outputs: { o: { value: 'x', type: 'string' } } }]);
    // The process dies here: no write, no close.
    const { state, pending } = await backend(cwd).read();
    expect(new StateIndex(state!).addresses()).toEqual(['terraform_data.b']);
    expect(state!.outputs).toEqual({ o: { value: 'x', type: 'string' } });
    expect(state!.lineage).toBe(s.lineage);
    expect(pending.map((p) => p.addr)).toEqual(['terraform_data.c']);
  });

  test('events from a first run that never wrote a snapshot build a state of their own', async () => {
    const cwd = tempDir();
    await backend(cwd).append([object('terraform_data.x', 'x')]);
    const { state } = await backend(cwd).read();
    expect(new StateIndex(state!).addresses()).toEqual(['terraform_data.x']);
    expect(state!.serial).toBe(0);
  });

  test('write empties the journal of what the snapshot holds but keeps unresolved intents until resolved', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = await withObjects(b, 0);
    await b.append([intent('terraform_data.p', 'tok-p'), intent('terraform_data.q', 'tok-q'), object('terraform_data.q', 'q')]);
    const idx = new StateIndex(s);
    idx.setObject('terraform_data.q', TD.provider, tdObject('q', 'q'));
    await b.write({ ...s, serial: 2 });
    expect((await backend(cwd).read()).pending.map((p) => p.token)).toEqual(['tok-p']);
    await b.write({ ...s, serial: 3 });
    const journal = readFileSync(b.paths.journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(journal.map((l) => `${l.t}:${l.serial ?? l.token}`)).toEqual(['intent:tok-p', 'checkpoint:2', 'checkpoint:3']);
    expect((await backend(cwd).read()).pending.map((p) => p.token)).toEqual(['tok-p']);
    await b.append([object('terraform_data.p', 'p')]);
    expect((await backend(cwd).read()).pending).toEqual([]);
  });

  test('a crash after the snapshot replace but before the journal rewrite replays nothing twice', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = await withObjects(b, 1);
    await b.append([object('terraform_data.b', 'b')]);
    const journalBefore = readFileSync(b.paths.journal, 'utf8');
    // The state the engine writes next no longer has terraform_data.b (say, refresh found it gone).
    const next = { ...s, serial: 2, resources: s.resources.map((r) => ({ ...r })) };
    await b.write(next);
    const marker = readFileSync(b.paths.journal, 'utf8').split('\n').find((l) => l.includes('"checkpoint"') && l.includes('"serial":2'))!;
    // Put back the old journal plus the new checkpoint, as if the rewrite had not happened.
    writeFileSync(b.paths.journal, journalBefore + marker + '\n');
    const { state } = await backend(cwd).read();
    expect(new StateIndex(state!).addresses()).toEqual(['terraform_data.a[0]']);
  });

  test('events appended after write() was called stay in the journal and are not lost', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = await withObjects(b, 1);
    const writing = b.write({ ...s, serial: 2 });
    const late = b.append([object('terraform_data.late', 'late')]);
    await Promise.all([writing, late]);
    const { state } = await backend(cwd).read();
    expect(new StateIndex(state!).addresses()).toEqual(['terraform_data.a[0]', 'terraform_data.late']);
  });

  test('overlapping writes land in call order; a repeated serial is refused at once', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = await withObjects(b, 1);
    const w2 = b.write({ ...s, serial: 2 });
    const w3 = b.write({ ...s, serial: 3 });
    await expect(b.write({ ...s, serial: 3 })).rejects.toThrow(StaleStateError);
    await Promise.all([w2, w3]);
    expect(JSON.parse(readFileSync(b.paths.state, 'utf8')).serial).toBe(3);
    expect(JSON.parse(readFileSync(b.paths.backup, 'utf8')).serial).toBe(2);
    expect((await backend(cwd).read()).state!.serial).toBe(3);
  });

  test('the backup is the previous snapshot, and backup + journal rebuild everything', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = await withObjects(b, 1);
    const first = readFileSync(b.paths.state, 'utf8');
    await b.append([object('terraform_data.b', 'b')]);
    new StateIndex(s).setObject('terraform_data.b', TD.provider, tdObject('b', 'b'));
    await b.write({ ...s, serial: 2 });
    expect(readFileSync(b.paths.backup, 'utf8')).toBe(first);
    await b.append([object('terraform_data.c', 'c')]);
    // The snapshot is lost; the user restores the backup as the error message says.
    writeFileSync(b.paths.state, readFileSync(b.paths.backup));
    const { state } = await backend(cwd).read();
    expect(new StateIndex(state!).addresses()).toEqual(['terraform_data.a[0]', 'terraform_data.b', 'terraform_data.c']);
  });

  test.each([
    ['another lineage', (s: StateFile) => ({ ...s, lineage: 'someone-else', serial: 9 }), 'lineage'],
    ['the same serial', (s: StateFile) => ({ ...s }), 'not newer'],
    ['an older serial', (s: StateFile) => ({ ...s, serial: s.serial - 1 }), 'not newer'],
  ])('refuses a write with %s (StaleStateError) and keeps the stored file', async (_name, change, words) => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = await withObjects(b, 1, 5);
    const before = readFileSync(b.paths.state, 'utf8');
    await expect(backend(cwd).write(change(s))).rejects.toThrow(StaleStateError);
    await expect(backend(cwd).write(change(s))).rejects.toThrow(words);
    expect(readFileSync(b.paths.state, 'utf8')).toBe(before);
  });

  test('a truncated state file: read fails naming the file and its backup, and nothing is ever overwritten', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = await withObjects(b, 2);
    await b.write({ ...s, serial: 2 });
    const path = b.paths.state;
    const damaged = readFileSync(path, 'utf8').slice(0, 100);
    writeFileSync(path, damaged);
    const backupBefore = readFileSync(b.paths.backup, 'utf8');
    const fresh = backend(cwd);
    const err = await fresh.read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateCorruptError);
    expect((err as Error).message).toContain('"state/terraform.tfstate"');
    expect((err as Error).message).toContain('state/terraform.tfstate.backup');
    expect(stateErrorDiagnostic(err)?.summary).toBe('Failed to load state');
    await expect(fresh.write({ ...s, serial: 3 })).rejects.toThrow(StateCorruptError);
    expect(readFileSync(path, 'utf8')).toBe(damaged);
    expect(readFileSync(b.paths.backup, 'utf8')).toBe(backupBefore);
  });

  test('sensitive values are sealed in the snapshot and the journal, and read back in clear', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = emptyState();
    new StateIndex(s).setObject('terraform_data.s', TD.provider, tdObject('s', 'hunter2', true));
    s.serial = 1;
    s.outputs = { pw: { value: 'opensesame', type: 'string', sensitive: true } };
    await b.write(s);
    await b.append([object('terraform_data.t', 't', 'swordfish', true), { t: 'outputs', outputs: { pw: { value: 'opensesame2', type: 'string', sensitive: true } } }]);
    for (const f of [b.paths.state, b.paths.journal]) {
      const text = readFileSync(f, 'utf8');
      for (const secret of ['hunter2', 'swordfish', 'opensesame']) expect(text).not.toContain(secret);
    }
    const { state } = await backend(cwd).read();
    const idx = new StateIndex(state!);
    expect((idx.object('terraform_data.s')!.attributes.input as { value: string }).value).toBe('hunter2');
    expect((idx.object('terraform_data.t')!.attributes.output as { value: string }).value).toBe('swordfish');
    expect(state!.outputs.pw!.value).toBe('opensesame2');
    const raw = openBackend({ cwd: tempDir(), env: {}, statePath: b.paths.state, raw: true }).value!;
    expect(JSON.stringify((await raw.read()).state)).not.toContain('hunter2');
  });

  test('a pending create\'s arguments are sealed in the journal at their sensitive paths and read back in clear', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const request = { schema_version: 0, attributes: { name: 'web', password: 'hunter2' }, sensitive_attributes: [[{ type: 'get_attr' as const, value: 'password' }]] };
    await b.append([{ ...intent('terraform_data.p', 'tok-1'), request } as JournalEvent]);
    const text = readFileSync(b.paths.journal, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('"name":"web"');
    const { pending } = await backend(cwd).read();
    expect(pending.map((i) => [i.addr, i.token, i.request?.attributes])).toEqual([['terraform_data.p', 'tok-1', { name: 'web', password: 'hunter2' }]]);
  });

  test.each([
    [100, 300],
    [200, 600],
  ])('bytes written grow linearly: %i vs %i objects (intent + object each, 4 snapshots along the way)', async (small, large) => {
    const run = async (n: number) => {
      const cwd = tempDir();
      const b = backend(cwd);
      const s = { ...emptyState(), serial: 0 };
      const idx = new StateIndex(s);
      for (let i = 0; i < n; i++) {
        const addr = `terraform_data.a[${i}]`;
        await b.append([intent(addr, `t${i}`)]);
        idx.setObject(addr, TD.provider, tdObject(`id-${i}`, i));
        await b.append([object(addr, `id-${i}`, i)]);
        if ((i + 1) % (n / 4) === 0) await b.write({ ...s, serial: ++s.serial });
      }
      await b.close();
      return b.stats.bytes;
    };
    const ratio = (await run(large)) / (await run(small));
    // Linear: 3x the objects cost 3x the bytes (plus a little for longer addresses), not 9x.
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(3.5);
  });
});
