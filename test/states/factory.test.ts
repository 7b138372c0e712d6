import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderDiagnostic } from '../../src/diag/index.js';
import {
  checkWorkspaceName,
  currentWorkspace,
  goTime,
  LocalStorage,
  StateManager,
  openBackend,
  openWorkspaces,
  type OpenBackendOptions,
} from '../../src/states/index.js';
import { tempDir } from './helpers/tmp.js';

const cwd = '/work/project';

describe('opening a backend', () => {
  test.each([
    ['the default', {}, 'state/terraform.tfstate'],
    ['-state=PATH', { statePath: 'other/x.tfstate' }, 'other/x.tfstate'],
    ['an absolute -state', { statePath: '/srv/s.tfstate' }, '/srv/s.tfstate'],
    ['backend "local" { path }', { backend: { type: 'local', config: { path: 'envs/prod.tfstate' } } }, 'envs/prod.tfstate'],
    ['-state over backend path', { statePath: 'cli.tfstate', backend: { type: 'local', config: { path: 'cfg.tfstate' } } }, 'cli.tfstate'],
    ['a workspace', { workspace: 'dev' }, 'state/terraform.tfstate.d/dev/terraform.tfstate'],
    ['a workspace with workspace_dir', { workspace: 'dev', backend: { type: 'local', config: { workspace_dir: 'ws' } } }, 'ws/dev/terraform.tfstate'],
    ['a workspace ignores backend path', { workspace: 'dev', backend: { type: 'local', config: { path: 'cfg.tfstate' } } }, 'state/terraform.tfstate.d/dev/terraform.tfstate'],
  ])('%s', (_name, extra, want) => {
    const opts = { cwd, env: {}, workspace: 'default', ...extra } as OpenBackendOptions;
    const r = openBackend(opts);
    expect(r.diagnostics).toEqual([]);
    const b = (r.value as StateManager).storage as LocalStorage;
    expect(b).toBeInstanceOf(LocalStorage);
    expect(b.paths.state).toBe(want.startsWith('/') ? want : join(cwd, want));
    expect(b.paths.backup).toBe(b.paths.state + '.backup');
    expect(b.paths.journal).toBe(b.paths.state + '.journal');
  });

  test('the workspace comes from TF_WORKSPACE, then .minitf/environment, then default', () => {
    const dir = tempDir();
    expect(currentWorkspace(dir, {})).toEqual({ name: 'default', overridden: false });
    mkdirSync(join(dir, '.minitf'));
    writeFileSync(join(dir, '.minitf', 'environment'), 'staging\n');
    expect(currentWorkspace(dir, {})).toEqual({ name: 'staging', overridden: false });
    expect(currentWorkspace(dir, { TF_WORKSPACE: 'ci' })).toEqual({ name: 'ci', overridden: true });
    expect(((openBackend({ cwd: dir, env: {} }).value as StateManager).storage as LocalStorage).paths.state).toBe(join(dir, 'state/terraform.tfstate.d/staging/terraform.tfstate'));
  });

  test.each([
    ['pg', 'Missing required argument', 'PG_CONN_STR'],
    ['s3', 'Unsupported backend type', 'no backend type named "s3"'],
  ])('backend "%s" is a diagnostic, not a backend', (type, summary, detail) => {
    const range = { file: 'main.tf', start: { line: 3, column: 3 } };
    for (const r of [openBackend({ cwd, env: {}, backend: { type, config: {}, range } }), openWorkspaces({ cwd, env: {}, backend: { type, config: {}, range } })]) {
      expect(r.value).toBeUndefined();
      expect(r.diagnostics[0]).toMatchObject({ severity: 'error', summary, subject: range });
      expect(r.diagnostics[0]!.detail).toContain(detail);
    }
  });

  test.each([
    [{ bucket: 'x' }, 'Unsupported argument'],
    [{ path: 3 }, 'Incorrect attribute value type'],
  ])('a local backend block with %j is a diagnostic', (config, summary) => {
    const r = openBackend({ cwd, env: {}, backend: { type: 'local', config } });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]!.summary).toBe(summary);
  });
});

describe('flags and names', () => {
  test.each([['dev', true], ['feature-1.2_x', true], ['a/b', false], ['..', false], ['has space', false], ['', false]])('workspace name %j allowed: %j', (name, ok) => {
    expect(checkWorkspaceName(name) === undefined).toBe(ok);
  });

  test.each([
    ['2026-11-28T10:09:37.620223697Z', '2026-11-28 10:09:37.620223697 +0000 UTC'],
    ['2026-11-28T10:09:37.620Z', '2026-11-28 10:09:37.62 +0000 UTC'],
    ['2026-11-28T10:09:37Z', '2026-11-28 10:09:37 +0000 UTC'],
  ])('Created %s prints as Go does: %s', (iso, go) => {
    expect(goTime(iso)).toBe(go);
  });

  test('a pg block without conn_str renders as a sourced error', () => {
    const d = openBackend({ cwd, env: {}, backend: { type: 'pg', config: {}, range: { file: 'main.tf', start: { line: 2, column: 3 } } } }).diagnostics[0]!;
    expect(renderDiagnostic(d)).toContain('Error: Missing required argument');
    expect(renderDiagnostic(d)).toContain('on main.tf line 2');
  });
});
