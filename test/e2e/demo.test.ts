import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minitf, removeDir, shown } from './helpers.js';
import { cloudObjects, dumpCloud } from './helpers.js';

/** `minitf demo` (what `npm start` runs), in a directory of its own through `-dir`. */
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'minitf-e2e-demo-'));
  dirs.push(d);
  return d;
};

// The demo sets its own polling; only the clock is sped up (a 60 s copy takes 1 s at 60).
const DEMO_ENV = { MINITF_EMULATOR_SPEED: '60' };

describe('minitf demo', () => {
  test('plans, applies with live copy progress, shows outputs, converges; a second run changes nothing', async () => {
    const dir = join(tempDir(), 'work');
    let r = await minitf(process.cwd(), ['demo', `-dir=${dir}`], DEMO_ENV);
    expect(r.code, shown(r)).toBe(0);
    const out = r.stdout;
    for (const n of [1, 2, 3, 4]) expect(out).toContain(`━━ ${n}/4  minitf`);
    expect(out).toContain('Plan: 6 to add, 0 to change, 0 to destroy.');
    expect(out).toMatch(/alicloud_image_copy\.default: Still creating\.\.\. \[\d+s elapsed, \d+%/);
    expect(out).toContain('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.');
    expect(out).toMatch(/image_copy_id = "m-[a-z0-9]+"/);
    expect(out).toContain('No changes. Your infrastructure matches the configuration.');
    expect(out).toContain('minitf demo: done.');
    expect(r.stderr.match(/no real cloud is touched/g)).toHaveLength(1);
    // The demo's own configuration uses current argument names (security_group_name, not name).
    expect(out + r.stderr).not.toMatch(/Warning: |deprecated/);
    const copies = (await dumpCloud(dir)).regions['cn-shanghai']!.images;
    expect(copies.map((i) => i.status)).toEqual(['Available']);

    r = await minitf(process.cwd(), ['demo', `-dir=${dir}`], DEMO_ENV);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(r.stdout).not.toContain('Creating...');
    expect(cloudObjects(await dumpCloud(dir)).filter((l) => l.includes(' images '))).toHaveLength(2);
  }, 600_000);

  test('exits 1 and says which step failed when the configuration is broken', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "x" {\n  input = var.missing\n}\n');
    const r = await minitf(process.cwd(), ['demo', `-dir=${dir}`], DEMO_ENV);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain('Reference to undeclared input variable');
    expect(r.stderr).toContain('minitf demo: the first plan failed.');
  }, 300_000);
});
