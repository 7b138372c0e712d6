import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { BIN, childEnv, cloudObjects, copyExample, dumpCloud, FAST_ENV, minitf, removeDir, shown } from '../../e2e/helpers.js';

/** The oss-backend example against the embedded emulator, with minitf as child processes. */
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** A slow emulator clock, so an apply is still running while another process starts (VPC and vSwitch take 3 s / 2). */
const SLOW = { ...FAST_ENV, MINITF_EMULATOR_SPEED: '2' };

function example(): string {
  const d = copyExample('oss-backend');
  dirs.push(d);
  return d;
}

/** Starts `minitf -emulator ARGS` in `dir` in the background. */
function start(dir: string, args: string[], env: Record<string, string> = FAST_ENV) {
  const child = spawn(process.execPath, [BIN, '-emulator', ...args], { cwd: dir, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (c: Buffer) => (out.stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out.stderr += c.toString()));
  const exit = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 137 : 1))));
  const waitFor = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (re.test(out.stdout) || re.test(out.stderr) ? resolve() : undefined);
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      void exit.then((code) => reject(new Error(`minitf exited (${code}) before ${re}:\n${out.stdout}\n${out.stderr}`)));
      check();
    });
  return { child, out, exit, waitFor };
}

/** The state as `state pull` prints it, and the cloud objects of its resources (`kind id`). */
async function stateAndCloud(dir: string): Promise<{ addresses: string[]; ids: string[]; cloud: string[]; serial: number }> {
  const pulled = await minitf(dir, ['-emulator', 'state', 'pull']);
  expect(pulled.code, shown(pulled)).toBe(0);
  const s = JSON.parse(pulled.stdout) as { serial: number; resources: { mode: string; type: string; name: string; instances: { index_key?: number; attributes: { id: string } }[] }[] };
  const managed = s.resources.filter((r) => r.mode === 'managed');
  const addresses = managed.flatMap((r) => r.instances.map((i) => `${r.type}.${r.name}${i.index_key === undefined ? '' : `[${i.index_key}]`}`)).sort();
  const ids = managed.flatMap((r) => r.instances.map((i) => i.attributes.id)).sort();
  const cloud = cloudObjects(await dumpCloud(dir), ['vpcs', 'vswitches', 'securityGroups']).map((l) => l.split(' ')[2]!).sort();
  return { addresses, ids, cloud, serial: s.serial };
}

const EVERYTHING = (n: number) => ['alicloud_security_group.web', 'alicloud_vpc.main', ...Array.from({ length: n }, (_, i) => `alicloud_vswitch.subnet[${i}]`)].sort();

describe('examples/oss-backend: state in OSS (embedded emulator)', () => {
  test('init makes the state bucket once, with a notice; apply stores the state where Terraform puts it', async () => {
    const dir = example();
    const init = await minitf(dir, ['-emulator', 'init']);
    expect(init.code, shown(init)).toBe(0);
    expect(init.stderr).toContain('minitf: created the state bucket "minitf-example-state" (cn-hangzhou) in the embedded emulator');
    const applied = await minitf(dir, ['-emulator', 'apply', '-auto-approve']);
    expect(applied.code, shown(applied)).toBe(0);
    expect(applied.stderr).not.toContain('created the state bucket');
    const { addresses, ids, cloud } = await stateAndCloud(dir);
    expect(addresses).toEqual(EVERYTHING(4));
    expect(cloud).toEqual(ids);
    const plan = await minitf(dir, ['-emulator', 'plan', '-detailed-exitcode']);
    expect(plan.code, shown(plan)).toBe(0);
  }, 240_000);

  test('two applies racing from two processes: one fails fast showing the holder, one waits its turn; no update is lost, nothing is made twice', async () => {
    const dir = example();
    // At half speed the first apply takes over 12 s: time for the others to start and meet its lock.
    const first = start(dir, ['apply', '-auto-approve'], { ...SLOW, MINITF_EMULATOR_SPEED: '0.5' });
    await first.waitFor(/alicloud_vpc\.main: Creating\.\.\./);
    const fails = start(dir, ['apply', '-auto-approve', '-lock-timeout=0s'], SLOW);
    const waits = start(dir, ['apply', '-auto-approve', '-lock-timeout=3m'], FAST_ENV);
    await waits.waitFor(/Acquiring state lock\. This may take a few moments\.\.\./);
    expect(await fails.exit).toBe(1);
    expect(fails.out.stderr).toContain('Error: Error acquiring the state lock');
    expect(fails.out.stderr).toContain('Lock Info:');
    expect(fails.out.stderr).toContain(`PID:       ${first.child.pid} on `);
    expect(fails.out.stderr).toContain('Path:      minitf-example-state/network/terraform.tfstate');
    expect(fails.out.stderr).toContain('Operation: OperationTypeApply');
    expect(await first.exit, first.out.stderr).toBe(0);
    expect(first.out.stdout).toContain('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.');
    expect(await waits.exit, waits.out.stderr).toBe(0);
    // The waiting run planned from what the first one wrote: nothing left to add.
    expect(waits.out.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    const { addresses, ids, cloud } = await stateAndCloud(dir);
    expect(addresses).toEqual(EVERYTHING(4));
    expect(cloud).toEqual(ids);
  }, 300_000);

  test('kill -9 in the middle of an apply, then apply again: no orphan in the cloud, the state complete', async () => {
    const dir = example();
    const killed = start(dir, ['apply', '-auto-approve', '-var', 'subnets=6'], SLOW);
    await killed.waitFor(/alicloud_vpc\.main: Creation complete/);
    await killed.waitFor(/alicloud_vswitch\.subnet\[\d\]: Creating\.\.\./);
    killed.child.kill('SIGKILL');
    expect(await killed.exit).toBe(137);
    const again = await minitf(dir, ['-emulator', 'apply', '-auto-approve', '-var', 'subnets=6']);
    expect(again.code, shown(again)).toBe(0);
    const { addresses, ids, cloud } = await stateAndCloud(dir);
    expect(addresses).toEqual(EVERYTHING(6));
    // Every object in the emulated cloud is in the state, and the other way round: no orphan, no duplicate.
    expect(cloud).toEqual(ids);
    expect(cloud).toHaveLength(8);
    const plan = await minitf(dir, ['-emulator', 'plan', '-detailed-exitcode', '-var', 'subnets=6']);
    expect(plan.code, shown(plan)).toBe(0);
  }, 300_000);
});
