import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { eventually, useTestCloud } from '../helpers/emulator.js';
import { runMinitf, spawnMinitf } from '../helpers/process.js';
import { cloudEnv, cloudIds, readState, stateObjects, workdir } from './support.js';

/** Frozen clock: the first apply holds the state lock while its VPC stays `Pending`. */
const cloud = useTestCloud({ speed: 0 });

describe('state lock between processes (issue 5)', () => {
  test('a second command fails fast with the lock info; a third waits with -lock-timeout and applies on top of the first', async () => {
    const { emu } = cloud;
    const dir = workdir('lock');
    const env = cloudEnv(emu);
    const first = spawnMinitf(['apply', '-auto-approve', '-no-color', '-var', 'label=first'], { cwd: dir, env });
    await first.waitForLine(/^alicloud_vpc\.slow: Creating\.\.\./);
    await eventually(async () => (cloudIds(emu.control.dump(), 'vpcs').length === 1 ? true : undefined), 60_000);
    const info = JSON.parse(readFileSync(join(dir, 'state', '.terraform.tfstate.lock.info'), 'utf8')) as Record<string, unknown>;

    // Fails fast: it exits while the first still holds the lock.
    const second = await runMinitf(['plan', '-no-color', '-var', 'label=second'], { cwd: dir, env });
    expect(first.done).toBe(false);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('Error: Error acquiring the state lock');
    expect(second.stderr).toContain('Lock Info:');
    expect(second.stderr).toMatch(new RegExp(`ID: +${String(info.ID)}`));
    expect(second.stderr).toMatch(/Operation: +OperationTypeApply/);
    expect(second.stderr).toMatch(new RegExp(`PID: +${first.child.pid}\\b`));
    expect(second.stdout).not.toContain('Plan:');

    // Waits: it says so and is still waiting while the first holds the lock.
    const third = spawnMinitf(['apply', '-auto-approve', '-no-color', '-lock-timeout=5m', '-var', 'label=third'], { cwd: dir, env });
    await third.waitForLine(/^Acquiring state lock\. This may take a few moments\.\.\.$/);
    expect(third.done).toBe(false);

    emu.control.setSpeed(100); // the VPC becomes Available: the first apply completes and unlocks
    const r1 = await first.exited;
    expect(r1.code, r1.stdout + r1.stderr).toBe(0);
    expect(r1.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const r3 = await third.exited;
    expect(r3.code, r3.stdout + r3.stderr).toBe(0);
    // The third read the state after the first wrote it: only the label changes, the VPC is not made again.
    expect(r3.stdout).not.toContain('alicloud_vpc.slow: Creating');
    expect(r3.stdout).toMatch(/Apply complete! Resources: \d+ added, \d+ changed, \d+ destroyed\./);

    const { state, pending } = await readState(dir);
    expect(pending).toEqual([]);
    const objs = stateObjects(state);
    expect(objs.map((o) => o.address).sort()).toEqual(['alicloud_vpc.slow', 'terraform_data.label']);
    expect(cloudIds(emu.control.dump(), 'vpcs')).toEqual([objs.find((o) => o.type === 'alicloud_vpc')!.id]);
    const label = state!.resources.find((x) => x.type === 'terraform_data')!.instances[0]!.attributes.output as { value: unknown };
    expect(label.value).toBe('third');
    const after = await runMinitf(['plan', '-detailed-exitcode', '-no-color', '-var', 'label=third'], { cwd: dir, env });
    expect(after.code, after.stdout + after.stderr).toBe(0);
  }, 180_000);
});
