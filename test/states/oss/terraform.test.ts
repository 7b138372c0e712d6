import OSS from 'ali-oss';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { emptyState, openBackend, StateIndex } from '../../../src/states/index.js';
import { TD, tdObject } from '../helpers/tmp.js';

const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const terraform = probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
if (!terraform) console.log('skipping the Terraform oss backend compatibility tests: no `terraform` binary on PATH');

let emu: RunningEmulator;
const dirs: string[] = [];
beforeAll(async () => {
  emu = await startEmulator({ seed: 11 });
  await new OSS({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, endpoint: emu.url, region: 'oss-cn-hangzhou', bucket: 'shared-state' }).putBucket('shared-state');
});
afterAll(async () => {
  await emu.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs terraform asynchronously (the emulator answers from this process). */
function tf(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, 'rc'), ALICLOUD_ACCESS_KEY: emu.accessKeyId, ALICLOUD_SECRET_KEY: emu.accessKeySecret, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  return new Promise((resolve) => execFile('terraform', [...args], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })));
}

const BLOCK = () => `terraform {\n  backend "oss" {\n    bucket   = "shared-state"\n    prefix   = "team"\n    region   = "cn-hangzhou"\n    endpoint = "${emu.url}"\n  }\n}\n`;
const minitfOpts = (workspace: string) => ({ cwd: tmpdir(), workspace, backend: { type: 'oss', config: { bucket: 'shared-state', prefix: 'team', region: 'cn-hangzhou', endpoint: emu.url } }, env: { ALICLOUD_ACCESS_KEY: emu.accessKeyId, ALICLOUD_SECRET_KEY: emu.accessKeySecret } });

describe.skipIf(!terraform)(`the oss backend next to ${terraform ?? 'Terraform'} (on the emulator)`, () => {
  test('minitf reads the state Terraform wrote; Terraform reads the states minitf wrote and lists its workspaces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minitf-tf-oss-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'rc'), '');
    writeFileSync(join(dir, 'main.tf'), `${BLOCK()}resource "terraform_data" "from_terraform" {\n  input = "x"\n}\n`);
    expect((await tf(dir, ['init', '-input=false', '-no-color'])).code).toBe(0);
    const applied = await tf(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
    expect(applied.code, applied.stderr).toBe(0);
    const fromTerraform = (await openBackend(minitfOpts('default')).value!.read()).state!;
    expect(new StateIndex(fromTerraform).addresses()).toEqual(['terraform_data.from_terraform']);

    const b = openBackend(minitfOpts('ci')).value!;
    const s = { ...emptyState(), serial: 4 };
    new StateIndex(s).setObject('terraform_data.from_minitf', TD.provider, tdObject('m1', 'hello'));
    await b.write(s);
    await b.append([{ t: 'object', addr: 'terraform_data.later', resource: { ...TD, name: 'later' }, instance: tdObject('l', 'later') }]);
    new StateIndex(s).setObject('terraform_data.later', TD.provider, tdObject('l', 'later'));
    await b.write({ ...s, serial: 5 });
    const listed = await tf(dir, ['workspace', 'list', '-no-color']);
    expect(listed.stdout.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(['* default', 'ci']);
    expect((await tf(dir, ['workspace', 'select', 'ci', '-no-color'])).code).toBe(0);
    const pulled = await tf(dir, ['state', 'pull']);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(JSON.parse(pulled.stdout)).toMatchObject({ serial: 5, lineage: s.lineage, resources: [{ name: 'from_minitf' }, { name: 'later' }] });
  }, 240_000);
});
