import { describe, expect, test } from 'vitest';
import { eventually, useTestCloud } from '../helpers/emulator.js';
import { runMinitf, spawnMinitf } from '../helpers/process.js';
import { cloudEnv, cloudIds, readState, stateObjects, workdir } from './support.js';

/** The emulator's clock is frozen: the VPC stays `Pending` (and its create in flight) until the test moves it. */
const cloud = useTestCloud({ speed: 0 });

/** Terraform's interrupt notices (word-wrapped to the output width, so compared with spaces squeezed). */
const FIRST = 'Interrupt received. Please wait for minitf to exit or data loss may occur. Gracefully shutting down... Stopping operation...';
const SECOND = 'Two interrupts received. Exiting immediately. Note that data loss may have occurred.';

describe('SIGINT during apply', () => {
  test.each([
    {
      name: 'one SIGINT: the VPC create in flight finishes and is recorded, nothing new starts',
      signals: 1,
      printed: [FIRST, 'Error: execution halted'],
      notPrinted: ['Two interrupts received', 'Error: operation canceled'],
      vpc: 'complete',
      remaining: 'Plan: 2 to add, 0 to change, 0 to destroy.',
    },
    {
      name: 'two SIGINTs: the wait is abandoned, the VPC the cloud made is kept as tainted',
      signals: 2,
      printed: [FIRST, SECOND, 'Error: operation canceled'],
      // The abandoned wait is not reported as an error of its own (Terraform prints only the line above).
      notPrinted: ['Error: execution halted', 'Error creating alicloud_vpc.main', 'aborted'],
      vpc: 'tainted',
      remaining: 'Plan: 3 to add, 0 to change, 1 to destroy.',
    },
  ] as const)('$name; exit 1, the lock is released and plan shows only the remaining work', async ({ signals, printed, notPrinted, vpc, remaining }) => {
    const { emu } = cloud;
    const dir = workdir('interrupt');
    const env = cloudEnv(emu);
    const p = spawnMinitf(['apply', '-auto-approve', '-no-color'], { cwd: dir, env });
    await p.waitForLine(/^terraform_data\.marker: Creation complete/);
    await p.waitForLine(/^alicloud_vpc\.main: Creating\.\.\./);
    // The VPC exists in the cloud (Pending): the create call was answered and apply now waits.
    await eventually(async () => (cloudIds(emu.control.dump(), 'vpcs').length === 1 ? true : undefined), 60_000);
    p.signal('SIGINT');
    await p.waitForLine(/^Stopping operation\.\.\.$/);
    if (signals === 2) p.signal('SIGINT');
    else emu.control.setSpeed(100); // let the VPC become Available: the running create completes
    const r = await p.exited;
    const all = `${r.stdout}\n${r.stderr}`.replace(/\s+/g, ' ');
    expect(r.code, all).toBe(1);
    for (const text of printed) expect(all).toContain(text);
    for (const text of notPrinted) expect(all).not.toContain(text);
    expect(all).not.toMatch(/alicloud_(vswitch|security_group)\.a: Creating/);

    emu.control.setSpeed(100);
    const { state } = await readState(dir);
    const objs = stateObjects(state);
    expect(objs.map((o) => `${o.address}${o.tainted ? ' (tainted)' : ''}`).sort()).toEqual([`alicloud_vpc.main${vpc === 'tainted' ? ' (tainted)' : ''}`, 'terraform_data.marker']);
    expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual([objs.find((o) => o.type === 'alicloud_vpc')!.id]);

    // The lock is free: a plan with the default -lock-timeout=0s does not wait or fail on it.
    const plan = await runMinitf(['plan', '-detailed-exitcode', '-no-color'], { cwd: dir, env });
    expect(plan.stderr).not.toContain('state lock');
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    expect(plan.stdout).toContain(remaining);
    expect(plan.stdout).toContain('# alicloud_vswitch.a will be created');
    expect(plan.stdout).toContain('# alicloud_security_group.a will be created');
    expect(plan.stdout).not.toContain('# terraform_data.marker');
    if (vpc === 'tainted') expect(plan.stdout).toContain('# alicloud_vpc.main is tainted, so must be replaced');
    else expect(plan.stdout).not.toContain('# alicloud_vpc.main');
  }, 120_000);
});
