import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';

// A saved plan holds the variable values it was made with; `apply PLANFILE` with other values must
// refuse, not ignore them. The expected texts were printed by terraform 1.11.4 for the same
// configuration (terraform_data), after `terraform plan -var x=one -out=tfplan`.
const CHANGED = (how: string) =>
  `The variable x cannot be set using the -var and -var-file options when applying a saved plan file, because a saved plan includes the variable values that were set when it was created. The saved plan specifies "one" as the value whereas during apply the value "two" was set by ${how}. To declare an ephemeral variable which is not saved in the plan file, use ephemeral = true.`;
const IGNORED =
  'The variable x cannot be overriden when applying a saved plan file, because a saved plan includes the variable values that were set when it was created. The saved plan specifies "one" as the value whereas during apply the value "two" was set by an environment variable. To declare an ephemeral variable which is not saved in the plan file, use ephemeral = true.';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A working directory with a saved plan made with `planArgs`. */
async function planned(planArgs: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-saved-vars-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), 'variable "x" {\n  type    = string\n  default = "one"\n}\n\nresource "terraform_data" "r" {\n  input = var.x\n}\n');
  writeFileSync(join(dir, 'two.tfvars'), '# changed since the plan\nx = "two"\n');
  writeFileSync(join(dir, 'one.tfvars'), 'x = "one"\n');
  const p = await runMinitf(['plan', '-no-color', '-out=tfplan', ...planArgs], { cwd: dir });
  expect(p.code, p.stdout + p.stderr).toBe(0);
  return dir;
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const appliedInput = (dir: string): unknown => {
  const state = JSON.parse(readFileSync(join(dir, 'state', 'terraform.tfstate'), 'utf8')) as { resources: { instances: { attributes: { input: { value: unknown } } }[] }[] };
  return state.resources[0]!.instances[0]!.attributes.input.value;
};

describe('apply PLANFILE with variable values', () => {
  test('-var with another value: Can\'t change variable when applying a saved plan, exit 1, nothing applied', async () => {
    const dir = await planned(['-var', 'x=one']);
    const r = await runMinitf(['apply', '-no-color', '-var', 'x=two', 'tfplan'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(flat(r.stderr)).toBe(flat(`Error: Can't change variable when applying a saved plan\n\n${CHANGED('a CLI argument')}`));
    const again = await runMinitf(['apply', '-no-color', 'tfplan'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(appliedInput(dir)).toBe('one');
  });

  test('-var-file with another value: the same error, pointing at the file\'s line', async () => {
    const dir = await planned(['-var', 'x=one']);
    const r = await runMinitf(['apply', '-no-color', '-var-file=two.tfvars', 'tfplan'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(flat(r.stderr)).toBe(flat(`Error: Can't change variable when applying a saved plan\n\n  on two.tfvars line 2:\n   2: x = "two"\n\n${CHANGED('a .tfvars file passed through -var-file argument')}`));
  });

  test('a variable left at its default in the plan cannot be set at apply either', async () => {
    const dir = await planned([]);
    const r = await runMinitf(['apply', '-no-color', '-var', 'x=two', 'tfplan'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Error: Can't change variable when applying a saved plan");
  });

  test.each([[['-var', 'x=one']], [['-var-file=one.tfvars']]])('the planned value given again (%j) applies', async (args) => {
    const dir = await planned(['-var', 'x=one']);
    const r = await runMinitf(['apply', '-no-color', ...args, 'tfplan'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
  });

  test('TF_VAR_x with another value: a warning, and the planned value is applied', async () => {
    const dir = await planned(['-var', 'x=one']);
    const r = await runMinitf(['apply', '-no-color', 'tfplan'], { cwd: dir, env: { TF_VAR_x: 'two' } });
    expect(r.code, r.stderr).toBe(0);
    expect(flat(r.stderr)).toBe(flat(`Warning: Ignoring variable when applying a saved plan\n\n${IGNORED}`));
    expect(appliedInput(dir)).toBe('one');
  });

  test('-var for an undeclared variable: Value for undeclared variable, exit 1', async () => {
    const dir = await planned(['-var', 'x=one']);
    const r = await runMinitf(['apply', '-no-color', '-var', 'y=1', 'tfplan'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Value for undeclared variable');
  });
});
