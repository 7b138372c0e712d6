import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { emptyState, formatState, openBackend, StateIndex } from '../../src/states/index.js';
import { runCli } from '../helpers/cli.js';
import { TD, tdObject, tempDir } from './helpers/tmp.js';

/** A working directory whose default state holds the given instances (and a sensitive one). */
function workdir(...addrs: string[]): string {
  const cwd = tempDir();
  const s = { ...emptyState(), serial: 1 };
  const idx = new StateIndex(s);
  for (const a of addrs) idx.setObject(a, TD.provider, tdObject(`id-${a}`, a));
  mkdirSync(join(cwd, 'state'));
  writeFileSync(join(cwd, 'state', 'terraform.tfstate'), formatState(s));
  return cwd;
}

const ADDRS = ['terraform_data.a', 'terraform_data.c[0]', 'terraform_data.c[1]', 'terraform_data.e["x"]', 'module.k[1].terraform_data.z[0]', 'module.k[10].terraform_data.z[0]'];
const NO_STATE = 'No state file was found!';

describe('minitf state list', () => {
  test.each([
    [[], ADDRS.slice(0, 4).concat(['module.k[1].terraform_data.z[0]', 'module.k[10].terraform_data.z[0]'])],
    [['terraform_data.c'], ['terraform_data.c[0]', 'terraform_data.c[1]']],
    [['module.k'], ['module.k[1].terraform_data.z[0]', 'module.k[10].terraform_data.z[0]']],
    [['module.k[10]', 'terraform_data.a'], ['terraform_data.a', 'module.k[10].terraform_data.z[0]']],
    [['-id=id-terraform_data.c[1]'], ['terraform_data.c[1]']],
  ])('state list %j', async (args, want) => {
    const cwd = workdir(...ADDRS);
    const r = await runCli([`-chdir=${cwd}`, 'state', 'list', ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(want.map((a) => a + '\n').join(''));
  });

  test.each([
    ['terraform_data.zz', 'Error: Unknown resource'],
    ['terraform_data.c[9]', 'Error: Unknown resource instance'],
    ['module.nope', 'Error: Unknown module'],
    ['bad..addr', 'Error: Invalid address'],
  ])('state list %s fails with "%s"', async (addr, summary) => {
    const r = await runCli([`-chdir=${workdir(...ADDRS)}`, 'state', 'list', addr]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(summary);
  });

  test('without a state file: "No state file was found!", exit 1', async () => {
    const r = await runCli([`-chdir=${tempDir()}`, 'state', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(NO_STATE);
  });

  test('-state=PATH reads another file', async () => {
    const other = workdir('terraform_data.only');
    const r = await runCli([`-chdir=${tempDir()}`, 'state', 'list', `-state=${join(other, 'state', 'terraform.tfstate')}`]);
    expect(r.stdout).toBe('terraform_data.only\n');
  });
});

describe('minitf state rm and mv', () => {
  test('rm removes instances, prints Terraform’s lines, bumps the serial and writes a timestamped backup first', async () => {
    const cwd = workdir(...ADDRS);
    const before = readFileSync(join(cwd, 'state', 'terraform.tfstate'), 'utf8');
    const r = await runCli([`-chdir=${cwd}`, 'state', 'rm', 'terraform_data.c', 'terraform_data.e["x"]', 'terraform_data.nope']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Removed terraform_data.c[0]\nRemoved terraform_data.c[1]\nRemoved terraform_data.e["x"]\nSuccessfully removed 3 resource instance(s).\n');
    const files = readdirSync(join(cwd, 'state'));
    const stamped = files.filter((f) => /^terraform\.tfstate\.\d{10}\.backup$/.test(f));
    expect(stamped).toHaveLength(1);
    expect(readFileSync(join(cwd, 'state', stamped[0]!), 'utf8')).toBe(before);
    const { state } = await openBackend({ cwd, env: {} }).value!.read();
    expect(state!.serial).toBe(2);
    expect(new StateIndex(state!).addresses()).toEqual(['terraform_data.a', 'module.k[1].terraform_data.z[0]', 'module.k[10].terraform_data.z[0]']);
  });

  test('rm -dry-run prints "Would remove" and changes nothing; nothing matched is "Would have removed nothing."', async () => {
    const cwd = workdir(...ADDRS);
    const before = readFileSync(join(cwd, 'state', 'terraform.tfstate'), 'utf8');
    expect((await runCli([`-chdir=${cwd}`, 'state', 'rm', '-dry-run', 'module.k'])).stdout).toBe('Would remove module.k[1].terraform_data.z[0]\nWould remove module.k[10].terraform_data.z[0]\n');
    expect((await runCli([`-chdir=${cwd}`, 'state', 'rm', '-dry-run', 'terraform_data.nope'])).stdout).toBe('Would have removed nothing.\n');
    expect(readFileSync(join(cwd, 'state', 'terraform.tfstate'), 'utf8')).toBe(before);
    expect(readdirSync(join(cwd, 'state'))).toEqual(['terraform.tfstate']);
  });

  test('rm of nothing that exists is "Invalid target address", exit 1', async () => {
    const r = await runCli([`-chdir=${workdir(...ADDRS)}`, 'state', 'rm', 'terraform_data.nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Invalid target address');
  });

  test.each([
    ['terraform_data.a', 'terraform_data.b', 'terraform_data.b'],
    ['terraform_data.c[1]', 'terraform_data.c["one"]', 'terraform_data.c["one"]'],
    ['module.k[1]', 'module.q', 'module.q.terraform_data.z[0]'],
  ])('mv %s %s', async (from, to, appears) => {
    const cwd = workdir(...ADDRS);
    const r = await runCli([`-chdir=${cwd}`, 'state', 'mv', '-backup=moved.backup', from, to]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Move "${from}" to "${to}"\nSuccessfully moved 1 object(s).\n`);
    expect(readFileSync(join(cwd, 'moved.backup'), 'utf8')).toContain(`"serial": 1`);
    const list = (await runCli([`-chdir=${cwd}`, 'state', 'list'])).stdout.split('\n');
    expect(list).toContain(appears);
    expect(list).not.toContain(from);
  });

  test.each([
    ['terraform_data.nope', 'terraform_data.b', 'Error: Invalid source address'],
    ['terraform_data.a', 'terraform_data.c[0]', 'Error: Invalid target address'],
  ])('mv %s %s fails: %s', async (from, to, summary) => {
    const r = await runCli([`-chdir=${workdir(...ADDRS)}`, 'state', 'mv', from, to]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(summary);
  });

  test('mv -dry-run prints "Would move" and writes nothing', async () => {
    const cwd = workdir(...ADDRS);
    const r = await runCli([`-chdir=${cwd}`, 'state', 'mv', '-dry-run', 'terraform_data.a', 'terraform_data.b']);
    expect(r.stdout).toBe('Would move "terraform_data.a" to "terraform_data.b"\n');
    expect(readdirSync(join(cwd, 'state'))).toEqual(['terraform.tfstate']);
  });

  test('a locked state: rm fails with the lock error and changes nothing; -lock=false goes ahead', async () => {
    const cwd = workdir(...ADDRS);
    const other = openBackend({ cwd, env: {} }).value!;
    const lock = await other.lock('OperationTypeApply', { timeoutMs: 0 });
    const r = await runCli([`-chdir=${cwd}`, 'state', 'rm', 'terraform_data.a']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Error acquiring the state lock');
    expect(r.stderr).toContain(`ID:        ${lock.info.ID}`);
    expect((await runCli([`-chdir=${cwd}`, 'state', 'list'])).stdout).toContain('terraform_data.a\n');
    expect((await runCli([`-chdir=${cwd}`, 'state', 'rm', '-lock=false', 'terraform_data.a'])).code).toBe(0);
    await lock.release();
  });

  test('a corrupt state: rm fails naming the backup and leaves the file as it was', async () => {
    const cwd = workdir(...ADDRS);
    const path = join(cwd, 'state', 'terraform.tfstate');
    writeFileSync(path, '{"version": 4, "serial": 3, "lin');
    const r = await runCli([`-chdir=${cwd}`, 'state', 'rm', 'terraform_data.a']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Failed to load state');
    expect(r.stderr).toContain('terraform.tfstate.backup');
    expect(readFileSync(path, 'utf8')).toBe('{"version": 4, "serial": 3, "lin');
  });
});

describe('minitf force-unlock', () => {
  test('-force with the lock ID unlocks; a wrong ID is an error', async () => {
    const cwd = workdir('terraform_data.a');
    const lock = await openBackend({ cwd, env: {} }).value!.lock('OperationTypeApply', { timeoutMs: 0 });
    const wrong = await runCli([`-chdir=${cwd}`, 'force-unlock', '-force', 'nope']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Failed to unlock state');
    const ok = await runCli([`-chdir=${cwd}`, 'force-unlock', '-force', lock.info.ID]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('minitf state has been successfully unlocked!');
    expect(await openBackend({ cwd, env: {} }).value!.lockInfo()).toBeUndefined();
  });

  test('without -force it asks, and anything but "yes" cancels', () => {
    const cwd = workdir('terraform_data.a');
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'minitf.js');
    const r = spawnSync(process.execPath, [bin, `-chdir=${cwd}`, 'force-unlock', 'some-id'], { input: 'no\n', encoding: 'utf8', env: { ...process.env, MINITF_FROM_SOURCE: '1' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Do you really want to force-unlock?');
    expect(r.stdout).toContain('force-unlock cancelled.');
  });
});

describe('minitf workspace', () => {
  test('new, list, select, show and delete, with Terraform’s messages and separate state files', async () => {
    const cwd = workdir('terraform_data.a');
    const cli = (...a: string[]) => runCli([`-chdir=${cwd}`, 'workspace', ...a], { TF_WORKSPACE: undefined });
    expect((await cli('list')).stdout).toBe('* default\n\n');
    const created = await cli('new', 'dev');
    expect(created.stdout).toContain('Created and switched to workspace "dev"!');
    expect((await cli('show')).stdout).toBe('dev\n');
    expect((await cli('list')).stdout).toBe('  default\n* dev\n\n');
    expect((await cli('new', 'dev')).stderr).toBe('Workspace "dev" already exists\n');
    expect((await runCli([`-chdir=${cwd}`, 'state', 'list'], { TF_WORKSPACE: undefined })).stderr).toContain(NO_STATE);
    const s = emptyState();
    new StateIndex(s).setObject('terraform_data.dev', TD.provider, tdObject('d', 'd'));
    await openBackend({ cwd, env: {} }).value!.write({ ...s, serial: 1 });
    expect(readdirSync(join(cwd, 'state', 'terraform.tfstate.d', 'dev'))).toContain('terraform.tfstate');
    expect((await cli('delete', 'dev')).stderr).toContain('is your active workspace');
    expect((await cli('select', 'default')).stdout).toBe('Switched to workspace "default".\n');
    const refused = await cli('delete', 'dev');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error: Workspace is not empty');
    expect(refused.stderr).toContain('  - terraform_data.dev');
    const forced = await cli('delete', '-force', 'dev');
    expect(forced.stdout).toContain('Deleted workspace "dev"!\nWARNING: "dev" was non-empty.');
    expect((await cli('list')).stdout).toBe('* default\n\n');
    expect((await cli('select', 'nope')).stderr).toContain('Workspace "nope" doesn\'t exist.');
    expect((await cli('new', 'a/b')).stderr).toContain('The workspace name "a/b" is not allowed.');
    expect((await cli('select', '-or-create', 'qa')).stdout).toContain('Created and switched to workspace "qa"!');
  });

  test('TF_WORKSPACE overrides the selected workspace and forbids select', async () => {
    const cwd = workdir('terraform_data.a');
    expect((await runCli([`-chdir=${cwd}`, 'workspace', 'show'], { TF_WORKSPACE: 'ci' })).stdout).toBe('ci\n');
    const r = await runCli([`-chdir=${cwd}`, 'workspace', 'select', 'default'], { TF_WORKSPACE: 'ci' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('TF_WORKSPACE');
  });
});
