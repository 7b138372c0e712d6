/**
 * The `pg` backend: workspaces' states in PostgreSQL, shared by a team and its CI. A state is a row
 * of Terraform's `states` table (same layout and advisory-lock keys, so the two tools read each
 * other's states and exclude each other), with minitf's journal, previous snapshot and lock info in
 * tables beside it (`storage.ts`, `lock.ts`, `session.ts`). Locks are session-level advisory locks: a
 * killed client's lock goes with its connection. The `pg` driver is imported only when a pg backend
 * first talks to the database. What the bytes mean is the parent folder's policy (`../manager.ts`).
 */
import { str } from '../settings.js';
import type { BackendDefinition } from '../storage.js';
import { PG_SETTINGS } from './config.js';
import { PgStorage } from './storage.js';
import { PgWorkspaces } from './workspaces.js';

export { maskPassword } from './config.js';
export { PgBackendError, type PgFailure, type PgTarget } from './errors.js';
export { foreignLockId } from './lock.js';
export { PgStorage } from './storage.js';
export { PgWorkspaces } from './workspaces.js';

/** `backend "pg" { conn_str, schema_name }`: nothing connects until the state is used. */
export const backend: BackendDefinition = {
  name: 'pg',
  shared: true,
  settings: PG_SETTINGS,
  open(settings, ctx) {
    return { value: new PgStorage({ connStr: str(settings, 'conn_str'), schema: str(settings, 'schema_name'), workspace: ctx.workspace }), diagnostics: [] };
  },
  workspaces(settings) {
    return { value: new PgWorkspaces({ connStr: str(settings, 'conn_str'), schema: str(settings, 'schema_name') }), diagnostics: [] };
  },
};
