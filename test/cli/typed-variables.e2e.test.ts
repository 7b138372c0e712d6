import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';

// Typed -var, TF_VAR_ and .tfvars values, as Terraform 1.11.4 converts and reports them (texts
// checked side by side with terraform_data configurations).
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const CONFIG = `variable "n" {
  type    = number
  default = 1
}
variable "enabled" {
  type    = bool
  default = false
}
variable "l" {
  type    = list(number)
  default = []
}
variable "secret" {
  type      = string
  default   = "x"
  sensitive = true
}
resource "terraform_data" "a" {
  input = [var.n, var.enabled]
}
`;
function workdir(files: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'minitf-typed-vars-'));
  dirs.push(d);
  writeFileSync(join(d, 'main.tf'), CONFIG);
  for (const [f, t] of Object.entries(files)) writeFileSync(join(d, f), t);
  return d;
}

describe('typed variables from the command line, the environment and files (CLI)', () => {
  test('-var n=abc for a number: Terraform\'s error naming the variable, at its declaration', async () => {
    const r = await runMinitf(['plan', '-no-color', '-var', 'n=abc'], { cwd: workdir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('\nError: Invalid value for input variable\n\n  on main.tf line 1:\n   1: variable "n" {\n\nUnsuitable value for var.n set using -var="n=...": a number is required.\n');
  });

  test('TF_VAR_n=abc: the same, naming the environment variable', async () => {
    const r = await runMinitf(['plan', '-no-color'], { cwd: workdir(), env: { TF_VAR_n: 'abc' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('\nError: Invalid value for input variable\n\n  on main.tf line 1:\n   1: variable "n" {\n\nUnsuitable value for var.n set using the TF_VAR_n environment variable: a\nnumber is required.\n');
  });

  test.each([
    ['-var enabled=1', ['-var', 'enabled=1'], {}, 'true'],
    ['-var enabled=0', ['-var', 'enabled=0'], {}, 'false'],
    ['-var enabled=true', ['-var', 'enabled=true'], {}, 'true'],
    ['TF_VAR_enabled=1', [], { TF_VAR_enabled: '1' }, 'true'],
    ['TF_VAR_enabled=false', [], { TF_VAR_enabled: 'false' }, 'false'],
  ])('%s converts to a bool as Terraform does', async (_n, args, env, want) => {
    const r = await runMinitf(['plan', '-no-color', ...args], { cwd: workdir(), env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`\\+ input += \\[\\n\\s+\\+ 1,\\n\\s+\\+ ${want},\\n`));
  });

  test('-var enabled=yes: a bool is required', async () => {
    const r = await runMinitf(['plan', '-no-color', '-var', 'enabled=yes'], { cwd: workdir() });
    expect(r.code).toBe(1);
    expect(r.stderr.replace(/\n/g, ' ')).toContain('Unsuitable value for var.enabled set using -var="enabled=...": a bool is required.');
  });

  test('-var for a list is an expression: a reference in it is Variables not allowed', async () => {
    const r = await runMinitf(['plan', '-no-color', '-var', 'l=abc'], { cwd: workdir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('\nError: Variables not allowed\n\n  on <value for var.l> line 1:\n  (source code not available)\n\nVariables may not be used here.\n');
  });

  test('-var l=["a"]: the element does not convert, reported at the declaration', async () => {
    const r = await runMinitf(['plan', '-no-color', '-var', 'l=["a"]'], { cwd: workdir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Unsuitable value for var.l set using -var="l=...": a number is required.\n');
  });

  test('a bad value in terraform.tfvars is reported at its line in the .tfvars file', async () => {
    const r = await runMinitf(['plan', '-no-color'], { cwd: workdir({ 'terraform.tfvars': 'enabled = true\nn = "abc"\n' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('\nError: Invalid value for input variable\n\n  on terraform.tfvars line 2:\n   2: n = "abc"\n\nThe given value is not suitable for var.n declared at main.tf:1,1-13: a\nnumber is required.\n');
  });

  test('a number for a bool in terraform.tfvars: bool required (only strings convert), at the .tfvars line', async () => {
    const r = await runMinitf(['plan', '-no-color'], { cwd: workdir({ 'terraform.tfvars': 'enabled = 1\n' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  on terraform.tfvars line 1:\n   1: enabled = 1\n\nThe given value is not suitable for var.enabled declared at main.tf:5,1-19:\nbool required.\n');
  });

  test('a bad value in a -var-file .tfvars.json file: at its line there', async () => {
    const r = await runMinitf(['plan', '-no-color', '-var-file=x.tfvars.json'], { cwd: workdir({ 'x.tfvars.json': '{"n": "abc"}' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  on x.tfvars.json line 1:\n   1: {"n": "abc"}\n\nThe given value is not suitable for var.n declared at main.tf:1,1-13: a\nnumber is required.\n');
  });

  test('a module input that does not convert: at the argument of the call, naming module.x.var.n', async () => {
    const d = mkdtempSync(join(tmpdir(), 'minitf-typed-vars-module-'));
    dirs.push(d);
    mkdirSync(join(d, 'm'));
    writeFileSync(join(d, 'm', 'main.tf'), 'variable "n" {\n  type = number\n}\n');
    writeFileSync(join(d, 'main.tf'), 'module "x" {\n  source = "./m"\n  n      = "abc"\n}\n');
    const r = await runMinitf(['plan', '-no-color'], { cwd: d });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('\nError: Invalid value for input variable\n\n  on main.tf line 3, in module "x":\n   3:   n      = "abc"\n\nThe given value is not suitable for module.x.var.n declared at\nm/main.tf:1,1-13: a number is required.\n');
  });

  test('a sensitive variable: the value\'s place is named, not shown', async () => {
    const r = await runMinitf(['plan', '-no-color'], { cwd: workdir({ 'terraform.tfvars': 'n = 2\nsecret = ["x"]\n' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  on main.tf line 13:\n  13: variable "secret" {\n\nThe given value is not suitable for var.secret, which is sensitive: string\nrequired. Invalid value defined at terraform.tfvars:2,10-15.\n');
  });
});
