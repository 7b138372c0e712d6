import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderDiagnostic } from '../../../src/diag/index.js';
import { openBackend, parseBackendConfig, StateManager, stateErrorDiagnostic, type OpenBackendOptions } from '../../../src/states/index.js';
import { maskPassword, PgBackendError, PgStorage } from '../../../src/states/pg/index.js';
import { admin, CONN_STR, testSchema } from './helpers/db.js';

const cwd = '/work/project';
const range = { file: 'main.tf', start: { line: 2, column: 3 } };
const opts = (config: Record<string, unknown>, env: Record<string, string> = {}, extra: Partial<OpenBackendOptions> = {}): OpenBackendOptions => ({
  cwd,
  env,
  workspace: 'default',
  backend: { type: 'pg', config, range },
  ...extra,
});

describe('pg backend settings', () => {
  test.each([
    ['the block', opts({ conn_str: 'postgres://a/x', schema_name: 's1' }), 'postgres://a/x', 's1'],
    ['the environment when the block has none', opts({}, { PG_CONN_STR: 'postgres://env/x', PG_SCHEMA_NAME: 'envs' }), 'postgres://env/x', 'envs'],
    ['the block before the environment', opts({ conn_str: 'postgres://blk/x' }, { PG_CONN_STR: 'postgres://env/x' }), 'postgres://blk/x', 'terraform_remote_state'],
    ['-backend-config before the block', opts({ conn_str: 'postgres://blk/x' }, {}, { backendConfig: { conn_str: 'postgres://cli/x', schema_name: 'clis' } }), 'postgres://cli/x', 'clis'],
    ['postgresql:// URLs', opts({ conn_str: 'postgresql://u@h:6543/db?sslmode=disable' }), 'postgresql://u@h:6543/db?sslmode=disable', 'terraform_remote_state'],
  ])('conn_str and schema_name from %s', (_name, o, connStr, schema) => {
    const r = openBackend(o);
    expect(r.diagnostics).toEqual([]);
    const storage = (r.value as StateManager).storage as PgStorage;
    expect(storage).toBeInstanceOf(PgStorage);
    expect(storage.session.schema).toBe(`"${schema}"`);
    expect(storage.session.target.host).toBe(new URL(connStr).hostname);
  });

  test.each([
    ['no conn_str anywhere', opts({}), 'Missing required argument', 'PG_CONN_STR'],
    ['an unknown argument', opts({ conn_str: 'postgres://h/d', bucket: 'b' }), 'Unsupported argument', '"bucket"'],
    ['a value that is not a string', opts({ conn_str: 'postgres://h/d', schema_name: 3 }), 'Incorrect attribute value type', 'schema_name'],
    ['a connection string that is not a URL', opts({ conn_str: 'host=db user=me password=hunter2' }), 'Invalid conn_str', 'not a URL'],
    ['another URL scheme', opts({ conn_str: 'mysql://me:hunter2@db/x' }), 'Invalid conn_str', '"mysql://"'],
    ['-state', opts({ conn_str: 'postgres://h/d' }, {}, { statePath: 'x.tfstate' }), 'Invalid option', 'state pull'],
  ])('%s is a diagnostic (and no password is shown)', (_name, o, summary, detail) => {
    const r = openBackend(o);
    expect(r.value).toBeUndefined();
    const d = r.diagnostics.find((x) => x.severity === 'error')!;
    expect(d.summary).toBe(summary);
    expect(d.detail).toContain(detail);
    expect(JSON.stringify(r.diagnostics)).not.toContain('hunter2');
  });

  test('a password written in the block is a warning (use -backend-config, PG_CONN_STR or PGPASSWORD)', () => {
    const r = openBackend(opts({ conn_str: 'postgres://me:hunter2@db/x' }));
    expect((r.value as StateManager).storage).toBeInstanceOf(PgStorage);
    expect(r.diagnostics.map((d) => [d.severity, d.summary])).toEqual([['warning', 'Password in the backend configuration']]);
    expect(JSON.stringify(r.diagnostics)).not.toContain('hunter2');
    expect(openBackend(opts({}, {}, { backendConfig: { conn_str: 'postgres://me:hunter2@db/x' } })).diagnostics).toEqual([]);
  });

  test.each([
    ['postgres://me:hunter2@db:5/x', 'postgres://me:***@db:5/x'],
    ['postgres://me@db/x', 'postgres://me@db/x'],
    ['postgres://db/x', 'postgres://db/x'],
  ])('maskPassword(%s)', (input, want) => expect(maskPassword(input)).toBe(want));

  test.each([
    [['conn_str=postgres://u:p@h/d?sslmode=disable', 'schema_name=s'], { conn_str: 'postgres://u:p@h/d?sslmode=disable', schema_name: 's' }, 0],
    [['schema_name=a', 'schema_name=b'], { schema_name: 'b' }, 0],
    [['backend.hcl'], {}, 1],
    [['=x'], {}, 1],
  ])('parseBackendConfig(%j)', (values, want, errors) => {
    const r = parseBackendConfig(values);
    expect(r.value).toEqual(want);
    expect(r.diagnostics.length).toBe(errors);
  });

  test('-backend-config without a backend block is a warning and changes nothing', () => {
    const r = openBackend({ cwd, env: {}, workspace: 'default', backendConfig: { conn_str: 'postgres://h/d' } });
    expect((r.value as StateManager).storage).not.toBeInstanceOf(PgStorage);
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Missing backend configuration']);
  });
});

