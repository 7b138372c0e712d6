import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'minitf-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { MINITF_STATE_KEY: 'secrets-test-key', TF_IN_AUTOMATION: '1' };

describe('sensitive values never reach files or output in clear text', () => {
  test('a sensitive input and the output derived from it are sealed in state, journal and plan file', async () => {
    writeFileSync(
      join(dir, 'main.tf'),
      `variable "password" {
  type      = string
  default   = "hunter2-secret"
  sensitive = true
}
resource "terraform_data" "creds" {
  input = var.password
}
output "password" {
  value     = terraform_data.creds.output
  sensitive = true
}
`,
    );
    const p = await runCli(['-chdir=' + dir, 'plan', '-no-color', '-out=plan.out'], env);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain('(sensitive value)');
    expect(p.stdout).not.toContain('hunter2-secret');
    const a = await runCli(['-chdir=' + dir, 'apply', '-no-color', 'plan.out'], env);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).not.toContain('hunter2-secret');
    const files = [join(dir, 'plan.out'), ...readdirSync(join(dir, 'state')).map((f) => join(dir, 'state', f))];
    for (const f of files) expect(readFileSync(f).includes('hunter2-secret'), f).toBe(false);
    const state = JSON.parse(readFileSync(join(dir, 'state', 'terraform.tfstate'), 'utf8'));
    const paths = state.resources[0].instances[0].sensitive_attributes.map((p: { value: string }[]) => p[0]!.value).sort();
    expect(paths).toEqual(['input', 'output']);
    // The value is still there for those who hold the key.
    const o = await runCli(['-chdir=' + dir, 'output', '-raw', 'password'], env);
    expect(o.stdout).toBe('hunter2-secret');
    const show = await runCli(['-chdir=' + dir, 'show', '-no-color'], env);
    expect(show.stdout).not.toContain('hunter2-secret');
  });
});
