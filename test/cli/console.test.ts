import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

const bin = join(process.cwd(), 'bin', 'minitf.js');
let dir: string;
const env = { ...process.env, MINITF_STATE_KEY: 'console-test' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minitf-console-'));
  writeFileSync(
    join(dir, 'main.tf'),
    `variable "n" {
  type    = number
  default = 2
}
locals {
  names = [for i in range(var.n) : "n-\${i}"]
}
resource "terraform_data" "c" {
  count = var.n
  input = local.names[count.index]
}
`,
  );
  const r = await runCli(['-chdir=' + dir, 'apply', '-auto-approve', '-no-color'], { MINITF_STATE_KEY: 'console-test' });
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function consoleRun(input: string, args: string[] = []): { stdout: string; stderr: string; code: number } {
  try {
    const stdout = execFileSync('node', [bin, '-chdir=' + dir, 'console', ...args], { input, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { stdout, stderr: '', code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; status: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.status };
  }
}

describe('minitf console', () => {
  test.each([
    ['var.n', '2\n'],
    ['local.names', '[\n  "n-0",\n  "n-1",\n]\n'],
    ['terraform_data.c[1].output', '"n-1"\n'],
    ['upper("x")', '"X"\n'],
  ])('evaluates variables, locals, functions and state values: %s', (expr, want) => {
    const r = consoleRun(`${expr}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(want);
  });

  test('from a pipe, as Terraform, every line is evaluated and only the last result printed', () => {
    const r = consoleRun('var.n\nupper("x")\n');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('"X"\n');
  });

  test('from a pipe, the first error is a diagnostic and ends the console with exit 1', () => {
    const r = consoleRun('1 + 1\nnope(1)\n2 + 2\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Error: Call to unknown function');
  });

  test('echo var.nope | minitf console exits 1 (Terraform: 1)', () => {
    const r = consoleRun('var.nope\n', ['-no-color']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Reference to undeclared input variable');
  });

  test('-var overrides the default', () => {
    const r = consoleRun('var.n * 10\n', ['-var', 'n=5']);
    expect(r.stdout).toBe('50\n');
  });
});
