import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

// Override files through the CLI: `minitf plan` as a child process in a temp directory.
describe('minitf plan in a child process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-override-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  test('plan shows the overridden values', async () => {
    writeFileSync(join(dir, 'main.tf'), 'variable "v" {\n  default = "base"\n}\nresource "terraform_data" "a" {\n  input = "base-${var.v}"\n}\noutput "o" {\n  value = var.v\n}\n');
    writeFileSync(join(dir, 'override.tf'), 'resource "terraform_data" "a" {\n  input = "over-${var.v}"\n}\n');
    writeFileSync(join(dir, 'v_override.tf.json'), JSON.stringify({ variable: { v: { default: 'json' } } }));
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'minitf.js');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, `-chdir=${dir}`, 'plan', '-no-color'], { env: { ...process.env, MINITF_STATE_KEY: 'override-test' }, timeout: 60_000 });
    expect(stdout).toContain('+ input  = "over-json"');
    expect(stdout).toContain('+ o = "json"');
    expect(stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
  });
});
