import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Vpc from '@alicloud/vpc20160428';
import { afterAll, describe, expect, test } from 'vitest';
import { useTestCloud } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';
import { cloudEnv, cloudIds, readState, stateObjects } from '../resilience/support.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'minitf-cmds-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

const cloud = useTestCloud();
const MODULES = {
  'main.tf': 'resource "terraform_data" "a" {}\nmodule "m" {\n  source = "./modules/m"\n}\n',
  'modules/m/main.tf': 'resource "terraform_data" "b" {}\n',
};

describe('init', () => {
  test('lists local modules and built-in providers, checks the backend, exits 0', async () => {
    const d = dir({ ...MODULES, 'cloud.tf': 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\n' });
    const r = await runCli([`-chdir=${d}`, 'init', '-input=false', '-upgrade']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Initializing the backend...\nInitializing modules...\n- m in modules/m\nInitializing provider plugins...\n');
    expect(r.stdout).toContain('- aliyun/alicloud is built in to minitf\n- terraform.io/builtin/terraform is built in to minitf\n');
    expect(r.stdout).toContain('minitf has been successfully initialized!');
  });

  test('a provider minitf does not have fails with a diagnostic naming what it provides', async () => {
    const r = await runCli([`-chdir=${dir({ 'main.tf': 'resource "aws_instance" "a" {}\n' })}`, 'init', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Invalid resource type');
    expect(r.stderr.replace(/\s+/g, ' ')).toContain('minitf provides: alicloud, random, terraform');
    expect(r.stdout).not.toContain('successfully initialized');
  });

  test('an unreachable pg backend fails at init, naming host and database', async () => {
    const d = dir({ 'main.tf': 'terraform {\n  backend "pg" {}\n}\nresource "terraform_data" "a" {}\n' });
    const r = await runCli([`-chdir=${d}`, 'init', '-no-color', '-backend-config=conn_str=postgres://postgres@127.0.0.1:1/test']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Failed to connect to the PostgreSQL state backend');
    expect(r.stderr).toContain('127.0.0.1:1');
  });
});

describe('taint, untaint and refresh', () => {
  test('taint makes the next plan replace; untaint undoes it; errors for missing or untainted instances', async () => {
    const d = dir(MODULES);
    expect((await runCli([`-chdir=${d}`, 'apply', '-auto-approve'])).code).toBe(0);
    const t = await runCli([`-chdir=${d}`, 'taint', 'module.m.terraform_data.b']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toBe('Resource instance module.m.terraform_data.b has been marked as tainted.\n');
    expect((await readState(d)).state!.resources.find((x) => x.name === 'b')!.instances[0]!.status).toBe('tainted');
    const p = await runCli([`-chdir=${d}`, 'plan', '-no-color']);
    expect(p.stdout).toContain('# module.m.terraform_data.b is tainted, so must be replaced');
    expect(p.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');

    const u = await runCli([`-chdir=${d}`, 'untaint', 'module.m.terraform_data.b']);
    expect(u.stdout).toBe('Resource instance module.m.terraform_data.b has been successfully untainted.\n');
    expect((await runCli([`-chdir=${d}`, 'plan', '-detailed-exitcode'])).code).toBe(0);

    const again = await runCli([`-chdir=${d}`, 'untaint', '-no-color', 'terraform_data.a']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Error: Resource instance is not tainted');
    const missing = await runCli([`-chdir=${d}`, 'taint', '-no-color', 'terraform_data.zz']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Error: No such resource instance');
    const allowed = await runCli([`-chdir=${d}`, 'taint', '-no-color', '-allow-missing', 'terraform_data.zz']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('Warning: No such resource instance');
  });

  test('apply -refresh-only and refresh update state only: a tainted object is kept, nothing is created or destroyed', async () => {
    const d = dir(MODULES);
    expect((await runCli([`-chdir=${d}`, 'apply', '-auto-approve'])).code).toBe(0);
    const before = stateObjects((await readState(d)).state).map((o) => o.id);
    await runCli([`-chdir=${d}`, 'taint', 'terraform_data.a']);
    for (const args of [['apply', '-refresh-only', '-auto-approve'], ['refresh']]) {
      const r = await runCli([`-chdir=${d}`, '-no-color', ...args]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
      expect(stateObjects((await readState(d)).state).map((o) => o.id)).toEqual(before);
    }
  });

  test('refresh forgets an object deleted outside minitf, and creates nothing', async () => {
    const { emu } = cloud;
    const env = cloudEnv(emu);
    const d = dir({ 'main.tf': 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\nresource "alicloud_vpc" "v" {\n  vpc_name   = "r"\n  cidr_block = "10.9.0.0/16"\n}\n' });
    expect((await runCli([`-chdir=${d}`, 'apply', '-auto-approve'], env)).code).toBe(0);
    const [id] = cloudIds(emu.control.dump(), 'vpcs');
    await cloud.vpc.deleteVpc(new Vpc.DeleteVpcRequest({ regionId: 'cn-hangzhou', vpcId: id! }));
    const r = await runCli([`-chdir=${d}`, 'refresh', '-no-color'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(stateObjects((await readState(d)).state)).toEqual([]);
    expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual([]);
  });
});

describe('variable files', () => {
  test('terraform.tfvars, *.auto.tfvars and -var-file apply in Terraform\'s order; a broken file is a diagnostic at its line', async () => {
    const d = dir({
      'main.tf': 'variable "x" {}\nvariable "y" {}\nvariable "m" {\n  default = {}\n}\noutput "o" {\n  value = "${var.x}/${var.y}/${length(var.m)}"\n}\n',
      'terraform.tfvars': 'x = "base"\ny = "base"\nm = { a = 1, b = 2 }\n',
      'b.auto.tfvars': 'y = "auto"\n',
      'extra.tfvars': 'x = "file"\n',
      'bad.tfvars': 'x = "ok"\ny = \n',
    });
    const r = await runCli([`-chdir=${d}`, 'apply', '-auto-approve', '-no-color', '-var-file=extra.tfvars']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('o = "file/auto/2"');
    const bad = await runCli([`-chdir=${d}`, 'plan', '-no-color', '-var-file=bad.tfvars']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('on bad.tfvars line 2:');
  });
});
