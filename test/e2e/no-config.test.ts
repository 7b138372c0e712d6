import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minitf, shown } from './helpers.js';

/**
 * A directory with state but no configuration files: Terraform refuses plan, apply and import with
 * `Error: No configuration files` (exit 1) rather than planning to destroy everything, and still
 * allows `plan -destroy`, `destroy` and `refresh`.
 */
let dir: string;
let stateText: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minitf-e2e-noconfig-'));
  writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "a" {\n  input = "x"\n}\n');
  const r = await minitf(dir, ['apply', '-auto-approve', '-no-color']);
  expect(r.code, shown(r)).toBe(0);
  unlinkSync(join(dir, 'main.tf'));
  stateText = readFileSync(join(dir, 'state', 'terraform.tfstate'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('state without configuration files', () => {
  test.each([
    ['plan', ['plan'], 'Plan requires configuration to be present.'],
    ['plan -refresh-only', ['plan', '-refresh-only'], 'Plan requires configuration to be present.'],
    ['apply', ['apply', '-auto-approve'], "run 'minitf destroy' instead."],
    ['apply -refresh-only', ['apply', '-refresh-only', '-auto-approve'], 'Apply requires configuration to be present.'],
  ])('%s refuses with exit 1 and leaves the state alone', async (_name, args, detail) => {
    const r = await minitf(dir, [...args, '-no-color']);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain('\nError: No configuration files\n');
    expect(r.stderr.replace(/\n/g, ' ')).toContain(detail);
    expect(r.stdout).not.toContain('to destroy');
    expect(readFileSync(join(dir, 'state', 'terraform.tfstate'), 'utf8')).toBe(stateText);
  });

  test('plan -json reports it as a diagnostic line after the version line', async () => {
    const r = await minitf(dir, ['plan', '-json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; diagnostic?: { summary: string } });
    expect(lines.map((l) => l.type)).toEqual(['version', 'diagnostic']);
    expect(lines[1]!.diagnostic!.summary).toBe('No configuration files');
  });

  test('import refuses naming the directory', async () => {
    const r = await minitf(dir, ['import', '-no-color', 'terraform_data.a', 'x']);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain('Error: No Terraform configuration files');
    expect(r.stderr.replace(/\n/g, ' ')).toContain(`The directory ${dir} does not contain any configuration files`);
  });

  test('plan -destroy and refresh still work (they need no configuration)', async () => {
    const p = await minitf(dir, ['plan', '-destroy', '-no-color']);
    expect(p.code, shown(p)).toBe(0);
    expect(p.stdout).toContain('Plan: 0 to add, 0 to change, 1 to destroy.');
    const r = await minitf(dir, ['refresh', '-no-color']);
    expect(r.code, shown(r)).toBe(0);
  });

  test('destroy destroys what the state holds', async () => {
    const r = await minitf(dir, ['destroy', '-auto-approve', '-no-color']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Destroy complete! Resources: 1 destroyed.');
  });
});
