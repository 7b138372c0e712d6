import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

let dir: string;
const env = { MINITF_STATE_KEY: 'generate-test', TF_IN_AUTOMATION: '1' };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minitf-gen-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('plan -generate-config-out', () => {
  test('writes a resource block for an import target without one, then plans the import', async () => {
    writeFileSync(join(dir, 'main.tf'), 'import {\n  to = terraform_data.adopted\n  id = "existing-object-id"\n}\n');
    const r = await runCli(['-chdir=' + dir, 'plan', '-no-color', '-generate-config-out=generated.tf'], env);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'generated.tf'), 'utf8');
    expect(text).toContain('resource "terraform_data" "adopted" {');
    expect(r.stdout).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    const again = await runCli(['-chdir=' + dir, 'apply', '-auto-approve', '-no-color'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Apply complete! Resources: 1 imported, 0 added, 0 changed, 0 destroyed.');
  });

  test('refuses to overwrite an existing file', async () => {
    writeFileSync(join(dir, 'main.tf'), 'import {\n  to = terraform_data.adopted\n  id = "x"\n}\n');
    writeFileSync(join(dir, 'generated.tf'), '# mine\n');
    const r = await runCli(['-chdir=' + dir, 'plan', '-no-color', '-generate-config-out=generated.tf'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Target generated file already exists');
    expect(readFileSync(join(dir, 'generated.tf'), 'utf8')).toBe('# mine\n');
  });

  test('without the flag, a missing import target is an error', async () => {
    writeFileSync(join(dir, 'main.tf'), 'import {\n  to = terraform_data.adopted\n  id = "x"\n}\n');
    const r = await runCli(['-chdir=' + dir, 'plan', '-no-color'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Configuration for import target does not exist');
    expect(existsSync(join(dir, 'generated.tf'))).toBe(false);
  });
});
