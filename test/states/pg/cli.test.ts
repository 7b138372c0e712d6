import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { pushDecision } from '../../../src/cli/commands/state-pull-push.js';
import { emptyState, formatState, Keyring, seal, StateIndex, type StateFile } from '../../../src/states/index.js';
import { runCli } from '../../helpers/cli.js';
import { TD, tdObject, tempDir } from '../helpers/tmp.js';
import { CONN_STR, pgBackend, testSchema } from './helpers/db.js';

const schema = testSchema('cli');
const KEY = 'team passphrase';
/** The environment of a teammate: the connection string and the team's key. */
const env = { PG_CONN_STR: CONN_STR, MINITF_STATE_KEY: KEY, TF_WORKSPACE: undefined, PG_SCHEMA_NAME: undefined };


/** A working directory whose configuration stores state in this file's schema. */
function pgDir(): string {
  const dir = tempDir();
  // No conn_str: it comes from the environment or -backend-config.
  writeFileSync(join(dir, 'main.tf'), `terraform {\n  backend "pg" {\n    schema_name = "${schema}"\n  }\n}\n`);
  return dir;
}

function stateWith(serial: number, ...ids: string[]): StateFile {
  const s = { ...emptyState(), serial };
  const idx = new StateIndex(s);
  for (const id of ids) idx.setObject(`terraform_data.${id}`, TD.provider, tdObject(id, `in-${id}`));
  return s;
}

describe('state push decisions (Terraform’s checks)', () => {
  const stored = stateWith(3, 'a');
  test.each([
    ['nothing stored', null, stateWith(1, 'x'), false, { action: 'write', serial: 1 }],
    ['a newer serial', stored, { ...stored, serial: 5 }, false, { action: 'write', serial: 5 }],
    ['the same state', stored, structuredClone(stored), false, { action: 'none' }],
    ['an older serial', stored, { ...stored, serial: 2 }, false, { action: 'refuse', message: 'cannot import state with serial 2 over newer state with serial 3' }],
    ['an older serial, forced', stored, { ...stored, serial: 2 }, true, { action: 'write', serial: 4 }],
    ['another lineage at the same serial', stored, stateWith(3, 'b'), false, { action: 'refuse', message: expect.stringContaining('lineage') }],
    ['the same serial and lineage, other content', stored, { ...stateWith(3, 'b'), lineage: stored.lineage }, false, { action: 'refuse', message: 'cannot overwrite existing state with serial 3 with a different state that has the same serial' }],
    ['another lineage', stored, stateWith(9, 'a'), false, { action: 'refuse', message: expect.stringMatching(/^cannot import state with lineage ".*" over unrelated state with lineage ".*"$/) }],
    ['another lineage, forced', stored, stateWith(1, 'a'), true, { action: 'replace' }],
    ['another lineage over an empty state', stateWith(4), stateWith(1, 'a'), false, { action: 'replace' }],
  ])('%s', (_name, s, pushed, force, want) => {
    expect(pushDecision(s, pushed, force)).toEqual(want);
  });
});

