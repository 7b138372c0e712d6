import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { childEnv, MINITF_BIN, runMinitf } from '../helpers/process.js';

// `minitf state replace-provider FROM TO`, with Terraform 1.11's plan text, prompt, messages and exit codes.
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const CONFIG = 'resource "terraform_data" "a" {\n  input = "x"\n}\nmodule "m" {\n  source = "./m"\n}\n';
let template: string;

beforeAll(async () => {
  template = mkdtempSync(join(tmpdir(), 'minitf-replace-provider-'));
  dirs.push(template);
  writeFileSync(join(template, 'main.tf'), CONFIG);
  mkdirSync(join(template, 'm'));
  writeFileSync(join(template, 'm', 'main.tf'), 'resource "terraform_data" "b" {\n  count = 2\n}\n');
  const r = await runMinitf(['apply', '-auto-approve', '-no-color'], { cwd: template });
  expect(r.code, r.stderr).toBe(0);
}, 60_000);

/** A copy of the applied stack. */
function applied(): string {
  const d = mkdtempSync(join(tmpdir(), 'minitf-replace-provider-'));
  dirs.push(d);
  writeFileSync(join(d, 'main.tf'), CONFIG);
  mkdirSync(join(d, 'm'));
  writeFileSync(join(d, 'm', 'main.tf'), readFileSync(join(template, 'm', 'main.tf')));
  mkdirSync(join(d, 'state'));
  writeFileSync(join(d, 'state', 'terraform.tfstate'), readFileSync(join(template, 'state', 'terraform.tfstate')));
  return d;
}

function providers(cwd: string): string[] {
  const s = JSON.parse(readFileSync(join(cwd, 'state', 'terraform.tfstate'), 'utf8')) as { resources: { provider: string }[] };
  return s.resources.map((r) => r.provider);
}

const PLAN = `minitf will perform the following actions:

  ~ Updating provider:
    - terraform.io/builtin/terraform
    + example.com/acme/terraform

Changing 2 resources:

  terraform_data.a
  module.m.terraform_data.b
`;
const PROMPT = "\nDo you want to make these changes?\nOnly 'yes' will be accepted to continue.\n\nEnter a value: ";

