import { describe, expect, test } from 'vitest';
import { useTestCloud } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';
import { cloudEnv, cloudIds, KIND_OF_TYPE, readState, sorted, stateObjects, workdir } from './support.js';

const cloud = useTestCloud();

describe('retries against a faulty cloud', () => {
  test.each([
    { name: '30% throttling and 10% 5xx (and one 503 before each create)', lost: false },
    { name: '30% throttling and 10% 5xx (and the answer to each create lost once)', lost: true },
  ])('the seed example (examples/image-copy) applies through $name, each object made once, and then plans no changes', async ({ lost }) => {
    const { emu } = cloud;
    emu.control.setFaults({ throttleRate: 0.3, errorRate: 0.1, retryAfterMs: 5 });
    // On top of the random faults, each create meets a 503 once: before it acts, or after (a lost
    // answer: the cloud made the object and the client must retry with the same ClientToken).
    const creates = ['CreateVpc', 'CreateVSwitch', 'CreateSecurityGroup', 'RunInstances', 'CreateImage', 'CopyImage'];
    for (const action of creates) emu.control.injectError(action, { code: 'ServiceUnavailable', status: 503, after: lost });
    const dir = workdir('examples/image-copy');
    const cli = (...args: string[]) => runCli([`-chdir=${dir}`, ...args, '-no-color'], cloudEnv(emu));
    const r = await cli('apply', '-auto-approve');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.');

    // The faults really happened.
    const log = emu.control.requestLog();
    const throttled = log.filter((e) => e.code === 'Throttling.User');
    expect(throttled.length).toBeGreaterThan(0);
    for (const action of creates) expect(log.filter((e) => e.action === action && e.status === 503).length, action).toBeGreaterThan(0);

    // Every object exactly once in the cloud and in state, even where an answer was lost.
    const dump = emu.control.dump();
    const objs = stateObjects((await readState(dir)).state);
    for (const kind of ['vpcs', 'vswitches', 'securityGroups', 'instances', 'images'] as const) {
      const inState = objs.filter((o) => KIND_OF_TYPE[o.type] === kind).map((o) => o.id!);
      expect(sorted(cloudIds(dump, kind)), kind).toEqual(sorted(inState));
    }
    expect(objs.filter((o) => o.tainted)).toEqual([]);

    const plan = await cli('plan', '-detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  }, 120_000);
});
