import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { emptyState, formatState, LocalStorage, openBackend, parseJournal, StateCorruptError, StateIndex, StateManager, type JournalEvent, type StateFile } from '../../src/states/index.js';
import { expectFixtureState, FIXTURE_ENV, fixture } from './helpers/fixture.js';
import { TD, tdObject, tempDir } from './helpers/tmp.js';

function backend(cwd: string, env: Record<string, string> = {}): StateManager & { storage: LocalStorage } {
  const b = openBackend({ cwd, env }).value;
  if (!(b instanceof StateManager) || !(b.storage instanceof LocalStorage)) throw new Error('expected a local backend');
  return b as StateManager & { storage: LocalStorage };
}
const object = (addr: string, id: string): JournalEvent => ({ t: 'object', addr, resource: TD, instance: tdObject(id, id) });

async function withObjects(b: StateManager, n: number, serial = 1): Promise<StateFile> {
  const s = { ...emptyState(), serial };
  const idx = new StateIndex(s);
  for (let i = 0; i < n; i++) idx.setObject(`terraform_data.a[${i}]`, TD.provider, tdObject(`id-${i}`, i));
  await b.write(s);
  return s;
}

/** What only the local backend does: its files (the policy's tests are in ./conformance). */
describe('local backend files', () => {
  test('state/terraform.tfstate in Terraform’s format, its .backup the previous snapshot (a hard link), the journal beside them', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = await withObjects(b, 3);
    const first = readFileSync(join(cwd, 'state', 'terraform.tfstate'), 'utf8');
    expect(first).toBe(formatState(s));
    expect(b.description).toBe('local state file "state/terraform.tfstate"');
    const ino = statSync(b.storage.paths.state).ino;
    await b.write({ ...s, serial: 2 });
    expect(readFileSync(b.storage.paths.backup, 'utf8')).toBe(first);
    expect(statSync(b.storage.paths.backup).ino).toBe(ino);
    expect(parseJournal(readFileSync(b.storage.paths.journal, 'utf8'), 'j').lines.map((l) => l.t)).toEqual(['checkpoint', 'checkpoint']);
  });

  test('a truncated state file: the error names the file and gives the cp that restores the backup', async () => {
    const cwd = tempDir();
    const b = backend(cwd);
    const s = await withObjects(b, 2);
    await b.write({ ...s, serial: 2 });
    writeFileSync(b.storage.paths.state, readFileSync(b.storage.paths.state, 'utf8').slice(0, 100));
    const err = await backend(cwd).read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateCorruptError);
    expect((err as Error).message).toContain('The state file "state/terraform.tfstate" cannot be read: it is not valid JSON');
    expect((err as Error).message).toContain('cp "state/terraform.tfstate.backup" "state/terraform.tfstate"');
    expect((err as Error).message).toContain('"state/terraform.tfstate.journal"');
  });

  test('parallel appends to a new journal cost one fsync for the file’s directory entry and one for the batch', async () => {
    const b = backend(tempDir());
    await Promise.all(Array.from({ length: 50 }, (_, i) => b.append([object(`terraform_data.a[${i}]`, String(i))])));
    expect(b.storage.stats.fsyncs).toBe(2);
    expect(parseJournal(readFileSync(b.storage.paths.journal, 'utf8'), 'j').lines).toHaveLength(50);
  });

  test('the first append of a process cuts a torn tail a killed writer left, so the file stays readable', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'state'));
    const path = join(cwd, 'state', 'terraform.tfstate.journal');
    writeFileSync(path, JSON.stringify(object('terraform_data.a', '1')) + '\n{"t":"object","addr":"terr');
    const b = backend(cwd);
    await b.append([object('terraform_data.b', '2')]);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).addr)).toEqual(['terraform_data.a', 'terraform_data.b']);
  });

  test('files written by minitf before the storage split (commit bc9e948) still load: snapshot, journal, pending intents, backup', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'state'));
    const fx = fixture<Record<string, string>>('local');
    for (const [name, text] of Object.entries(fx)) writeFileSync(join(cwd, 'state', name), text);
    const b = backend(cwd, FIXTURE_ENV);
    const state = await expectFixtureState(b);
    expect(JSON.parse(fx['terraform.tfstate.backup']!).serial).toBe(1);
    await b.write({ ...state!, serial: 3 });
    expect(JSON.parse(readFileSync(b.storage.paths.backup, 'utf8')).serial).toBe(2);
    const again = await backend(cwd, FIXTURE_ENV).read();
    expect(again.state!.serial).toBe(3);
    expect(new StateIndex(again.state!).addresses()).toEqual(['terraform_data.b', 'terraform_data.d', 'terraform_data.s']);
    expect(again.pending.map((p) => p.addr)).toEqual(['terraform_data.c']);
  });
});
