import { afterEach, describe, expect, test } from 'vitest';
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAST_ENV, minitf, shown } from './helpers.js';

/**
 * A directory where Terraform has applied: its state is `./terraform.tfstate` (or
 * `./terraform.tfstate.d/NAME/` for a workspace), not minitf's `state/terraform.tfstate`. minitf
 * refuses to start empty beside it, names it, and the move it suggests works.
 */
const ID = '1f43150b-d9f1-0fc6-0958-e3af10c4f2fe';
const terraformState = JSON.stringify(
  {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: '2838bdc7-bb42-9f66-7c29-57ea44ab67ab',
    outputs: {},
    resources: [
      {
        mode: 'managed',
        type: 'terraform_data',
        name: 'a',
        provider: 'provider["terraform.io/builtin/terraform"]',
        instances: [{ schema_version: 0, attributes: { id: ID, input: { value: 'x', type: 'string' }, output: { value: 'x', type: 'string' }, triggers_replace: null }, sensitive_attributes: [] }],
      },
    ],
    check_results: null,
  },
  null,
  2,
);

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function terraformDir(stateAt: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-e2e-tfstate-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "a" {\n  input = "x"\n}\n');
  mkdirSync(join(dir, stateAt, '..'), { recursive: true });
  writeFileSync(join(dir, stateAt), terraformState + '\n');
  return dir;
}

/** The move command the refusal suggests (its indented line starting with `mkdir`). */
function suggestedMove(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith('  mkdir -p '));
  expect(line, stderr).toBeDefined();
  return line!.trim();
}

describe("Terraform's own state in the working directory", () => {
  test('plan, apply and state list refuse naming ./terraform.tfstate; the suggested move hands it over', async () => {
    const dir = terraformDir('terraform.tfstate');
    writeFileSync(join(dir, 'terraform.tfstate.backup'), terraformState + '\n');
    for (const args of [['plan', '-no-color'], ['apply', '-auto-approve', '-no-color'], ['state', 'list'], ['output', '-no-color']]) {
      const r = await minitf(dir, args);
      expect(r.code, shown(r)).toBe(1);
      expect(r.stderr).toContain('Error: Terraform state not moved');
      expect(r.stderr.replace(/\n/g, ' ')).toContain("This directory has Terraform's state file terraform.tfstate, and minitf keeps its state in state/terraform.tfstate, which does not exist yet.");
      expect(r.stdout).not.toContain('to add');
    }
    expect(existsSync(join(dir, 'state', 'terraform.tfstate'))).toBe(false);
    const first = await minitf(dir, ['plan', '-no-color']);
    const move = suggestedMove(first.stderr);
    expect(move).toBe('mkdir -p state && mv terraform.tfstate terraform.tfstate.backup state/');
    execSync(move, { cwd: dir });
    const r = await minitf(dir, ['plan', '-no-color', '-detailed-exitcode']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain(`terraform_data.a: Refreshing state... [id=${ID}]`);
    expect(r.stdout).toContain('No changes. Your infrastructure matches the configuration.');
  });

  test('-state=terraform.tfstate uses it where it is', async () => {
    const dir = terraformDir('terraform.tfstate');
    const r = await minitf(dir, ['plan', '-no-color', '-detailed-exitcode', '-state=terraform.tfstate']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('No changes.');
  });

  test('backend "local" { path = "terraform.tfstate" } uses it where it is', async () => {
    const dir = terraformDir('terraform.tfstate');
    writeFileSync(join(dir, 'backend.tf'), 'terraform {\n  backend "local" {\n    path = "terraform.tfstate"\n  }\n}\n');
    const r = await minitf(dir, ['plan', '-no-color', '-detailed-exitcode']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('No changes.');
  });

  test("a workspace's Terraform state (terraform.tfstate.d/NAME) is refused and moved the same way", async () => {
    const dir = terraformDir(join('terraform.tfstate.d', 'dev', 'terraform.tfstate'));
    const env = { ...FAST_ENV, TF_WORKSPACE: 'dev' };
    const r = await minitf(dir, ['plan', '-no-color'], env);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr.replace(/\n/g, ' ')).toContain("Terraform's state file terraform.tfstate.d/dev/terraform.tfstate, and minitf keeps its state in state/terraform.tfstate.d/dev/terraform.tfstate");
    execSync(suggestedMove(r.stderr), { cwd: dir });
    const again = await minitf(dir, ['plan', '-no-color', '-detailed-exitcode'], env);
    expect(again.code, shown(again)).toBe(0);
    expect(readFileSync(join(dir, 'state', 'terraform.tfstate.d', 'dev', 'terraform.tfstate'), 'utf8')).toContain(ID);
  });

  test("once minitf has its own state, Terraform's beside it is not in the way", async () => {
    const dir = terraformDir('terraform.tfstate');
    mkdirSync(join(dir, 'state'));
    writeFileSync(join(dir, 'state', 'terraform.tfstate'), terraformState + '\n');
    const r = await minitf(dir, ['plan', '-no-color', '-detailed-exitcode']);
    expect(r.code, shown(r)).toBe(0);
  });
});
