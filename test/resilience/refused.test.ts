import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useTestCloud } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';
import { cloudEnv, cloudIds, readState, stateObjects, workdir } from './support.js';

const cloud = useTestCloud();

/** The actions the emulator saw since the last reset or `clearRequestLog()`. */
const actions = (): string[] => cloud.emu.control.requestLog().map((e) => e.action);

/**
 * A create the cloud refused (a 4xx whose code says nothing was made) closes its journal intent as
 * failed: no later plan warns about a pending create and no destroy repeats it. An ambiguous
 * outcome (a 5xx, maybe after the change took effect) stays pending for recovery with its token.
 */
describe('a create the cloud refused', () => {
  test('CreateVSwitch answered 404 InvalidZoneId.NotFound: nothing pending, plan does not warn, destroy sends no create', async () => {
    const { emu } = cloud;
    const dir = workdir('refused');
    const env = cloudEnv(emu);
    const apply = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color', '-var', 'zone=cn-hangzhou-zz'], env);
    expect(apply.code, apply.stdout + apply.stderr).toBe(1);
    expect(apply.stderr).toContain('InvalidZoneId.NotFound');
    expect(actions().filter((a) => a === 'CreateVSwitch')).toEqual(['CreateVSwitch']);
    let { state, pending } = await readState(dir);
    expect(pending).toEqual([]);
    expect(stateObjects(state).map((o) => o.address)).toEqual(['alicloud_vpc.v']);

    const plan = await runCli([`-chdir=${dir}`, 'plan', '-no-color', '-var', 'zone=cn-hangzhou-zz'], env);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout + plan.stderr).not.toContain('left pending');
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');

    emu.control.clearRequestLog();
    const destroy = await runCli([`-chdir=${dir}`, 'destroy', '-auto-approve', '-no-color', '-var', 'zone=cn-hangzhou-zz'], env);
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    const sent = actions();
    expect(sent).toContain('DeleteVpc');
    expect(sent.filter((a) => a.startsWith('Create'))).toEqual([]);
    expect(destroy.stdout + destroy.stderr).not.toMatch(/interrupted create/i);
    ({ state, pending } = await readState(dir));
    expect(pending).toEqual([]);
    expect(stateObjects(state)).toEqual([]);
    expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual([]);
    expect(cloudIds(emu.control.dump(), 'vswitches')).toEqual([]);
  }, 60_000);

  test.each([
    ['QuotaExceeded.Vpc', 400],
    ['Forbidden.RAM', 403],
    ['InvalidParameter', 400],
    ['IncorrectStatus', 400],
  ])('CreateVpc answered %s (HTTP %i): the intent is closed as failed', async (code, status) => {
    const { emu } = cloud;
    const dir = workdir('refused');
    const env = cloudEnv(emu);
    emu.control.injectError('CreateVpc', { code, status });
    const apply = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], env);
    expect(apply.code, apply.stdout + apply.stderr).toBe(1);
    expect(apply.stderr).toContain(code);
    const { state, pending } = await readState(dir);
    expect(pending).toEqual([]);
    expect(stateObjects(state)).toEqual([]);
    expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual([]);
    const plan = await runCli([`-chdir=${dir}`, 'plan', '-no-color'], env);
    expect(plan.stdout + plan.stderr).not.toContain('left pending');
  }, 60_000);

  test.each([
    ['answers lost after the change (errorAfterRate)', () => cloud.emu.control.setFaults({ perAction: { CreateVpc: { errorAfterRate: 1 } } }), 1],
    ['500 InternalError before anything happened', () => cloud.emu.control.injectError('CreateVpc', { code: 'InternalError', status: 500, times: 10 }), 0],
    ['a lost answer, then a refusal of the retry', () => {
      cloud.emu.control.injectError('CreateVpc', { code: 'ServiceUnavailable', status: 503, after: true });
      cloud.emu.control.injectError('CreateVpc', { code: 'QuotaExceeded.Vpc', status: 400 });
    }, 1],
  ])('ambiguous: %s — the intent stays pending and the next apply recovers with the same ClientToken', async (_name, fault, made) => {
    const { emu } = cloud;
    const dir = workdir('refused');
    const env = cloudEnv(emu);
    fault();
    const apply = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], env);
    emu.control.setFaults({});
    expect(apply.code, apply.stdout + apply.stderr).toBe(1);
    const first = await readState(dir);
    expect(first.pending.map((i) => [i.addr, i.action])).toEqual([['alicloud_vpc.v', 'create']]);
    expect(cloudIds(emu.control.dump(), 'vpcs')).toHaveLength(made);
    const plan = await runCli([`-chdir=${dir}`, 'plan', '-no-color'], env);
    expect(plan.stdout + plan.stderr).toContain('Creates left pending by an interrupted apply');

    const again = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], env);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const { state, pending } = await readState(dir);
    expect(pending).toEqual([]);
    const vpcs = cloudIds(emu.control.dump(), 'vpcs');
    expect(vpcs).toHaveLength(1);
    expect(stateObjects(state).find((o) => o.address === 'alicloud_vpc.v')?.id).toBe(vpcs[0]);
  }, 60_000);

  test('a pending create whose repeat is refused is closed too, with a warning, and is not repeated again', async () => {
    const { emu } = cloud;
    const dir = workdir('refused');
    const env = cloudEnv(emu);
    emu.control.injectError('CreateVpc', { code: 'InternalError', status: 500, times: 10 });
    expect((await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], env)).code).toBe(1);
    expect((await readState(dir)).pending.map((i) => i.addr)).toEqual(['alicloud_vpc.v']);
    writeFileSync(join(dir, 'main.tf'), 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\n');

    emu.control.injectError('CreateVpc', { code: 'QuotaExceeded.Vpc', status: 400 });
    const r = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('Warning: Interrupted create refused when repeated');
    expect((r.stdout + r.stderr).replace(/\s+/g, ' ')).toContain('The pending create is closed.');
    expect((await readState(dir)).pending).toEqual([]);
    emu.control.clearRequestLog();
    const again = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], env);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout + again.stderr).not.toMatch(/interrupted/i);
    expect(actions()).not.toContain('CreateVpc');
    expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual([]);
  }, 60_000);
});
