import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';

// `minitf graph -type=plan`: Terraform's plan graph in Terraform's DOT text. Each fixture's
// expected.dot is what Terraform 1.11.4 printed for it; where `terraform` is on PATH the test checks
// that it still prints that.
const FIXTURES = fileURLToPath(new URL('../fixtures/graph-plan', import.meta.url));
const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const terraform = probe.status === 0;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function copy(name: string): string {
  const d = mkdtempSync(join(tmpdir(), `minitf-graph-plan-${name}-`));
  dirs.push(d);
  cpSync(join(FIXTURES, name), d, { recursive: true });
  rmSync(join(d, 'expected.dot'));
  return d;
}

const names = readdirSync(FIXTURES).sort();

describe('minitf graph -type=plan', () => {
  test.each(names)('%s: the same DOT text as terraform graph -type=plan', async (name) => {
    const r = await runMinitf(['graph', '-type=plan'], { cwd: copy(name) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(FIXTURES, name, 'expected.dot'), 'utf8'));
  });

  test.skipIf(!terraform).each(names)('%s: expected.dot is what terraform prints', async (name) => {
    const cwd = copy(name);
    writeFileSync(join(cwd, '.terraformrc'), '');
    const env = { ...process.env, TF_CLI_CONFIG_FILE: join(cwd, '.terraformrc'), CHECKPOINT_DISABLE: '1' };
    const run = (args: string[]) => new Promise<{ code: number; stdout: string }>((resolve) => execFile('terraform', args, { cwd, env }, (err, stdout) => resolve({ code: err ? 1 : 0, stdout })));
    expect((await run(['init', '-backend=false', '-input=false'])).code).toBe(0);
    const r = await run(['graph', '-type=plan']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(FIXTURES, name, 'expected.dot'), 'utf8'));
  });

  test('an empty directory is an empty graph, as Terraform prints it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'minitf-graph-plan-empty-'));
    dirs.push(cwd);
    const r = await runMinitf(['graph', '-type=plan'], { cwd });
    expect(r).toMatchObject({ code: 0, stdout: 'digraph {\n\tcompound = "true"\n\tnewrank = "true"\n\tsubgraph "root" {\n\t}\n}\n' });
  });

  test('the other operation graphs are refused naming the one minitf draws; an unknown type gets Terraform\'s error', async () => {
    const cwd = copy(names[0]!);
    const apply = await runMinitf(['graph', '-type=apply'], { cwd });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('Error: Unsupported graph type');
    expect(apply.stderr).toContain('minitf draws the plan graph only (-type=plan)');
    const bad = await runMinitf(['graph', '-type=nope'], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('The -type=... argument must be either "plan", "plan-refresh-only",\n"plan-destroy", or "apply".');
  });
});