describe('state replace-provider', () => {
  test('"yes" replaces the provider of every matching resource, with a backup', async () => {
    const cwd = applied();
    const r = await runMinitf(['state', 'replace-provider', 'terraform.io/builtin/terraform', 'example.com/acme/terraform'], { cwd, input: 'yes\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${PLAN}${PROMPT}\nSuccessfully replaced provider for 2 resources.\n`);
    // The module's resources use the root's (inherited) provider configuration, as in Terraform's state.
    expect(providers(cwd)).toEqual(['provider["example.com/acme/terraform"]', 'provider["example.com/acme/terraform"]']);
    expect(readdirSync(join(cwd, 'state')).some((f) => /^terraform\.tfstate\.\d+\.backup$/.test(f))).toBe(true);
  });

  test('-auto-approve asks nothing; short source addresses are expanded as Terraform does', async () => {
    const cwd = applied();
    const r = await runMinitf(['state', 'replace-provider', '-auto-approve', 'terraform.io/builtin/terraform', 'acme/terraform'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('Enter a value');
    expect(r.stdout).toContain('    + registry.terraform.io/acme/terraform\n');
    expect(r.stdout.endsWith('  module.m.terraform_data.b\n\nSuccessfully replaced provider for 2 resources.\n')).toBe(true);
    expect(new Set(providers(cwd))).toEqual(new Set(['provider["registry.terraform.io/acme/terraform"]']));
  });

  test('-state=PATH: a module-level provider configuration and an alias keep their module and alias', async () => {
    const cwd = applied();
    const base = JSON.parse(readFileSync(join(cwd, 'state', 'terraform.tfstate'), 'utf8')) as { resources: Record<string, unknown>[] };
    const a = base.resources[0]!;
    base.resources = [
      { ...a, name: 'aliased', provider: 'provider["registry.terraform.io/hashicorp/random"].two' },
      { ...a, module: 'module.m', name: 'own', provider: 'module.m.provider["registry.terraform.io/hashicorp/random"]' },
      { ...a, name: 'other' },
    ];
    writeFileSync(join(cwd, 'custom.tfstate'), JSON.stringify(base));
    const r = await runMinitf(['state', 'replace-provider', '-auto-approve', '-state=custom.tfstate', 'random', 'example.com/acme/random'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('    - registry.terraform.io/hashicorp/random\n    + example.com/acme/random\n\nChanging 2 resources:\n\n  terraform_data.aliased\n  module.m.terraform_data.own\n');
    const after = JSON.parse(readFileSync(join(cwd, 'custom.tfstate'), 'utf8')) as { resources: { provider: string }[] };
    expect(after.resources.map((x) => x.provider).sort()).toEqual(['module.m.provider["example.com/acme/random"]', 'provider["example.com/acme/random"].two', 'provider["terraform.io/builtin/terraform"]']);
  });

  test('any other answer cancels (exit 0), a closed stdin is an error (exit 1); neither writes', async () => {
    const cwd = applied();
    const before = readFileSync(join(cwd, 'state', 'terraform.tfstate'), 'utf8');
    const no = await runMinitf(['state', 'replace-provider', 'terraform.io/builtin/terraform', 'example.com/acme/terraform'], { cwd, input: 'no\n' });
    expect(no.code).toBe(0);
    expect(no.stdout).toBe(`${PLAN}${PROMPT}Cancelled replacing providers.\n`);
    const eof = await runMinitf(['state', 'replace-provider', 'terraform.io/builtin/terraform', 'example.com/acme/terraform'], { cwd });
    expect(eof.code).toBe(1);
    expect(eof.stdout).toContain('Enter a value: Error asking for approval: EOF\n');
    expect(readFileSync(join(cwd, 'state', 'terraform.tfstate'), 'utf8')).toBe(before);
  });

  test('nothing matching, a malformed address and a wrong argument count exit 1', async () => {
    const cwd = applied();
    const none = await runMinitf(['state', 'replace-provider', '-auto-approve', 'hashicorp/random', 'acme/random'], { cwd });
    expect(none).toMatchObject({ code: 1, stdout: 'No matching resources found.\n' });
    const bad = await runMinitf(['state', 'replace-provider', '-no-color', 'bad//addr', 'acme/x'], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error: Invalid "from" provider "bad//addr"');
    const one = await runMinitf(['state', 'replace-provider', 'acme/x'], { cwd });
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('Exactly two arguments expected.');
    const lock = await runMinitf(['state', 'replace-provider', '-lock=maybe', 'acme/x', 'acme/y'], { cwd });
    expect(lock.code).toBe(1);
    expect(lock.stderr).toContain('Invalid value for -lock');
  });

  test('the state stays locked while it asks: -lock-timeout=0s fails, -lock=false reads; Ctrl-C at the prompt exits 1 and unlocks', async () => {
    const cwd = applied();
    // stdin stays open (a user who has not answered yet).
    const asking = spawn(process.execPath, [MINITF_BIN, 'state', 'replace-provider', 'terraform.io/builtin/terraform', 'example.com/acme/terraform'], { cwd, env: childEnv(cwd), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    asking.stdout.setEncoding('utf8');
    const exited = new Promise<number | null>((resolve) => asking.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      asking.stdout.on('data', (d: string) => {
        stdout += d;
        if (stdout.includes('Enter a value: ')) resolve();
      }),
    );
    const locked = await runMinitf(['state', 'replace-provider', '-auto-approve', '-lock-timeout=0s', 'terraform.io/builtin/terraform', 'acme/x'], { cwd });
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('Error acquiring the state lock');
    const unlocked = await runMinitf(['state', 'replace-provider', '-lock=false', 'terraform.io/builtin/terraform', 'acme/x'], { cwd, input: 'no\n' });
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect(unlocked.stdout).toContain('Cancelled replacing providers.');
    const t0 = Date.now();
    asking.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(stdout).toContain('Enter a value: Error asking for approval: interrupted\n');
    const after = await runMinitf(['state', 'replace-provider', '-auto-approve', '-lock-timeout=0s', 'terraform.io/builtin/terraform', 'acme/x'], { cwd });
    expect(after.code, after.stderr).toBe(0);
  });
});
