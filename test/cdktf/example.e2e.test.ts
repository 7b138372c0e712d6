import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FAST_CLOUD, ROOT, minitf, removeDir, runChild, tempDir } from './helpers.js';

/**
 * The acceptance test of CDKTF interop: synthesize examples/cdktf-image-copy with its own script
 * (no cdktf CLI), then drive the synthesized stack with the minitf binary as child processes against
 * the embedded emulator, and compare its plan with the HCL example's for the same cloud.
 */

const EXAMPLE = join(ROOT, 'examples', 'cdktf-image-copy');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const STEP = { timeout: 180_000 };

/** One planned change as `show -json` prints it. */
interface ResourceChange {
  readonly address: string;
  readonly change: { readonly actions: readonly string[] };
}

let work = '';
let stack = '';
const chdir = (): string => `-chdir=${join('cdktf.out', 'stacks', 'image-copy')}`;

beforeAll(() => {
  work = tempDir('e2e');
  stack = join(work, 'cdktf.out', 'stacks', 'image-copy');
});
afterAll(() => removeDir(work));

/** The planned addresses and actions, sorted by address. */
function actions(changes: readonly ResourceChange[]): [string, string][] {
  return changes.map((c) => [c.address, c.change.actions.join(',')] as [string, string]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe('examples/cdktf-image-copy end to end', () => {
  test('the synth script writes the stack from outside the example folder, as CDKTF does', STEP, async () => {
    const r = await runChild(process.execPath, ['--import', TSX, join(EXAMPLE, 'main.ts')], { cwd: work, env: { CDKTF_OUTDIR: join(work, 'cdktf.out') } });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(stack, 'cdk.tf.json'), 'utf8')) as Record<string, any>;
    expect(json['//'].metadata).toMatchObject({ backend: 'local', stackName: 'image-copy' });
    expect(json.terraform.backend.local.path).toBe(join(work, 'terraform.image-copy.tfstate'));
    expect(json.terraform.required_providers.alicloud).toEqual({ source: 'aliyun/alicloud', version: '~> 1.66' });
    expect(json.provider.alicloud.map((p: { alias: string }) => p.alias)).toEqual(['sh', 'hz']);
    expect(json.resource.alicloud_vswitch.default['//'].metadata).toEqual({ path: 'image-copy/default_7', uniqueId: 'default' });
    expect(json.resource.alicloud_vswitch.default.provider).toBe('alicloud.hz');
    expect(json.resource.alicloud_vswitch.default.zone_id).toBe('${data.alicloud_zones.default.zones["0"].id}');
    expect(json.resource.alicloud_image_copy.default.provider).toBe('alicloud.sh');
  });

  test('validate: Success! The configuration is valid.', STEP, async () => {
    const r = await minitf(work, [chdir(), 'validate']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Success! The configuration is valid.');
  });

  let planned: ResourceChange[] = [];
  test('plan -detailed-exitcode: exit 2, six to add', STEP, async () => {
    const r = await minitf(work, [chdir(), '-emulator', 'plan', '-detailed-exitcode', '-out=tfplan']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toContain('Plan: 6 to add, 0 to change, 0 to destroy.');
    const shown = await minitf(work, [chdir(), 'show', '-json', 'tfplan']);
    expect(shown.code, shown.stderr).toBe(0);
    planned = (JSON.parse(shown.stdout) as { resource_changes: ResourceChange[] }).resource_changes;
    expect(actions(planned)).toEqual([
      ['alicloud_image.default', 'create'],
      ['alicloud_image_copy.default', 'create'],
      ['alicloud_instance.default', 'create'],
      ['alicloud_security_group.default', 'create'],
      ['alicloud_vpc.default', 'create'],
      ['alicloud_vswitch.default', 'create'],
    ]);
  });

  test('the plan equals the HCL example\'s (examples/image-copy) for the same cloud', STEP, async () => {
    const hcl = join(work, 'hcl');
    mkdirSync(join(hcl, '.minitf'), { recursive: true });
    copyFileSync(join(ROOT, 'examples', 'image-copy', 'main.tf'), join(hcl, 'main.tf'));
    const cloud = join(stack, '.minitf', 'emulator.json');
    if (existsSync(cloud)) copyFileSync(cloud, join(hcl, '.minitf', 'emulator.json'));
    const p = await minitf(hcl, ['-emulator', 'plan', '-out=tfplan']);
    expect(p.code, p.stderr).toBe(0);
    const shown = await minitf(hcl, ['show', '-json', 'tfplan']);
    const theirs = (JSON.parse(shown.stdout) as { resource_changes: ResourceChange[] }).resource_changes;
    expect(actions(planned)).toEqual(actions(theirs));
    expect(planned).toEqual(theirs);
  });

  test('apply the saved plan: six added, state at the backend\'s absolute path', STEP, async () => {
    const r = await minitf(work, [chdir(), '-emulator', 'apply', 'tfplan']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.');
    expect(r.stdout).toMatch(/image_copy_id = "m-[0-9a-z]+"/);
    expect(existsSync(join(work, 'terraform.image-copy.tfstate'))).toBe(true);
    expect(existsSync(join(stack, 'terraform.tfstate'))).toBe(false);
  });

  test('plan again: exit 0, no changes', STEP, async () => {
    const r = await minitf(work, [chdir(), '-emulator', 'plan', '-detailed-exitcode']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No changes.');
  });

  test('destroy: six destroyed, no managed resource left in state', STEP, async () => {
    const r = await minitf(work, [chdir(), '-emulator', 'destroy', '-auto-approve']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Destroy complete! Resources: 6 destroyed.');
    const list = await minitf(work, [chdir(), 'state', 'list']);
    expect(list.stdout.split('\n').filter((l) => l && !l.startsWith('data.'))).toEqual([]);
  });

  test('an error in the synthesized JSON names the JSON path and the line', STEP, async () => {
    const file = join(stack, 'cdk.tf.json');
    const text = readFileSync(file, 'utf8').replace('"zone_id": "${data.alicloud_zones.default.zones[\\"0\\"].id}"', '"zone_id": "${data.alicloud_zones.default.zones[\\"0\\"].zone}"');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('"zone_id"')) + 1;
    const r = await runCli([`-chdir=${stack}`, '-emulator', 'plan'], FAST_CLOUD);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Unsupported attribute');
    expect(r.stderr).toContain(`on cdk.tf.json line ${line}, in resource.alicloud_vswitch.default.zone_id:`);
  });
});

describe('examples/cdktf-image-copy compiles', () => {
  test('tsc -p examples/cdktf-image-copy reports nothing', STEP, async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = await runChild(process.execPath, [tsc, '-p', EXAMPLE], { cwd: ROOT });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
