import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

// `count` and `for_each` values as Terraform 1.11.4 plans them on terraform_data: what converts
// (`count = "2"`), what is refused and with which words. The expected results were recorded with
// `node test/fixtures/expand/record.mjs terraform` (see that file); minitf must say the same,
// with its own name where Terraform says "Terraform".

interface Recorded {
  readonly meta: 'count' | 'for_each';
  readonly expr: string;
  readonly code: number;
  readonly add?: number;
  readonly summary?: string;
  readonly detail?: string;
}

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'expand');
const recorded = JSON.parse(readFileSync(join(fixtures, 'terraform-1.11.4.json'), 'utf8')) as Recorded[];
const variables = readFileSync(join(fixtures, 'variables.tf'), 'utf8');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function workdir(meta: string, expr: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-expand-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), `${variables}resource "terraform_data" "r" {\n  ${meta} = ${expr}\n  input = ${meta === 'count' ? 'count.index' : 'each.key'}\n}\n`);
  return dir;
}

/** The same reading of plan output as the recorder's. */
function readPlan(code: number, text: string): Omit<Recorded, 'meta' | 'expr'> {
  const plan = /Plan: (\d+) to add/.exec(text)?.[1] ?? (/No changes/.test(text) ? '0' : undefined);
  const m = /Error: (.+)\n\n[\s\S]*?\n\n((?:.+\n)+)/.exec(text);
  const detail = m?.[2]!.split('\n').filter((l) => !/^\s*(│|├|on |with |\d+:)/.test(l)).join(' ').replace(/\s+/g, ' ').trim();
  return { code, ...(plan !== undefined && code === 0 ? { add: Number(plan) } : {}), ...(m ? { summary: m[1]!, detail: detail!.replace(/minitf/g, 'Terraform') } : {}) };
}

describe('count and for_each as Terraform converts and refuses them', () => {
  test('the recording covers conversions and refusals of both', () => {
    expect(recorded.filter((r) => r.meta === 'count' && r.code === 0).length).toBeGreaterThanOrEqual(5);
    expect(recorded.filter((r) => r.meta === 'for_each' && r.code === 1).length).toBeGreaterThanOrEqual(5);
    expect(recorded).toContainEqual({ meta: 'count', expr: '"2"', code: 0, add: 2 });
  });

  test.each(recorded.map((r) => [`${r.meta} = ${r.expr}`, r] as const))('%s', async (_name, want) => {
    const dir = workdir(want.meta, want.expr);
    const r = await runCli([`-chdir=${dir}`, 'plan', '-no-color'], { TF_IN_AUTOMATION: '1' });
    const { meta: _m, expr: _e, ...expected } = want;
    expect(readPlan(r.code, r.stdout + r.stderr)).toEqual(expected);
  });

  test('count = "2": validate, apply and destroy work on two instances', async () => {
    const dir = workdir('count', '"2"');
    const v = await runCli([`-chdir=${dir}`, 'validate', '-no-color']);
    expect(v.code, v.stderr).toBe(0);
    const a = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], { TF_IN_AUTOMATION: '1' });
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect(a.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const list = await runCli([`-chdir=${dir}`, 'state', 'list']);
    expect(list.stdout.trim().split('\n')).toEqual(['terraform_data.r[0]', 'terraform_data.r[1]']);
    const d = await runCli([`-chdir=${dir}`, 'destroy', '-auto-approve', '-no-color'], { TF_IN_AUTOMATION: '1' });
    expect(d.code, d.stdout + d.stderr).toBe(0);
    expect(d.stdout).toContain('Destroy complete! Resources: 2 destroyed.');
  });
});
