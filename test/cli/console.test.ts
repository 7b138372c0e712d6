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

function consoleRun(input: string, args: string[] = []): { stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('node', [bin, '-chdir=' + dir, 'console', ...args], { input, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { stdout, stderr: '' };
  } catch (e) {
    const x = e as { stdout: string; stderr: string };
    return { stdout: x.stdout, stderr: x.stderr };
  }
}

describe('minitf console', () => {
  test('evaluates variables, locals, functions and state values line by line', () => {
    const r = consoleRun('var.n\nlocal.names\nterraform_data.c[1].output\nupper("x")\n');
    expect(r.stdout).toBe('2\n[\n  "n-0",\n  "n-1",\n]\n"n-1"\n"X"\n');
  });

  test('an error is a diagnostic and the console goes on', () => {
    const r = consoleRun('nope(1)\n1 + 1\n');
    expect(r.stdout).toBe('2\n');
  });

  test('-var overrides the default', () => {
    const r = consoleRun('var.n * 10\n', ['-var', 'n=5']);
    expect(r.stdout).toBe('50\n');
  });
});
