import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from './helpers/tmp.js';
import { CONN_STR, testSchema } from './pg/helpers/db.js';

const RESOURCES = `resource "terraform_data" "a" {
  count = 2
  input = "\${terraform.workspace}-\${count.index}"
}
`;
const backends = (schema: string): Record<string, string> => ({
  local: '',
  oss: 'terraform {\n  backend "oss" {\n    bucket = "migrated-state"\n    region = "cn-hangzhou"\n  }\n}\n',
  pg: `terraform {\n  backend "pg" {\n    schema_name = "${schema}"\n  }\n}\n`,
});
const env = { MINITF_STATE_KEY: 'migration passphrase', PG_CONN_STR: CONN_STR, TF_WORKSPACE: undefined, ALICLOUD_ACCESS_KEY: undefined, ALICLOUD_SECRET_KEY: undefined };
const cli = (cwd: string, ...args: string[]) => runCli([`-chdir=${cwd}`, '-emulator', ...args], env);

describe('init -migrate-state between any two backends', () => {
  test('local → oss → pg → local: every workspace copied with its lineage and serial, and plans show no changes', async () => {
    const cwd = tempDir();
    const all = backends(testSchema('migrate'));
    const use = (name: string) => writeFileSync(join(cwd, 'main.tf'), all[name]! + RESOURCES);
    use('local');
    expect((await cli(cwd, 'init')).code).toBe(0);
    for (const ws of ['default', 'dev']) {
      if (ws !== 'default') expect((await cli(cwd, 'workspace', 'new', ws)).code).toBe(0);
      const r = await cli(cwd, 'apply', '-auto-approve');
      expect(r.code, r.stderr).toBe(0);
    }
    const before = JSON.parse((await cli(cwd, 'state', 'pull')).stdout);

    for (const next of ['oss', 'pg', 'local']) {
      use(next);
      const refused = await cli(cwd, 'init');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Error: Backend configuration changed');
      const migrated = await cli(cwd, 'init', '-migrate-state');
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(migrated.stdout).toContain('Migrating the state from the');
      expect(migrated.stdout, migrated.stdout + migrated.stderr).toContain('- workspace "default": copied (serial');
      expect(migrated.stdout).toContain('- workspace "dev": copied (serial');
      if (next === 'oss') expect(migrated.stderr).toContain('minitf: created the state bucket "migrated-state" (cn-hangzhou) in the embedded emulator');
      for (const ws of ['default', 'dev']) {
        const plan = await runCli([`-chdir=${cwd}`, '-emulator', 'plan', '-detailed-exitcode'], { ...env, TF_WORKSPACE: ws });
        expect(plan.code, `${next}/${ws}: ${plan.stdout}${plan.stderr}`).toBe(0);
      }
      const now = JSON.parse((await cli(cwd, 'state', 'pull')).stdout);
      expect({ lineage: now.lineage, serial: now.serial }).toEqual({ lineage: before.lineage, serial: before.serial });
      expect((await cli(cwd, 'workspace', 'list')).stdout).toContain('dev');
      expect((await cli(cwd, 'init', '-migrate-state')).stdout).not.toContain('copied');
      // The source is left as it was; remove the local copies once they are elsewhere, as the docs say.
      if (next === 'oss') rmSync(join(cwd, 'state'), { recursive: true, force: true });
    }
  }, 240_000);

  test('a destination holding another state is refused, and -force-copy replaces it', async () => {
    const cwd = tempDir();
    const all = backends(testSchema('migrate_force'));
    writeFileSync(join(cwd, 'main.tf'), RESOURCES);
    expect((await cli(cwd, 'init')).code).toBe(0);
    expect((await cli(cwd, 'apply', '-auto-approve')).code).toBe(0);
    // Another project wrote a state into the pg schema first.
    const other = tempDir();
    writeFileSync(join(other, 'main.tf'), all.pg! + 'resource "terraform_data" "other" {}\n');
    expect((await cli(other, 'apply', '-auto-approve')).code).toBe(0);
    writeFileSync(join(cwd, 'main.tf'), all.pg! + RESOURCES);
    const refused = await cli(cwd, 'init', '-migrate-state');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error: The destination already holds a state');
    const forced = await cli(cwd, 'init', '-migrate-state', '-force-copy');
    expect(forced.code, forced.stderr).toBe(0);
    expect((await cli(cwd, 'state', 'list')).stdout).toBe('terraform_data.a[0]\nterraform_data.a[1]\n');
  }, 240_000);

  test('init remembers the backend without its secrets', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'main.tf'), backends(testSchema('migrate_record')).pg!);
    expect((await runCli([`-chdir=${cwd}`, 'init', `-backend-config=conn_str=${CONN_STR}`], { ...env, PG_CONN_STR: undefined })).code).toBe(0);
    const record = readFileSync(join(cwd, '.minitf', 'backend.json'), 'utf8');
    expect(JSON.parse(record).type).toBe('pg');
    expect(record).not.toContain(CONN_STR);
  });
});

describe('state pull | state push across backends', () => {
  test('a local state pulled (sealed values still sealed) and pushed into an oss backend in the embedded emulator reads back the same', async () => {
    const from = tempDir();
    writeFileSync(join(from, 'main.tf'), 'resource "terraform_data" "s" {\n  input = sensitive("hunter2")\n}\n');
    expect((await runCli([`-chdir=${from}`, 'apply', '-auto-approve'], { MINITF_STATE_KEY: undefined })).code).toBe(0);
    const pulled = await runCli([`-chdir=${from}`, 'state', 'pull'], { MINITF_STATE_KEY: undefined });
    expect(pulled.stdout).not.toContain('hunter2');
    const to = tempDir();
    writeFileSync(join(to, 'main.tf'), backends('unused').oss! + 'resource "terraform_data" "s" {\n  input = sensitive("hunter2")\n}\n');
    writeFileSync(join(to, 'pulled.tfstate'), pulled.stdout);
    // The pushing side has the source's key file (it opens the sealed values) and the team key (it seals them again).
    mkdirSync(join(to, '.minitf'), { recursive: true });
    writeFileSync(join(to, '.minitf', 'state.key'), readFileSync(join(from, '.minitf', 'state.key')), { mode: 0o600 });
    const pushed = await cli(to, 'state', 'push', 'pulled.tfstate');
    expect(pushed.code, pushed.stderr).toBe(0);
    const plan = await cli(to, 'plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(JSON.parse((await cli(to, 'state', 'pull')).stdout).lineage).toBe(JSON.parse(pulled.stdout).lineage);
  }, 240_000);
});
