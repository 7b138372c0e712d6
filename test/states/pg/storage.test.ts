import { describe, expect, test } from 'vitest';
import { emptyState, StateCorruptError, StateIndex } from '../../../src/states/index.js';
import { TD, tdObject } from '../helpers/tmp.js';
import { expectFixtureState, FIXTURE_ENV, fixture } from '../helpers/fixture.js';
import { admin, CONN_STR, pgBackend, testSchema } from './helpers/db.js';

const schema = testSchema('storage');
let n = 0;
const ws = () => `w${++n}`;

/** Where the pg backend keeps things (the policy's tests are in ../conformance). */
describe('pg backend: tables', () => {
  test('the snapshot is the data of the workspace’s row in Terraform’s states table', async () => {
    const w = ws();
    const b = pgBackend(schema, { workspace: w });
    const s = { ...emptyState(), serial: 1 };
    new StateIndex(s).setObject('terraform_data.a', TD.provider, tdObject('a', 'x'));
    await b.write(s);
    const [row] = await admin<{ data: string }>(`SELECT data FROM "${schema}".states WHERE name = $1`, [w]);
    expect(JSON.parse(row!.data)).toMatchObject({ version: 4, serial: 1, lineage: s.lineage });
  });

  test('parallel appends share journal rows (one row per group-committed batch)', async () => {
    const b = pgBackend(schema, { workspace: ws() });
    await b.write({ ...emptyState(), serial: 1 });
    const ids = Array.from({ length: 40 }, (_, i) => `n${i}`);
    await Promise.all(ids.map((id) => b.append([{ t: 'object', addr: `terraform_data.${id}`, resource: { ...TD, name: id }, instance: tdObject(id, id) }])));
    const [{ rows }] = (await admin<{ rows: number }>(`SELECT count(*)::int AS rows FROM "${schema}".minitf_journal j JOIN "${schema}".states s ON s.id = j.state_id WHERE s.name = $1`, [b.storage.workspace])) as [{ rows: number }];
    expect(rows).toBeLessThan(5);
  });

  test('a damaged snapshot’s error gives the SQL that restores minitf_backups', async () => {
    const b = pgBackend(schema, { workspace: ws() });
    await b.write({ ...emptyState(), serial: 1 });
    await admin(`UPDATE "${schema}".states SET data = '{"version": 4, "ser' WHERE name = $1`, [b.storage.workspace]);
    const err = await pgBackend(schema, { workspace: b.storage.workspace }).read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateCorruptError);
    expect((err as Error).message).toContain(`UPDATE "${schema}".states s SET data = b.data FROM "${schema}".minitf_backups b WHERE b.state_id = s.id AND s.name = '${b.storage.workspace}';`);
  });

  test('tables written by minitf before the storage split (commit bc9e948) still load: snapshot, journal, pending intents, backup', async () => {
    const fx = fixture<{ states: { name: string; data: string }[]; minitf_journal: { name: string; body: string }[]; minitf_backups: { name: string; data: string }[] }>('pg');
    const own = testSchema('fixture');
    const b = pgBackend(own, { env: { PG_CONN_STR: CONN_STR, ...FIXTURE_ENV } });
    await b.read(); // creates the tables
    for (const r of fx.states) await admin(`INSERT INTO "${own}".states (name, data) VALUES ($1, $2)`, [r.name, r.data]);
    for (const r of fx.minitf_journal) await admin(`INSERT INTO "${own}".minitf_journal (state_id, body) SELECT id, $2 FROM "${own}".states WHERE name = $1`, [r.name, r.body]);
    for (const r of fx.minitf_backups) await admin(`INSERT INTO "${own}".minitf_backups (state_id, data) SELECT id, $2 FROM "${own}".states WHERE name = $1`, [r.name, r.data]);
    const state = await expectFixtureState(b);
    // And the policy goes on writing there: the next write keeps the old backup's successor.
    await b.write({ ...state!, serial: 3 });
    expect((await b.read()).state!.serial).toBe(3);
    const [backup] = await admin<{ data: string }>(`SELECT b.data FROM "${own}".minitf_backups b JOIN "${own}".states s ON s.id = b.state_id`);
    expect(JSON.parse(backup!.data).serial).toBe(2);
  });
});
