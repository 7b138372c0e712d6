import { describe, expect, test } from 'vitest';
import { emptyState, SealError, StaleStateError, StateCorruptError, StateIndex, isSealed, type JournalEvent, type StateFile } from '../../../src/states/index.js';
import { TD, tdObject } from '../helpers/tmp.js';
import { admin, pgBackend, testSchema } from './helpers/db.js';

const schema = testSchema('backend');
let n = 0;
/** A workspace name of its own for each test (the schema is shared by the file). */
const ws = () => `w${++n}`;

function withObjects(base: StateFile, ...ids: string[]): StateFile {
  const s = structuredClone(base);
  const idx = new StateIndex(s);
  for (const id of ids) idx.setObject(`terraform_data.${id}`, TD.provider, tdObject(id, `in-${id}`));
  return s;
}

const obj = (id: string, sensitive = false): JournalEvent => ({ t: 'object', addr: `terraform_data.${id}`, resource: { ...TD, name: id }, instance: tdObject(id, `in-${id}`, sensitive) });
const intent = (id: string): JournalEvent => ({ t: 'intent', addr: `terraform_data.${id}`, resource: { ...TD, name: id }, action: 'create', token: `tok-${id}`, time: '2026-01-01T00:00:00Z' });

describe('pg backend: snapshot, journal, serial checks', () => {
  test('a new workspace reads as no state; a write is read back, and Terraform’s states row holds it', async () => {
    const w = ws();
    const b = pgBackend(schema, { workspace: w });
    expect(await b.read()).toEqual({ state: null, pending: [] });
    const s = withObjects({ ...emptyState(), serial: 1 }, 'a', 'b');
    await b.write(s);
    const back = await b.read();
    expect(back.state).toEqual(s);
    const [row] = await admin<{ data: string }>(`SELECT data FROM "${schema}".states WHERE name = $1`, [w]);
    expect(JSON.parse(row!.data)).toMatchObject({ version: 4, serial: 1, lineage: s.lineage });
  });

  test('appended events are replayed by read, and a write compacts them away', async () => {
    const b = pgBackend(schema, { workspace: ws() });
    const s = { ...emptyState(), serial: 1 };
    await b.write(s);
    await b.append([intent('x'), obj('x')]);
    await b.append([intent('y')]);
    const r = await b.read();
    expect(new StateIndex(r.state!).addresses()).toEqual(['terraform_data.x']);
    expect(r.pending.map((p) => p.addr)).toEqual(['terraform_data.y']);
    await b.write(withObjects({ ...s, serial: 2 }, 'x'));
    const after = await b.read();
    expect(new StateIndex(after.state!).addresses()).toEqual(['terraform_data.x']);
    expect(after.pending.map((p) => p.addr)).toEqual(['terraform_data.y']);
    await b.append([obj('y')]);
    expect((await b.read()).pending).toEqual([]);
  });

  test('the snapshot holds every event appended before write was called, none appended after', async () => {
    const b = pgBackend(schema, { workspace: ws() });
    const s = { ...emptyState(), serial: 1 };
    const before = b.append([obj('p')]);
    const written = b.write(withObjects(s, 'p'));
    const later = b.append([obj('q')]);
    await Promise.all([before, written, later]);
    const r = await b.read();
    expect(new StateIndex(r.state!).addresses()).toEqual(['terraform_data.p', 'terraform_data.q']);
    const [row] = await admin<{ data: string }>(`SELECT data FROM "${schema}".states WHERE name = $1`, [b.workspace]);
    expect(new StateIndex(JSON.parse(row!.data)).addresses()).toEqual(['terraform_data.p']);
  });

  test('parallel appends share batches (group commit): fewer journal rows than calls, order kept', async () => {
    const b = pgBackend(schema, { workspace: ws() });
    await b.write({ ...emptyState(), serial: 1 });
    const ids = Array.from({ length: 40 }, (_, i) => `n${i}`);
    await Promise.all(ids.map((id) => b.append([obj(id)])));
    const [{ rows }] = (await admin<{ rows: number }>(`SELECT count(*)::int AS rows FROM "${schema}".minitf_journal j JOIN "${schema}".states s ON s.id = j.state_id WHERE s.name = $1`, [b.workspace])) as [{ rows: number }];
    expect(rows).toBeLessThan(ids.length);
    expect(new StateIndex((await b.read()).state!).addresses().sort()).toEqual(ids.map((i) => `terraform_data.${i}`).sort());
  });

  test.each([
    ['an older serial', (s: StateFile) => ({ ...s, serial: 2 }), /has serial 3, and the state being written has serial 2/],
    ['the same serial', (s: StateFile) => ({ ...s, serial: 3 }), /has serial 3, and the state being written has serial 3/],
    ['another lineage', (s: StateFile) => ({ ...s, serial: 9, lineage: 'other' }), /lineage "other"/],
  ])('a write from a stale state (%s) is refused and changes nothing', async (_name, stale, message) => {
    const w = ws();
    const first = pgBackend(schema, { workspace: w });
    const second = pgBackend(schema, { workspace: w });
    const base = withObjects({ ...emptyState(), serial: 1 }, 'a');
    await first.write(base);
    const seen = (await second.read()).state!;
    await first.write(withObjects({ ...base, serial: 3 }, 'a', 'b'));
    const err = await second.write(stale(withObjects(seen, 'c'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleStateError);
    expect((err as Error).message).toMatch(message);
    expect(new StateIndex((await first.read()).state!).addresses()).toEqual(['terraform_data.a', 'terraform_data.b']);
  });

  test('the previous snapshot is kept in minitf_backups, and restoring it replays the later events', async () => {
    const b = pgBackend(schema, { workspace: ws() });
    const s1 = withObjects({ ...emptyState(), serial: 1 }, 'a');
    await b.write(s1);
    await b.append([obj('b')]);
    await b.write(withObjects({ ...s1, serial: 2 }, 'a', 'b'));
    await b.append([obj('c')]);
    await admin(`UPDATE "${schema}".states s SET data = k.data FROM "${schema}".minitf_backups k WHERE k.state_id = s.id AND s.name = $1`, [b.workspace]);
    const r = await b.read();
    expect(r.state!.serial).toBe(1);
    expect(new StateIndex(r.state!).addresses()).toEqual(['terraform_data.a', 'terraform_data.b', 'terraform_data.c']);
  });

  test('a damaged snapshot blocks reads and writes, names the backup table, and is never overwritten', async () => {
    const b = pgBackend(schema, { workspace: ws() });
    await b.write({ ...emptyState(), serial: 1 });
    await admin(`UPDATE "${schema}".states SET data = '{"version": 4, "ser' WHERE name = $1`, [b.workspace]);
    const fresh = pgBackend(schema, { workspace: b.workspace });
    const err = await fresh.read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateCorruptError);
    expect((err as Error).message).toContain('minitf_backups');
    expect(await fresh.write({ ...emptyState(), serial: 5 }).catch((e: unknown) => e)).toBeInstanceOf(StateCorruptError);
    const [row] = await admin<{ data: string }>(`SELECT data FROM "${schema}".states WHERE name = $1`, [b.workspace]);
    expect(row!.data).toBe('{"version": 4, "ser');
  });

  test('sensitive values are sealed in the snapshot and the journal, and opened by read', async () => {
    const b = pgBackend(schema, { workspace: ws() });
    const s = { ...emptyState(), serial: 1 };
    new StateIndex(s).setObject('terraform_data.s', TD.provider, tdObject('s', 'hunter2', true));
    await b.write(s);
    await b.append([obj('t', true)]);
    const dump = await admin<{ text: string }>(
      `SELECT s.data || coalesce(string_agg(j.body, ''), '') AS text FROM "${schema}".states s LEFT JOIN "${schema}".minitf_journal j ON j.state_id = s.id WHERE s.name = $1 GROUP BY s.data`,
      [b.workspace],
    );
    expect(dump[0]!.text).not.toContain('hunter2');
    expect(dump[0]!.text).not.toContain('in-t');
    expect(dump[0]!.text).toContain('minitf-sealed:v1:');
    const r = await b.read();
    const idx = new StateIndex(r.state!);
    expect(idx.addresses()).toEqual(['terraform_data.s', 'terraform_data.t']);
    expect(r.state!.resources[0]!.instances[0]!.attributes.input).toEqual({ value: 'hunter2', type: 'string' });
    const raw = pgBackend(schema, { workspace: b.workspace, raw: true, env: { PG_CONN_STR: process.env.MINITF_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test' } });
    const sealed = (await raw.read()).state!.resources[0]!.instances[0]!.attributes.input as { value: unknown };
    expect(isSealed(sealed.value)).toBe(true);
  });

  test('sealing in a shared state needs MINITF_STATE_KEY (a key file would exist on one machine only)', async () => {
    const b = pgBackend(schema, { workspace: ws(), env: { PG_CONN_STR: process.env.MINITF_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test' } });
    const s = { ...emptyState(), serial: 1 };
    new StateIndex(s).setObject('terraform_data.s', TD.provider, tdObject('s', 'hunter2', true));
    const err = await b.write(s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SealError);
    expect((err as Error).message).toContain('MINITF_STATE_KEY');
    await b.write(withObjects({ ...emptyState(), serial: 1 }, 'plain'));
    expect(new StateIndex((await b.read()).state!).addresses()).toEqual(['terraform_data.plain']);
  });
});
