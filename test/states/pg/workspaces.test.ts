import { describe, expect, test } from 'vitest';
import { openWorkspaces, StateLockedError } from '../../../src/states/index.js';
import { PgWorkspaces } from '../../../src/states/pg/index.js';
import { pgBackend, pgOptions, testSchema } from './helpers/db.js';

/** What only pg workspaces do (listing and separation are in ../conformance). */
describe('pg backend: workspaces', () => {
  test('a workspace whose advisory lock is held cannot be deleted', async () => {
    const schema = testSchema('ws_locked');
    const store = openWorkspaces(pgOptions(schema)).value!;
    expect(store).toBeInstanceOf(PgWorkspaces);
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
