/**
 * The `pg` backend: workspaces' states in PostgreSQL, shared by a team and its CI. A state is a row
 * of Terraform's `states` table (same layout and advisory-lock keys, so the two tools read each
 * other's states and exclude each other), with minitf's journal, previous snapshot and lock info in
 * tables beside it. Locks are session-level advisory locks: a killed client's lock goes with its
 * connection. The `pg` driver is imported only when a pg backend first talks to the database. The
 * contract (`Backend`, `WorkspaceStore`), replay, journal lines, sealing and the state format are
 * the parent folder's; opening by configuration is `../factory.ts`.
 */
import type { Result } from '../../diag/index.js';
import type { Backend, WorkspaceStore } from '../backend.js';
import type { BackendType, OpenBackendOptions } from '../factory.js';
import { PgBackend } from './backend.js';
import { pgSettings } from './config.js';
import { TeamKeys } from './keys.js';
import { PgWorkspaces } from './workspaces.js';

export { PgBackend, type PgBackendOptions } from './backend.js';
export { checkConnStr, DEFAULT_PG_SCHEMA, maskPassword, pgSettings, quoteIdent, type PgSettings } from './config.js';
export { describeTarget, PgBackendError, pgErrorDiagnostic, wrapPgError, type PgFailure, type PgTarget } from './errors.js';
export { TeamKeys } from './keys.js';
export { foreignLockId, type PgLockHolder } from './lock.js';
export { CONNECT_TIMEOUT_MS, loadPg, PgSession, tableStatements, type Sql } from './session.js';
export { PgWorkspaces } from './workspaces.js';

/**
 * The `pg` backend type for the factory: settings from the block, `-backend-config` and
 * `PG_CONN_STR`/`PG_SCHEMA_NAME` (diagnostics when missing or invalid); nothing connects until the
 * backend is used.
 */
export const pgBackendType: BackendType = {
  open(opts: OpenBackendOptions): Result<Backend | undefined> {
    const cfg = pgSettings(opts);
    if (!cfg.value) return { value: undefined, diagnostics: cfg.diagnostics };
    const backend = new PgBackend({ ...cfg.value, keys: new TeamKeys({ cwd: opts.cwd, env: opts.env }), ...(opts.raw ? { raw: true } : {}) });
    return { value: backend, diagnostics: cfg.diagnostics };
  },
  workspaces(opts: OpenBackendOptions): Result<WorkspaceStore | undefined> {
    const cfg = pgSettings(opts);
    if (!cfg.value) return { value: undefined, diagnostics: cfg.diagnostics };
    return { value: new PgWorkspaces(cfg.value), diagnostics: cfg.diagnostics };
  },
};
