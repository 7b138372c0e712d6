import { describe, expect, test } from 'vitest';
import { hostname } from 'node:os';
import {
  emptyState,
  fixedKeys,
  ForceUnlockError,
  formatState,
  isSealed,
  journalText,
  openWorkspaces,
  parseJournal,
  SealError,
  StaleStateError,
  StateCorruptError,
  StateIndex,
  StateLockedError,
  StateManager,
  stateErrorDiagnostic,
  stretch,
  type JournalEvent,
  type StateFile,
  type StateStorage,
} from '../../../src/states/index.js';
import { TD, tdObject } from '../helpers/tmp.js';
import { child, KEY, open, type Harness, type Place } from './harness.js';

const P = TD.provider;
const obj = (id: string, input: unknown = `in-${id}`, sensitive = false): JournalEvent => ({ t: 'object', addr: `terraform_data.${id}`, resource: { ...TD, name: id }, instance: tdObject(id, input, sensitive) });
const intent = (id: string): JournalEvent => ({ t: 'intent', addr: `terraform_data.${id}`, resource: { ...TD, name: id }, action: 'create', token: `tok-${id}`, time: '2026-01-01T00:00:00Z' });
const addrs = (s: StateFile | null) => (s ? new StateIndex(s).addresses() : []);

function withObjects(base: StateFile, ...ids: string[]): StateFile {
  const s = structuredClone(base);
  const idx = new StateIndex(s);
  for (const id of ids) idx.setObject(`terraform_data.${id}`, P, tdObject(id, `in-${id}`));
  return s;
}

/** The journal as stored, line types and serials/addresses: `checkpoint:2`, `intent:terraform_data.p`. */
async function journalShape(storage: StateStorage): Promise<string[]> {
  return parseJournal(await storage.readJournal(), 'journal').lines.map((l) => `${l.t}:${'serial' in l ? l.serial : 'addr' in l ? l.addr : ''}`);
}

/** A storage that counts what the policy asks of it. */
function counting(inner: StateStorage): StateStorage & { counts: { appends: number; bytes: number } } {
  const counts = { appends: 0, bytes: 0 };
  return {
    description: inner.description,
    names: inner.names,
    lock: inner.lock,
    counts,
    getSnapshot: () => inner.getSnapshot(),
    snapshotVersion: () => inner.snapshotVersion(),
    putSnapshot: (t, v) => ((counts.bytes += Buffer.byteLength(t)), inner.putSnapshot(t, v)),
    readJournal: () => inner.readJournal(),
    appendJournal: (t) => ((counts.appends++, (counts.bytes += Buffer.byteLength(t))), inner.appendJournal(t)),
    replaceJournal: (t) => ((counts.bytes += Buffer.byteLength(t)), inner.replaceJournal(t)),
    close: () => inner.close(),
  };
}

