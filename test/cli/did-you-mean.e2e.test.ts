import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';

// "Did you mean" by edit distance over what is in scope, with Terraform 1.11.4's texts (checked side
// by side on the same configuration).
const dir = mkdtempSync(join(tmpdir(), 'minitf-did-you-mean-'));
mkdirSync(join(dir, 'modules', 'net'), { recursive: true });
writeFileSync(join(dir, 'modules', 'net', 'main.tf'), 'output "id" {\n  value = 1\n}\n');
writeFileSync(
  join(dir, 'main.tf'),
  `variable "name" {
  default = "x"
}
locals {
  prefix = "p"
}
module "network" {
  source = "./modules/net"
}
resource "terraform_data" "a" {
  input = 1
}
output "o1" {
  value = terraform_data.a.outptu
}
output "o2" {
  value = var.nmae
}
output "o3" {
  value = module.netwrok.id
}
output "o4" {
  value = local.prefx
}
output "o5" {
  value = var.zzzzzz
}
resource "terraform_data" "c" {
  inptu = 1
}
resource "alicloud_vpc" "v" {
  vpc_nmae   = "x"
  cidr_block = "10.0.0.0/8"
}
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const squeeze = (s: string) => s.replace(/\s+/g, ' ');

describe('Did you mean (CLI)', () => {
  let validated: { code: number | null; stderr: string };
  let text = '';
  beforeAll(async () => {
    validated = await runMinitf(['validate', '-no-color'], { cwd: dir });
    text = squeeze(validated.stderr);
  }, 60_000);

  test('validate reports every typo once', () => {
    expect(validated.code).toBe(1);
    expect(validated.stderr.match(/^Error: /gm)).toHaveLength(7);
  });

  test.each([
    ['an attribute', 'This object has no argument, nested block, or exported attribute named "outptu". Did you mean "output"?'],
    ['a variable (no hint to declare the typo)', 'An input variable with the name "nmae" has not been declared. Did you mean "name"?'],
    ['a module', 'No module call named "netwrok" is declared in the root module. Did you mean "network"?'],
    ['a local value', 'A local value with the name "prefx" has not been declared. Did you mean "prefix"?'],
    ['a variable nothing is close to: the hint to declare it', 'An input variable with the name "zzzzzz" has not been declared. This variable can be declared with a variable "zzzzzz" {} block.'],
    ['an argument of terraform_data', 'An argument named "inptu" is not expected here. Did you mean "input"?'],
    ['an argument of an alicloud resource', 'An argument named "vpc_nmae" is not expected here. Did you mean "vpc_name"?'],
  ])('%s', (_what, detail) => {
    expect(text).toContain(detail);
  });

  test('an argument of an output block', async () => {
    const d = mkdtempSync(join(tmpdir(), 'minitf-did-you-mean-output-'));
    try {
      writeFileSync(join(d, 'main.tf'), 'output "o" {\n  valeu = 1\n}\n');
      const r = await runMinitf(['validate', '-no-color'], { cwd: d });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('  on main.tf line 2, in output "o":\n   2:   valeu = 1\n\nAn argument named "valeu" is not expected here. Did you mean "value"?\n');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  test('console: a variable typo suggests the declared name', async () => {
    const d = mkdtempSync(join(tmpdir(), 'minitf-did-you-mean-console-'));
    try {
      writeFileSync(join(d, 'main.tf'), 'variable "name" {\n  default = "x"\n}\nlocals {\n  prefix = 1\n}\n');
      const v = await runMinitf(['console', '-no-color'], { cwd: d, input: 'var.nmae\n' });
      expect(v.code).toBe(1);
      expect(squeeze(v.stderr)).toContain('An input variable with the name "nmae" has not been declared. Did you mean "name"?');
      const l = await runMinitf(['console', '-no-color'], { cwd: d, input: 'local.prefx\n' });
      expect(squeeze(l.stderr)).toContain('A local value with the name "prefx" has not been declared. Did you mean "prefix"?');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  test('a command: minitf plna', async () => {
    const r = await runMinitf(['plna'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('minitf has no command named "plna". Did you mean "plan"?');
  });
});
