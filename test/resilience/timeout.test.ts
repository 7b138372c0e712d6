import { describe, expect, test } from 'vitest';
import { useTestCloud } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';
import { cloudEnv, readState, stateObjects, workdir } from './support.js';

const cloud = useTestCloud();

describe('create timeouts', () => {
  test('an image copy slower than timeouts { create = "2s" } fails with a timeout diagnostic, stays in state as tainted, and the next plan replaces it', async () => {
    const { emu } = cloud;
    const dir = workdir('timeout');
    const env = cloudEnv(emu);
    const shanghaiImages = () => emu.control.dump().regions['cn-shanghai']!.images.filter((i) => !i.deleting).map((i) => i.id);
    const cli = (...args: string[]) => runCli([`-chdir=${dir}`, ...args, '-no-color'], env);
    const first = await cli('apply', '-auto-approve', '-target=alicloud_image.src');
    expect(first.code, first.stdout + first.stderr).toBe(0);

    emu.control.setSpeed(0); // the copy makes no progress: it cannot finish within 2 s
    const r = await cli('apply', '-auto-approve');
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('alicloud_image_copy.slow: Creating...');
    expect(r.stderr).toContain('Error: Timeout creating alicloud_image_copy.slow');
    expect(r.stderr).toContain('on main.tf line 41, in resource "alicloud_image_copy" "slow":');
    expect(r.stderr).toMatch(/timed out waiting for image m-\w+\s+\(copy of m-\w+ from cn-hangzhou\) in cn-shanghai to become\s+Available/);
    expect(r.stderr).toMatch(/Raise\s+the "create" value of the resource's timeouts block/);
    expect(r.stdout).not.toContain('Apply complete!');

    // The copy the cloud made is in state, tainted, not forgotten.
    const copies = shanghaiImages();
    expect(copies).toHaveLength(1);
    const { state } = await readState(dir);
    const copy = stateObjects(state).find((o) => o.address === 'alicloud_image_copy.slow');
    expect(copy).toEqual({ address: 'alicloud_image_copy.slow', type: 'alicloud_image_copy', id: copies[0], tainted: true });
    const shown = await runCli([`-chdir=${dir}`, 'state', 'show', 'alicloud_image_copy.slow'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('# alicloud_image_copy.slow: (tainted)');
    expect(shown.stdout).toMatch(new RegExp(`\\bid += "${copies[0]}"`));

    // The next plan replaces it.
    const plan = await cli('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    expect(plan.stdout).toContain('# alicloud_image_copy.slow is tainted, so must be replaced');
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');

    // With the clock running again the replacement succeeds and leaves one copy in the cloud.
    emu.control.setSpeed(1000);
    const again = await cli('apply', '-auto-approve');
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 1 destroyed.');
    emu.control.advance(60_000);
    const after = stateObjects((await readState(dir)).state).find((o) => o.address === 'alicloud_image_copy.slow')!;
    expect(after.tainted).toBe(false);
    expect(shanghaiImages()).toEqual([after.id]);
  }, 120_000);
});