describe('pg connection failures', () => {
  const url = new URL(CONN_STR);
  test.each([
    ['nothing listens on the port', `postgres://${url.username}@127.0.0.1:1/test`, ['127.0.0.1:1', 'database "test"', 'connection was refused']],
    ['the database does not exist', `postgres://${url.username}@${url.host}/minitf_no_such_db`, ['database "minitf_no_such_db"', 'does not exist', 'createdb minitf_no_such_db']],
    ['the role does not exist', `postgres://minitf_no_such_role@${url.host}/test`, ['user "minitf_no_such_role"', 'authentication failed', 'role "minitf_no_such_role" does not exist']],
    ['the host name cannot be resolved', `postgres://${url.username}@no-such-host.invalid/test`, ['no-such-host.invalid', 'cannot be resolved']],
  ])('when %s: one diagnostic naming host, database and cause, no stack trace', async (_name, connStr, parts) => {
    const b = openBackend(opts({ conn_str: connStr, schema_name: 'minitf_unused' })).value!;
    const err = await b.read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PgBackendError);
    expect((err as PgBackendError).failure).toBe('connect');
    const d = stateErrorDiagnostic(err)!;
    expect(d.summary).toBe('Failed to connect to the PostgreSQL state backend');
    for (const p of parts) expect(d.detail).toContain(p);
    expect(renderDiagnostic(d)).not.toMatch(/\n\s+at /);
    await b.close();
  });
});

describe('pg privileges', () => {
  test('a role that may not create the schema gets one "refused an operation" diagnostic with the server’s reason', async () => {
    const role = `minitf_test_limited_${process.pid}`;
    await admin(`CREATE ROLE ${role} LOGIN`);
    try {
      const url = new URL(CONN_STR);
      url.username = role;
      const b = openBackend(opts({ conn_str: url.toString(), schema_name: testSchema('denied') })).value!;
      const err = await b.read().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PgBackendError);
      expect((err as PgBackendError).failure).toBe('query');
      const d = stateErrorDiagnostic(err)!;
      expect(d.summary).toBe('The PostgreSQL state backend refused an operation');
      expect(d.detail).toContain('permission denied');
      expect(d.detail).toContain('SQLSTATE 42501');
      expect(d.detail).toContain(`user "${role}"`);
      await b.close();
    } finally {
      await admin(`DROP ROLE ${role}`);
    }
  });
});

describe('the pg driver', () => {
  test('is loaded only when a pg backend first talks to the database', () => {
    const schema = testSchema('lazy');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'lazy-import.ts'), CONN_STR, schema], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ imported: false, opened: false, used: true });
  });
});
