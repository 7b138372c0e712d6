import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useTestCloud } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';
import { cloudEnv, cloudIds, readState, sorted, stateObjects, workdir } from './support.js';

const cloud = useTestCloud();

/**
 * A create whose every answer is lost (the cloud makes the VPC, the client only ever sees 503s) ends
 * like a crash right after the request: the VPC exists, the journal holds only the intent with its
 * ClientToken. The next apply repeats the create with that token.
 */
async function lostCreate(dir: string, env: Record<string, string | undefined>) {
  const { emu } = cloud;
  emu.control.setFaults({ perAction: { CreateVpc: { errorAfterRate: 1 } } });
  const r = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color', '-var', 'name=first'], env);
  emu.control.setFaults({});
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(r.stderr).toContain('Error: Error creating alicloud_vpc.v: ServiceUnavailable');
  const { state, pending } = await readState(dir);
  expect(stateObjects(state)).toEqual([]);
  expect(pending.map((i) => i.addr)).toEqual(['alicloud_vpc.v']);
  const made = cloudIds(emu.control.dump(), 'vpcs');
  expect(made).toHaveLength(1);
  return made[0]!;
}

describe('a create left pending (answer lost, or a crash after the request)', () => {
  test('the next apply with the same configuration repeats it with the journaled ClientToken and records the object the cloud made', async () => {
    const { emu } = cloud;
    const dir = workdir('pending');
    const env = cloudEnv(emu);
    const made = await lostCreate(dir, env);
    const plan = await runCli([`-chdir=${dir}`, 'plan', '-no-color', '-var', 'name=first'], env);
    expect(plan.stdout + plan.stderr).toContain('Warning: Creates left pending by an interrupted apply');
    expect((plan.stdout + plan.stderr).replace(/\s+/g, ' ')).toContain('interrupted while creating alicloud_vpc.v.');

    const r = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color', '-var', 'name=first'], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`alicloud_vpc.v: Creation complete after`);
    expect(r.stdout).toContain(`[id=${made}]`);
    const { state, pending } = await readState(dir);
    expect(pending).toEqual([]);
    expect(stateObjects(state).map((o) => o.id)).toEqual([made]);
    expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual([made]);
  }, 60_000);

  test('after the pending resource\'s arguments changed, apply recovers what the lost request made as a deposed object, and the next apply deletes it', async () => {
    const { emu } = cloud;
    const dir = workdir('pending');
    const env = cloudEnv(emu);
    const made = await lostCreate(dir, env);

    const r = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color', '-var', 'name=second'], env);
    expect(r.stderr).not.toContain('IdempotentParameterMismatch');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('Recovered an object from an interrupted create');
    expect((r.stdout + r.stderr).replace(/\s+/g, ' ')).toContain(`[id=${made}] as deposed object`);
    let { state, pending } = await readState(dir);
    expect(pending).toEqual([]);
    const objs = stateObjects(state);
    expect(objs.filter((o) => o.deposed).map((o) => o.id)).toEqual([made]);
    const current = objs.filter((o) => !o.deposed).map((o) => o.id);
    expect(current).toHaveLength(1);
    expect(sorted(cloudIds(emu.control.dump(), 'vpcs'))).toEqual(sorted([made, current[0]!]));

    const plan = await runCli([`-chdir=${dir}`, 'plan', '-no-color', '-var', 'name=second'], env);
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 1 to destroy.');
    const again = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color', '-var', 'name=second'], env);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout + again.stderr).not.toContain('interrupted create');
    ({ state, pending } = await readState(dir));
    expect(stateObjects(state).map((o) => o.id)).toEqual(current);
    expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual(current);
  }, 60_000);

  test('after the pending resource left the configuration, apply records what the lost request made and the next plan destroys it', async () => {
    const { emu } = cloud;
    const dir = workdir('pending');
    const env = cloudEnv(emu);
    const made = await lostCreate(dir, env);
    writeFileSync(join(dir, 'main.tf'), 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\n');

    const r = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('Recovered an object from an interrupted create');
    let { state, pending } = await readState(dir);
    expect(pending).toEqual([]);
    expect(stateObjects(state).map((o) => [o.address, o.id])).toEqual([['alicloud_vpc.v', made]]);

    const plan = await runCli([`-chdir=${dir}`, 'plan', '-no-color'], env);
    expect(plan.stdout).toContain('alicloud_vpc.v will be destroyed');
    const again = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], env);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    ({ state, pending } = await readState(dir));
    expect(stateObjects(state)).toEqual([]);
    expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual([]);
  }, 60_000);

  test('refresh and a targeted apply leave a pending create alone (repeating it could create an object); the next full apply recovers it', async () => {
    const { emu } = cloud;
    const dir = workdir('pending');
    const env = cloudEnv(emu);
    const made = await lostCreate(dir, env);
    writeFileSync(join(dir, 'main.tf'), 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\nresource "terraform_data" "other" {}\n');
    for (const args of [['refresh'], ['apply', '-auto-approve', '-target=terraform_data.other']]) {
      const r = await runCli([`-chdir=${dir}`, '-no-color', ...args], env);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect((await readState(dir)).pending.map((i) => i.addr)).toEqual(['alicloud_vpc.v']);
      expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual([made]);
    }
    const r = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const { state, pending } = await readState(dir);
    expect(pending).toEqual([]);
    expect(stateObjects(state).filter((o) => o.type === 'alicloud_vpc').map((o) => o.id)).toEqual([made]);
  }, 60_000);

  test('destroy recovers a pending create and deletes it, leaving nothing behind', async () => {
    const { emu } = cloud;
    const dir = workdir('pending');
    const env = cloudEnv(emu);
    await lostCreate(dir, env);

    const r = await runCli([`-chdir=${dir}`, 'destroy', '-auto-approve', '-no-color', '-var', 'name=first'], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const { state, pending } = await readState(dir);
    expect(pending).toEqual([]);
    expect(stateObjects(state)).toEqual([]);
    expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual([]);
  }, 60_000);
});
