import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';

// The saved plan is what gets applied. The expected text was printed by terraform 1.11.4 for the same
// configuration (terraform_data) after `terraform plan -out=p.plan`, then changing data.txt.
const INCONSISTENT =
  'Error: Provider produced inconsistent final plan\n\nWhen expanding the plan for terraform_data.r to include new values learned so far during apply, provider "terraform.io/builtin/terraform" produced an invalid new value for .input: was cty.StringVal("one\\n"), but now cty.StringVal("two\\n").\n\nThis is a bug in the provider, which should be reported in the provider\'s own issue tracker.';

const MAIN = 'resource "terraform_data" "r" {\n  input = file("data.txt")\n}\n\nresource "terraform_data" "other" {\n  input = "x"\n}\n';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-saved-contract-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), MAIN);
  writeFileSync(join(dir, 'data.txt'), 'one\n');
  return dir;
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const inputs = (dir: string): Record<string, unknown> => {
  const state = JSON.parse(readFileSync(join(dir, 'state', 'terraform.tfstate'), 'utf8')) as { resources: { name: string; instances: { attributes: { input: { value: unknown } } }[] }[] };
  return Object.fromEntries(state.resources.map((r) => [r.name, r.instances[0]!.attributes.input.value]));
};

describe('apply PLANFILE carries out the saved plan', () => {
  test('a file read by the configuration changed since the plan: Provider produced inconsistent final plan, that instance untouched', async () => {
    const dir = workdir();
    const p = await runMinitf(['plan', '-no-color', '-out=p.plan'], { cwd: dir });
    expect(p.code, p.stderr).toBe(0);
    writeFileSync(join(dir, 'data.txt'), 'two\n');
    const a = await runMinitf(['apply', '-no-color', 'p.plan'], { cwd: dir });
    expect(a.code).toBe(1);
    expect(flat(a.stderr)).toBe(flat(INCONSISTENT));
    expect(a.stdout).toContain('terraform_data.other: Creation complete');
    expect(a.stdout).not.toContain('terraform_data.r: Creating...');
    expect(a.stdout).not.toContain('Apply complete!');
    expect(inputs(dir)).toEqual({ other: 'x' });
  });

  test('the same file unchanged: the plan is applied with the values it showed', async () => {
    const dir = workdir();
    const p = await runMinitf(['plan', '-no-color', '-out=p.plan'], { cwd: dir });
    expect(p.code, p.stderr).toBe(0);
    const a = await runMinitf(['apply', '-no-color', 'p.plan'], { cwd: dir });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(inputs(dir)).toEqual({ r: 'one\n', other: 'x' });
  });

  // terraform 1.11.4 applies the saved plan unchanged with these flags, exit 0, and prints nothing
  // about them; minitf does the same and warns that they had no effect.
  test.each([['-target=terraform_data.other'], ['-replace=terraform_data.other'], ['-destroy'], ['-refresh-only']])('%s with a plan file: the saved plan is applied as made, with a warning', async (flag) => {
    const dir = workdir();
    const p = await runMinitf(['plan', '-no-color', '-out=p.plan'], { cwd: dir });
    expect(p.code, p.stderr).toBe(0);
    const a = await runMinitf(['apply', '-no-color', flag, 'p.plan'], { cwd: dir });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(a.stderr).toContain('Warning: Planning options ignored when applying a saved plan');
    expect(flat(a.stderr)).toContain(`so ${flag.replace(/=.*/, '')} has no effect here`);
    expect(inputs(dir)).toEqual({ r: 'one\n', other: 'x' });
  });

  test('a plan made in another workspace (another state lineage): Saved plan does not match the given state, exit 1', async () => {
    const dir = workdir();
    expect((await runMinitf(['apply', '-no-color', '-auto-approve'], { cwd: dir })).code).toBe(0);
    expect((await runMinitf(['workspace', 'new', 'other'], { cwd: dir })).code).toBe(0);
    expect((await runMinitf(['apply', '-no-color', '-auto-approve'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'data.txt'), 'two\n');
    const p = await runMinitf(['plan', '-no-color', '-out=p.plan'], { cwd: dir });
    expect(p.code, p.stderr).toBe(0);
    expect((await runMinitf(['workspace', 'select', 'default'], { cwd: dir })).code).toBe(0);
    const a = await runMinitf(['apply', '-no-color', 'p.plan'], { cwd: dir });
    expect(a.code).toBe(1);
    expect(flat(a.stderr)).toBe(flat('Error: Saved plan does not match the given state\n\nThe given plan file can not be applied because it was created from a different state lineage.'));
    expect(a.stdout).toBe('');
  });

  test('README says what a saved plan guarantees, in the words these tests check', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('**What a saved plan guarantees.**'));
    expect(section.length).toBeGreaterThan(100);
    const text = flat(section.slice(0, section.indexOf('\n\n')));
    for (const phrase of ["Error: Can't change variable when applying a saved plan", 'Saved plan is stale', 'Saved plan does not match the given state', 'Error: Provider produced inconsistent final plan', 'the exit code is 1', 'minitf warns']) expect(text).toContain(phrase);
  });
});
