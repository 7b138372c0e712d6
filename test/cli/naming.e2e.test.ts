import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';

// In prose minitf names itself and suggests its own commands (as OpenTofu does for itself);
// machine-readable fields keep Terraform's names and shapes.
const dir = mkdtempSync(join(tmpdir(), 'minitf-naming-'));
writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "n" {\n  count = 2\n  input = count.index\n}\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const squeeze = (s: string) => s.replace(/\s+/g, ' ');

describe('whose name is printed (CLI)', () => {
  test('plan: minitf used the selected providers … if you run "minitf apply" now', async () => {
    const r = await runMinitf(['plan', '-no-color'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(squeeze(r.stdout)).toContain('minitf used the selected providers to generate the following execution plan.');
    expect(squeeze(r.stdout)).toContain('minitf will perform the following actions:');
    expect(squeeze(r.stdout)).toContain('so minitf can\'t guarantee to take exactly these actions if you run "minitf apply" now.');
    expect(r.stdout).not.toMatch(/Terraform|terraform apply/);
  });

  test('the approval question: minitf will perform the actions described above', async () => {
    const r = await runMinitf(['apply', '-no-color'], { cwd: dir, input: 'no\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('\n  minitf will perform the actions described above.\n');
    expect(r.stdout).toContain('Apply cancelled.');
  });

  test('-json keeps Terraform\'s field names: the version line has "terraform" and "ui"', async () => {
    const r = await runMinitf(['plan', '-json'], { cwd: dir });
    const first = JSON.parse(r.stdout.split('\n')[0]!) as Record<string, unknown>;
    expect(Object.keys(first).sort()).toEqual(['@level', '@message', '@module', '@timestamp', 'terraform', 'type', 'ui']);
    expect(first['@module']).toBe('terraform.ui');
  });

  test('output with no outputs suggests minitf refresh and minitf console', async () => {
    const a = await runMinitf(['apply', '-auto-approve', '-no-color'], { cwd: dir });
    expect(a.code, a.stderr).toBe(0);
    const r = await runMinitf(['output', '-no-color'], { cwd: dir });
    expect(squeeze(r.stdout + r.stderr)).toContain('run `minitf refresh` for it to become available');
    expect(squeeze(r.stdout + r.stderr)).toContain('the `minitf console` command');
  });

  test('state show of a resource with several instances suggests minitf state list', async () => {
    const r = await runMinitf(['state', 'show', 'terraform_data.n'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('To view the available instances, use "minitf state list".');
  });

  test('state show without state: a directory where minitf has been run', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'minitf-naming-empty-'));
    try {
      const r = await runMinitf(['state', 'show', 'terraform_data.n'], { cwd: empty });
      expect(r.stdout + r.stderr).toContain('in a directory where minitf has been run');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