describe('minitf state pull / push with the pg backend', () => {
  test('migration local → pg: pull the local state, push it, and teammates read it with the team key', async () => {
    const cwd = tempDir();
    const local = stateWith(4, 'a', 'b');
    new StateIndex(local).setObject('terraform_data.secret', TD.provider, tdObject('secret', 'hunter2', true));
    mkdirSync(join(cwd, 'state'));
    // The local state was sealed with this directory's key file (no MINITF_STATE_KEY).
    writeFileSync(join(cwd, 'state', 'terraform.tfstate'), formatState(seal(local, new Keyring({ cwd, env: {} }))));
    const pulled = await runCli([`-chdir=${cwd}`, 'state', 'pull'], { MINITF_STATE_KEY: undefined });
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).not.toContain('hunter2');
    expect(pulled.stdout).toContain('minitf-sealed:v1:');
    writeFileSync(join(cwd, 'moved.tfstate'), pulled.stdout);

    // The configuration moves to the pg backend; the pulled file is pushed there.
    writeFileSync(join(cwd, 'main.tf'), 'terraform {\n  backend "pg" {}\n}\n');
    const pushed = await runCli([`-chdir=${cwd}`, 'state', 'push', '-backend-config=schema_name=' + schema, 'moved.tfstate'], env);
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);

    // A teammate: another directory (no key file), the team key.
    const mate = pgDir();
    const sealedPull = await runCli([`-chdir=${mate}`, 'state', 'pull'], env);
    expect(sealedPull.stdout).not.toContain('hunter2');
    const clearPull = await runCli([`-chdir=${mate}`, 'state', 'pull', '-unseal'], env);
    expect(clearPull.code).toBe(0);
    expect(JSON.parse(clearPull.stdout)).toEqual(JSON.parse(formatState(local)));
    const list = await runCli([`-chdir=${mate}`, 'state', 'list'], env);
    expect(list.stdout).toBe('terraform_data.a\nterraform_data.b\nterraform_data.secret\n');
  });

  test('pull | push of the same state changes nothing; an edited older copy is refused; -force writes it with a newer serial', async () => {
    const cwd = pgDir();
    const b = pgBackend(schema, { workspace: 'roundtrip' });
    await b.write(stateWith(2, 'a'));
    const wsEnv = { ...env, TF_WORKSPACE: 'roundtrip' };
    const first = await runCli([`-chdir=${cwd}`, 'state', 'pull'], wsEnv);
    writeFileSync(join(cwd, 'copy.tfstate'), first.stdout);
    expect((await runCli([`-chdir=${cwd}`, 'state', 'push', 'copy.tfstate'], wsEnv)).code).toBe(0);
    expect((await runCli([`-chdir=${cwd}`, 'state', 'pull'], wsEnv)).stdout).toBe(first.stdout);

    await b.write({ ...(await b.read()).state!, serial: 3 });
    const older = JSON.parse(first.stdout) as StateFile;
    older.resources[0]!.instances[0]!.attributes.id = 'changed';
    writeFileSync(join(cwd, 'older.tfstate'), JSON.stringify(older));
    const refused = await runCli([`-chdir=${cwd}`, 'state', 'push', 'older.tfstate'], wsEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error: Failed to write state');
    expect(refused.stderr).toMatch(/cannot\s+import\s+state\s+with\s+serial\s+2\s+over\s+newer\s+state\s+with\s+serial\s+3/);
    const forced = await runCli([`-chdir=${cwd}`, 'state', 'push', '-force', 'older.tfstate'], wsEnv);
    expect(forced.code).toBe(0);
    const after = JSON.parse((await runCli([`-chdir=${cwd}`, 'state', 'pull'], wsEnv)).stdout) as StateFile;
    expect(after).toMatchObject({ serial: 4, lineage: older.lineage });
    expect(after.resources[0]!.instances[0]!.attributes.id).toBe('changed');

    const other = stateWith(1, 'z');
    writeFileSync(join(cwd, 'other.tfstate'), formatState(other));
    const unrelated = await runCli([`-chdir=${cwd}`, 'state', 'push', 'other.tfstate'], wsEnv);
    expect(unrelated.stderr).toMatch(/over\s+unrelated\s+state\s+with\s+lineage/);
    expect((await runCli([`-chdir=${cwd}`, 'state', 'push', '-force', 'other.tfstate'], wsEnv)).code).toBe(0);
    expect((await b.read()).state).toEqual(other);
  });

  test('a damaged file to push is a diagnostic, and nothing is written', async () => {
    const cwd = pgDir();
    writeFileSync(join(cwd, 'bad.tfstate'), '{"version": 3}');
    const r = await runCli([`-chdir=${cwd}`, 'state', 'push', 'bad.tfstate'], { ...env, TF_WORKSPACE: 'never' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Failed to read the state to push');
    expect((await pgBackend(schema, { workspace: 'never' }).read()).state).toBeNull();
  });
});

describe('minitf workspace with the pg backend', () => {
  test('new, list, select, delete; the states stay apart; conn_str from -backend-config', async () => {
    const cwd = pgDir();
    const conn = `-backend-config=conn_str=${CONN_STR}`;
    const noEnv = { PG_CONN_STR: undefined, MINITF_STATE_KEY: KEY, TF_WORKSPACE: undefined };
    const ws = (...args: string[]) => runCli([`-chdir=${cwd}`, 'workspace', ...args, conn], noEnv);
    expect((await ws('new', 'staging')).stdout).toContain('Created and switched to workspace "staging"!');
    expect((await ws('new', 'staging')).stderr).toContain('Workspace "staging" already exists');
    expect((await ws('list')).stdout).toMatch(/^ {2}default\n(?:.*\n)*\* staging\n/);
    await pgBackend(schema, { workspace: 'staging' }).write(stateWith(1, 'only_in_staging'));
    const listed = await runCli([`-chdir=${cwd}`, 'state', 'list', conn], noEnv);
    expect(listed.stdout).toBe('terraform_data.only_in_staging\n');
    expect((await ws('select', 'default')).stdout).toBe('Switched to workspace "default".\n');
    expect((await runCli([`-chdir=${cwd}`, 'state', 'list', conn], noEnv)).stdout).not.toContain('only_in_staging');
    const refused = await ws('delete', 'staging');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Workspace is not empty');
    const deleted = await ws('delete', '-force', 'staging');
    expect(deleted.stdout).toContain('Deleted workspace "staging"!');
    expect((await ws('list')).stdout).not.toContain('staging');
  });

  test('without a reachable database: one diagnostic with host, database and cause, exit 1, no stack trace', async () => {
    const cwd = pgDir();
    const r = await runCli([`-chdir=${cwd}`, 'workspace', 'list', '-backend-config=conn_str=postgres://postgres@127.0.0.1:1/test'], { PG_CONN_STR: undefined });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Error: Failed to connect to the PostgreSQL state backend');
    expect(r.stderr).toContain('127.0.0.1:1');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const bad = await runCli([`-chdir=${cwd}`, 'state', 'list', '-backend-config=conn_str'], { PG_CONN_STR: undefined });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error: Invalid backend configuration argument');
  });
});
