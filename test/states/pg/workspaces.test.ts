import { describe, expect, test } from 'vitest';
import { emptyState, openWorkspaces, StateIndex, StateLockedError } from '../../../src/states/index.js';
import { PgWorkspaces } from '../../../src/states/pg/index.js';
import { TD, tdObject } from '../helpers/tmp.js';
import { pgBackend, pgOptions, testSchema } from './helpers/db.js';

describe('pg backend: workspaces', () => {
  test('two workspaces keep separate states', async () => {
    const schema = testSchema('ws_separate');
    const dev = pgBackend(schema, { workspace: 'dev' });
    const prod = pgBackend(schema, { workspace: 'prod' });
    const s1 = { ...emptyState(), serial: 1 };
    new StateIndex(s1).setObject('terraform_data.a', TD.provider, tdObject('a', 'dev'));
    const s2 = { ...emptyState(), serial: 7 };
    new StateIndex(s2).setObject('terraform_data.b', TD.provider, tdObject('b', 'prod'));
    await Promise.all([dev.write(s1), prod.write(s2)]);
    await dev.append([{ t: 'removed', addr: 'terraform_data.a' }]);
    expect((await dev.read()).state).toMatchObject({ serial: 1, lineage: s1.lineage, resources: [] });
    expect((await prod.read()).state).toEqual(s2);
    expect((await pgBackend(schema, { workspace: 'default' }).read()).state).toBeNull();
  });

  test('list, create and delete: default always first, others sorted; deleting removes the state', async () => {
    const schema = testSchema('ws_store');
    const store = openWorkspaces(pgOptions(schema)).value!;
    expect(store).toBeInstanceOf(PgWorkspaces);
    expect(await store.list()).toEqual(['default']);
    await store.create('zeta');
    await store.create('alpha');
    await store.create('alpha');
    expect(await store.list()).toEqual(['default', 'alpha', 'zeta']);
    const b = pgBackend(schema, { workspace: 'alpha' });
    await b.write({ ...emptyState(), serial: 1 });
    await b.append([{ t: 'outputs', outputs: { x: { value: 1, type: 'number' } } }]);
    await b.close();
    await store.delete('alpha');
    await store.delete('default');
    expect(await store.list()).toEqual(['default', 'zeta']);
    expect((await pgBackend(schema, { workspace: 'alpha' }).read()).state).toBeNull();
  });

  test('a locked workspace cannot be deleted', async () => {
    const schema = testSchema('ws_locked');
    const store = openWorkspaces(pgOptions(schema)).value!;
    await store.create('busy');
    const lock = await pgBackend(schema, { workspace: 'busy' }).lock('OperationTypeApply', { timeoutMs: 0 });
    const err = await store.delete('busy').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateLockedError);
    expect((err as StateLockedError).info?.ID).toBe(lock.info.ID);
    await lock.release();
    await store.delete('busy');
    expect(await store.list()).toEqual(['default']);
  });
});