/** The conformance suite: what every backend must do, through the one policy over its storage. */
export function describeConformance(h: Harness): void {
  const ws = (() => {
    let n = 0;
    return () => `w${++n}`;
  })();
  let place: Place | undefined;
  const here = () => (place ??= h.place());
  const again = (b: StateManager, extra: Parameters<Place['options']>[0] = {}) => open(here(), { workspace: workspaceOf(b), ...extra });
  const workspaces = new WeakMap<StateManager, string>();
  const workspaceOf = (b: StateManager) => workspaces.get(b)!;
  const make = (extra: Parameters<Place['options']>[0] = {}) => {
    const w = extra.workspace ?? ws();
    const b = open(here(), { ...extra, workspace: w });
    workspaces.set(b, w);
    return b;
  };

  describe(`${h.name}: snapshot, journal and replay`, () => {
    test('a new workspace reads as no state; a write reads back the same, formatted as Terraform writes it', async () => {
      const b = make();
      expect(await b.read()).toEqual({ state: null, pending: [] });
      const s = withObjects({ ...emptyState(), serial: 1 }, 'a', 'b');
      await b.write(s);
      expect((await again(b).read()).state).toEqual(s);
      expect((await b.storage.getSnapshot())!.text).toBe(formatState(s));
    });

    test('events appended and never written to a snapshot are replayed by the next process; intents without outcome are pending', async () => {
      const b = make();
      const s = withObjects({ ...emptyState(), serial: 1 }, 'a');
      await b.write(s);
      await b.append([intent('b'), obj('b'), intent('c')]);
      await b.append([{ t: 'removed', addr: 'terraform_data.a' }, { t: 'outputs', outputs: { o: { value: 'x', type: 'string' } } }]);
      const { state, pending } = await again(b).read();
      expect(addrs(state)).toEqual(['terraform_data.b']);
      expect(state!.outputs).toEqual({ o: { value: 'x', type: 'string' } });
      expect(state!.lineage).toBe(s.lineage);
      expect(pending.map((p) => p.addr)).toEqual(['terraform_data.c']);
    });

    test('events of a first run that never wrote a snapshot build a state of their own', async () => {
      const b = make();
      await b.append([obj('x')]);
      const { state } = await again(b).read();
      expect(addrs(state)).toEqual(['terraform_data.x']);
      expect(state!.serial).toBe(0);
    });

    test('a write compacts the journal but keeps unresolved intents until an event resolves them', async () => {
      const b = make();
      const s = withObjects({ ...emptyState(), serial: 1 });
      await b.write(s);
      await b.append([intent('p'), intent('q'), obj('q')]);
      await b.write(withObjects({ ...s, serial: 2 }, 'q'));
      expect((await again(b).read()).pending.map((p) => p.token)).toEqual(['tok-p']);
      await b.write(withObjects({ ...s, serial: 3 }, 'q'));
      expect(await journalShape(b.storage)).toEqual(['intent:terraform_data.p', 'checkpoint:2', 'checkpoint:3']);
      expect((await again(b).read()).pending.map((p) => p.token)).toEqual(['tok-p']);
      await b.append([obj('p')]);
      expect((await again(b).read()).pending).toEqual([]);
    });

    test('the snapshot holds every event appended before write() was called and none after; later ones are not lost', async () => {
      const b = make();
      const s = { ...emptyState(), serial: 1 };
      const before = b.append([obj('p')]);
      const written = b.write(withObjects(s, 'p'));
      const later = b.append([obj('q')]);
      await Promise.all([before, written, later]);
      expect(addrs((await again(b).read()).state)).toEqual(['terraform_data.p', 'terraform_data.q']);
      expect(addrs(JSON.parse((await b.storage.getSnapshot())!.text))).toEqual(['terraform_data.p']);
    });

    test('overlapping writes land in call order; a repeated serial is refused at once', async () => {
      const b = make();
      const s = withObjects({ ...emptyState(), serial: 1 }, 'a');
      await b.write(s);
      const w2 = b.write({ ...s, serial: 2 });
      const w3 = b.write({ ...s, serial: 3 });
      await expect(b.write({ ...s, serial: 3 })).rejects.toThrow(StaleStateError);
      await Promise.all([w2, w3]);
      expect(JSON.parse((await b.storage.getSnapshot())!.text).serial).toBe(3);
      expect((await again(b).read()).state!.serial).toBe(3);
    });

    test('a crash after the checkpoint but before the snapshot replace loses nothing', async () => {
      const b = make();
      const s = withObjects({ ...emptyState(), serial: 1 }, 'a');
      await b.write(s);
      await b.append([obj('b')]);
      // What a write of serial 2 leaves when killed right after its checkpoint became durable.
      await b.storage.appendJournal(journalText([{ t: 'checkpoint', serial: 2, lineage: s.lineage, id: 'killed' }]));
      const { state } = await again(b).read();
      expect(state!.serial).toBe(1);
      expect(addrs(state)).toEqual(['terraform_data.a', 'terraform_data.b']);
    });

    test('a crash after the snapshot replace but before the journal compaction replays nothing twice', async () => {
      const b = make();
      const s = withObjects({ ...emptyState(), serial: 1 }, 'a');
      await b.write(s);
      await b.append([obj('b'), { t: 'moved', from: 'terraform_data.b', to: 'terraform_data.c' }]);
      // The state written next has terraform_data.b gone (say, refresh found it deleted) and c moved back to b.
      const next = { ...withObjects(s, 'b'), serial: 2 };
      await b.storage.appendJournal(journalText([{ t: 'checkpoint', serial: 2, lineage: s.lineage, id: 'killed' }]));
      await b.storage.putSnapshot(formatState(next), await b.storage.snapshotVersion());
      await b.append([obj('d')]);
      const { state } = await again(b).read();
      expect(state!.serial).toBe(2);
      expect(addrs(state)).toEqual(['terraform_data.a', 'terraform_data.b', 'terraform_data.d']);
    });

    test('the replaced snapshot is kept as the backup; restoring it replays every later event on top', async () => {
      const b = make();
      const s1 = withObjects({ ...emptyState(), serial: 1 }, 'a');
      await b.write(s1);
      await b.append([obj('b')]);
      await b.write(withObjects({ ...s1, serial: 2 }, 'a', 'b'));
      await b.append([obj('c')]);
      await here().restoreBackup(workspaceOf(b));
      const { state } = await again(b).read();
      expect(state!.serial).toBe(1);
      expect(addrs(state)).toEqual(['terraform_data.a', 'terraform_data.b', 'terraform_data.c']);
    });

    test('replace stores a state of another lineage, keeps the previous one as the backup and drops its journal', async () => {
      const b = make();
      const old = withObjects({ ...emptyState(), serial: 5 }, 'a');
      await b.write(old);
      await b.append([obj('b')]);
      const other = withObjects({ ...emptyState(), serial: 1 }, 'z');
      await b.replace(other);
      expect((await again(b).read()).state).toEqual(other);
      await b.write({ ...other, serial: 2 });
      await here().restoreBackup(workspaceOf(b));
      expect(addrs((await again(b).read()).state)).toEqual(['terraform_data.z']);
    });
  });

  describe(`${h.name}: stale and concurrent writers`, () => {
    test.each([
      ['another lineage', (s: StateFile) => ({ ...s, lineage: 'someone-else', serial: 9 }), /lineage "someone-else"/],
      ['the same serial', (s: StateFile) => ({ ...s }), /has serial 5, and the state being written has serial 5/],
      ['an older serial', (s: StateFile) => ({ ...s, serial: 4 }), /has serial 5, and the state being written has serial 4/],
    ])('a write with %s is refused (StaleStateError) and the stored state is kept', async (_name, change, message) => {
      const b = make();
      const s = withObjects({ ...emptyState(), serial: 5 }, 'a');
      await b.write(s);
      const before = (await b.storage.getSnapshot())!.text;
      const err = await again(b).write(change(withObjects(s, 'c'))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StaleStateError);
      expect((err as Error).message).toMatch(message);
      expect(stateErrorDiagnostic(err)?.summary).toBe('Failed to persist state');
      expect((await b.storage.getSnapshot())!.text).toBe(before);
      // The refused write left no checkpoint: events appended later still replay.
      await b.append([obj('late')]);
      expect(addrs((await again(b).read()).state)).toEqual(['terraform_data.a', 'terraform_data.late']);
    });

    test('two writers from the same serial: the second is refused, the first one’s update is kept', async () => {
      const a = make();
      await a.write(withObjects({ ...emptyState(), serial: 1 }, 'base'));
      const b = again(a);
      const seenA = (await a.read()).state!;
      const seenB = (await b.read()).state!;
      await a.write({ ...withObjects(seenA, 'from_a'), serial: 2 });
      await expect(b.write({ ...withObjects(seenB, 'from_b'), serial: 2 })).rejects.toThrow(StaleStateError);
      expect(addrs((await again(a).read()).state)).toEqual(['terraform_data.base', 'terraform_data.from_a']);
    });

    test('parallel appends are group-committed (fewer storage writes than calls), all durable, order kept', async () => {
      const b = make();
      const storage = counting(b.storage);
      const m = new StateManager({ storage, keys: fixedKeys(stretch(KEY)) });
      const ids = Array.from({ length: 40 }, (_, i) => `n${i}`);
      await Promise.all(ids.map((id) => m.append([obj(id)])));
      expect(storage.counts.appends).toBeLessThan(5);
      expect(addrs((await again(b).read()).state)).toEqual([...ids].sort().map((i) => `terraform_data.${i}`));
    });

    test.each([[60, 180]])('journal and snapshot bytes grow linearly: %i vs %i objects (intent + object each, 4 snapshots)', async (small, large) => {
      const run = async (n: number) => {
        const storage = counting(make().storage);
        const m = new StateManager({ storage, keys: fixedKeys(stretch(KEY)) });
        const s = { ...emptyState(), serial: 0 };
        const idx = new StateIndex(s);
        for (let i = 0; i < n; i++) {
          const addr = `terraform_data.a[${i}]`;
          await m.append([{ t: 'intent', addr, resource: TD, action: 'create', token: `t${i}`, time: '2026-01-01T00:00:00Z' }]);
          idx.setObject(addr, P, tdObject(`id-${i}`, i));
          await m.append([{ t: 'object', addr, resource: TD, instance: tdObject(`id-${i}`, i) }]);
          if ((i + 1) % (n / 4) === 0) await m.write({ ...s, serial: ++s.serial });
        }
        return storage.counts.bytes;
      };
      const ratio = (await run(large)) / (await run(small));
      // Linear: 3x the objects cost 3x the bytes (plus a little for longer addresses), not 9x.
      expect(ratio).toBeGreaterThan(2.5);
      expect(ratio).toBeLessThan(3.6);
    });

    test('after each SIGKILL of a writer (seeded points, mid-append or mid-snapshot) the state holds every acknowledged object exactly once', async () => {
      const opts = here().options({ workspace: ws() });
      const next = rng(20261128);
      for (let round = 0; round < 3; round++) {
        const c = child(opts, 'append-loop');
        const acks = 10 + Math.floor(next() * 50);
        await c.waitFor(/^ACK \d+$/);
        await new Promise<void>((resolve) => {
          const timer = setInterval(() => {
            if (c.lines.filter((l) => l.startsWith('ACK ')).length >= acks) {
              clearInterval(timer);
              c.proc.kill('SIGKILL');
              resolve();
            }
          }, 5);
        });
        await c.exited;
        const acked = c.lines.filter((l) => l.startsWith('ACK ')).map((l) => Number(l.slice(4)));
        const last = acked[acked.length - 1]!;
        const { state, pending } = await open(here(), { workspace: opts.workspace! }).read();
        const got = addrs(state);
        const want = Array.from({ length: last + 1 }, (_, n) => `terraform_data.n[${n}]`);
        expect(got.slice(0, want.length)).toEqual(want);
        expect(got.length - want.length).toBeLessThanOrEqual(1);
        expect(new Set(got).size).toBe(got.length);
        expect(pending.length).toBeLessThanOrEqual(1);
      }
    }, 120_000);
  });

  describe(`${h.name}: damaged bytes`, () => {
    test('a damaged snapshot blocks reads and writes with a clear error naming it and its backup, and is never overwritten', async () => {
      const b = make();
      const s = withObjects({ ...emptyState(), serial: 1 }, 'a');
      await b.write(s);
      await b.write({ ...s, serial: 2 });
      await b.storage.putSnapshot('{"version": 4, "ser', await b.storage.snapshotVersion());
      const fresh = again(b);
      const err = await fresh.read().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StateCorruptError);
      expect((err as Error).message).toMatch(h.names.snapshot);
      expect((err as Error).message).toMatch(h.names.backup);
      expect((err as Error).message).toContain('minitf has not changed it');
      expect(stateErrorDiagnostic(err)?.summary).toBe('Failed to load state');
      await expect(fresh.write({ ...s, serial: 3 })).rejects.toThrow(StateCorruptError);
      expect((await b.storage.getSnapshot())!.text).toBe('{"version": 4, "ser');
    });

    test('a damaged journal line followed by good ones is corruption, named with its line; a torn last line is ignored', async () => {
      const b = make();
      await b.write(withObjects({ ...emptyState(), serial: 1 }, 'a'));
      await b.append([obj('b')]);
      await b.storage.appendJournal(journalText([obj('c')]).slice(0, 30));
      expect(addrs((await again(b).read()).state)).toEqual(['terraform_data.a', 'terraform_data.b']);
      await b.storage.appendJournal('\n' + journalText([obj('d')]));
      const err = await again(b).read().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StateCorruptError);
      expect((err as Error).message).toMatch(/journal.*damaged at line \d+/);
    });
  });

  describe(`${h.name}: sealing`, () => {
    test('sensitive values are sealed in the stored snapshot and journal, opened by read, and stay sealed in raw mode', async () => {
      const b = make();
      const s = { ...emptyState(), serial: 1 };
      new StateIndex(s).setObject('terraform_data.s', P, tdObject('s', 'hunter2', true));
      s.outputs = { pw: { value: 'opensesame', type: 'string', sensitive: true } };
      await b.write(s);
      await b.append([obj('t', 'swordfish', true), { ...intent('u'), request: { schema_version: 0, attributes: { name: 'web', password: 'trustno1' }, sensitive_attributes: [[{ type: 'get_attr', value: 'password' }]] } } as JournalEvent]);
      const stored = (await b.storage.getSnapshot())!.text + (await b.storage.readJournal());
      for (const secret of ['hunter2', 'swordfish', 'opensesame', 'trustno1']) expect(stored).not.toContain(secret);
      expect(stored).toContain('minitf-sealed:v1:');
      const { state, pending } = await again(b).read();
      const idx = new StateIndex(state!);
      expect((idx.object('terraform_data.s')!.attributes.input as { value: string }).value).toBe('hunter2');
      expect((idx.object('terraform_data.t')!.attributes.output as { value: string }).value).toBe('swordfish');
      expect(state!.outputs.pw!.value).toBe('opensesame');
      expect(pending[0]!.request!.attributes).toEqual({ name: 'web', password: 'trustno1' });
      const raw = (await again(b, { raw: true, env: {} }).read()).state!;
      expect(isSealed((new StateIndex(raw).object('terraform_data.s')!.attributes.input as { value: unknown }).value)).toBe(true);
    });

    test.skipIf(!h.shared)('a shared state seals only with MINITF_STATE_KEY (a key file would exist on one machine only)', async () => {
      const b = make({ env: {} });
      const s = { ...emptyState(), serial: 1 };
      new StateIndex(s).setObject('terraform_data.s', P, tdObject('s', 'hunter2', true));
      const err = await b.write(s).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SealError);
      expect((err as Error).message).toContain('MINITF_STATE_KEY');
      await b.write(withObjects({ ...emptyState(), serial: 1 }, 'plain'));
      expect(addrs((await again(b).read()).state)).toEqual(['terraform_data.plain']);
    });
  });

  describe(`${h.name}: locks`, () => {
    test('a second client fails fast with the holder’s lock info, and gets the lock once it is released', async () => {
      const a = make();
      const b = again(a);
      const lock = await a.lock('OperationTypeApply', { timeoutMs: 0, info: 'first' });
      const err = await b.lock('OperationTypeApply', { timeoutMs: 0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StateLockedError);
      expect((err as StateLockedError).info).toMatchObject({ ID: lock.info.ID, Operation: 'OperationTypeApply', Info: 'first', PID: process.pid, Host: hostname() });
      expect(stateErrorDiagnostic(err)?.summary).toBe('Error acquiring the state lock');
      expect(await b.lockInfo()).toEqual(lock.info);
      await lock.release();
      await lock.release();
      expect(await b.lockInfo()).toBeUndefined();
      const again2 = await b.lock('OperationTypePlan', { timeoutMs: 0 });
      expect(again2.info.Operation).toBe('OperationTypePlan');
      await again2.release();
    });

    test('locks of different workspaces are independent', async () => {
      const la = await make().lock('OperationTypeApply', { timeoutMs: 0 });
      const lb = await make().lock('OperationTypeApply', { timeoutMs: 0 });
      await la.release();
      await lb.release();
    });

    test('another process holds the lock: -lock-timeout waits, is told once, and gets it when released', async () => {
      const w = ws();
      const c = child(here().options({ workspace: w }), 'release:1500');
      const [, id] = await c.waitFor(/^LOCKED (\S+)$/);
      const b = open(here(), { workspace: w });
      const err = await b.lock('OperationTypeApply', { timeoutMs: 0 }).catch((e: unknown) => e);
      expect((err as StateLockedError).info).toMatchObject({ ID: id, PID: c.proc.pid, Info: 'held by a test' });
      let waited = 0;
      const lock = await b.lock('OperationTypePlan', { timeoutMs: 30_000, onWait: () => waited++ });
      expect(waited).toBe(1);
      await lock.release();
      await c.exited;
    });

    test('the lock of a SIGKILLed holder does not block the next run', async () => {
      const w = ws();
      const c = child(here().options({ workspace: w }), 'hold');
      const [, id] = await c.waitFor(/^LOCKED (\S+)$/);
      c.proc.kill('SIGKILL');
      await c.exited;
      const lock = await open(here(), { workspace: w }).lock('OperationTypeApply', { timeoutMs: 10_000 });
      expect(lock.info.ID).not.toBe(id);
      await lock.release();
    });

    test('force-unlock needs the right ID; with it, a live holder’s lock is removed', async () => {
      const w = ws();
      const b = open(here(), { workspace: w });
      expect(((await b.forceUnlock('x').catch((e: unknown) => e)) as ForceUnlockError).reason).toBe('not_locked');
      const c = child(here().options({ workspace: w }), 'hold');
      const [, id] = await c.waitFor(/^LOCKED (\S+)$/);
      expect(((await b.forceUnlock('not-the-id').catch((e: unknown) => e)) as ForceUnlockError).reason).toBe('id_mismatch');
      expect((await b.lockInfo())?.ID).toBe(id);
      await b.forceUnlock(id!);
      const lock = await b.lock('OperationTypeApply', { timeoutMs: 5_000 });
      await lock.release();
    });
  });

  describe(`${h.name}: workspaces, pull and push, size`, () => {
    test('list, create and delete: default first, others sorted; each keeps its own state', async () => {
      const p = h.place();
      const store = openWorkspaces(p.options()).value!;
      expect(await store.list()).toEqual(['default']);
      await store.create('zeta');
      await store.create('alpha');
      await store.create('alpha');
      const dev = open(p, { workspace: 'alpha' });
      const prod = open(p, { workspace: 'zeta' });
      // A new workspace may hold an empty state (oss writes one, as Terraform does, so it is listed): start from what is read.
      const start = async (b: StateManager, serial: number) => ({ ...((await b.read()).state ?? emptyState()), serial });
      const s1 = withObjects(await start(dev, 1), 'dev');
      const s2 = withObjects(await start(prod, 7), 'prod');
      await Promise.all([dev.write(s1), prod.write(s2)]);
      expect(await store.list()).toEqual(['default', 'alpha', 'zeta']);
      expect((await open(p, { workspace: 'alpha' }).read()).state).toEqual(s1);
      expect((await open(p, { workspace: 'zeta' }).read()).state).toEqual(s2);
      expect((await open(p, { workspace: 'default' }).read()).state).toBeNull();
      await store.delete('alpha');
      await store.delete('default');
      expect(await store.list()).toEqual(['default', 'zeta']);
      expect((await open(p, { workspace: 'alpha' }).read()).state).toBeNull();
    });

    test('pull (raw) then push into another workspace: the same state, its secrets still sealed in storage and opened by read', async () => {
      const from = make();
      const s = withObjects({ ...emptyState(), serial: 3 }, 'a');
      new StateIndex(s).setObject('terraform_data.s', P, tdObject('s', 'hunter2', true));
      await from.write(s);
      await from.append([obj('b')]);
      const pulled = (await again(from, { raw: true }).read()).state!;
      const to = make({ raw: true });
      await to.write(pulled);
      const back = (await again(to).read()).state!;
      expect(addrs(back)).toEqual(['terraform_data.a', 'terraform_data.b', 'terraform_data.s']);
      expect(back.lineage).toBe(s.lineage);
      expect(back.serial).toBe(3);
      expect((await to.storage.getSnapshot())!.text).not.toContain('hunter2');
      expect((new StateIndex(back).object('terraform_data.s')!.attributes.input as { value: string }).value).toBe('hunter2');
    });

    test('a state of 10,000 instances is written, read back whole, and 10,000 journaled objects replay', async () => {
      const b = make();
      const s = { ...emptyState(), serial: 1 };
      const idx = new StateIndex(s);
      for (let i = 0; i < 10_000; i++) idx.setObject(`terraform_data.big[${i}]`, P, tdObject(`id-${i}`, `v${i}`));
      await b.write(s);
      const events: JournalEvent[] = [];
      for (let i = 0; i < 10_000; i++) events.push({ t: 'object', addr: `terraform_data.more[${i}]`, resource: { ...TD, name: 'more' }, instance: tdObject(`m-${i}`, i) });
      await Promise.all(Array.from({ length: 100 }, (_, k) => b.append(events.slice(k * 100, k * 100 + 100))));
      const { state } = await again(b).read();
      expect(state!.resources.map((r) => [r.name, r.instances.length])).toEqual([
        ['big', 10_000],
        ['more', 10_000],
      ]);
      await b.write({ ...state!, serial: 2 });
      expect((await again(b).read()).state).toEqual({ ...state!, serial: 2 });
    }, 120_000);
  });
}

/** A small seeded PRNG (mulberry32), so kill points are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
