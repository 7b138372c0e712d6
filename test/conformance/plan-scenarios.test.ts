import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { conformanceFile } from '../helpers/conformance.js';
// Terraform's sentences are compared as minitf words them (see test/helpers/naming.ts).
import { rename } from '../helpers/naming.js';

interface Change {
  address: string;
  actions: string[];
  action_reason?: string;
  previous_address?: string;
  importing?: { id: string };
}
interface Want {
  exit_code: number;
  changes?: Change[];
  output_changes?: Record<string, string[]>;
  summary?: string;
  error?: string;
  warnings?: string[];
  outputs?: Record<string, unknown>;
  state_addresses?: string[];
  destroy_order?: string[];
}
interface Step {
  files: Record<string, string>;
  command: string;
  args?: string[];
  want: Want;
}
interface Scenario {
  id: string;
  description: string;
  steps: Step[];
}

const scenarios = JSON.parse(conformanceFile('plan-scenarios.json')) as Scenario[];
const env = { TF_IN_AUTOMATION: '1', MINITF_STATE_KEY: 'conformance-test-key' };
let passed = 0;

afterAll(() => {
  console.log(`plan/apply conformance: ${passed}/${scenarios.length} scenarios passed`);
});

/** The plan's changes in the corpus's form: non-no-op entries, plus no-ops that carry a move or import. */
function changesOf(showJson: string): Change[] {
  const plan = JSON.parse(showJson) as { resource_changes?: Array<{ address: string; previous_address?: string; change: { actions: string[]; importing?: { id: string } }; action_reason?: string }> };
  const out: Change[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const noop = rc.change.actions.length === 1 && rc.change.actions[0] === 'no-op';
    if (noop && !rc.previous_address && !rc.change.importing) continue;
    out.push({
      address: rc.address,
      actions: rc.change.actions,
      ...(rc.action_reason ? { action_reason: rc.action_reason } : {}),
      ...(rc.previous_address ? { previous_address: rc.previous_address } : {}),
      ...(rc.change.importing ? { importing: { id: rc.change.importing.id } } : {}),
    });
  }
  return out.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

function outputChangesOf(showJson: string): Record<string, string[]> {
  const plan = JSON.parse(showJson) as { output_changes?: Record<string, { actions: string[] }> };
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(plan.output_changes ?? {})) if (!(v.actions.length === 1 && v.actions[0] === 'no-op')) out[k] = v.actions;
  return out;
}

function firstError(stderr: string): string | undefined {
  const m = /^Error: (.*)$/m.exec(stderr);
  return m?.[1];
}

function summaryOf(stdout: string): string | undefined {
  const lines = stdout.split('\n');
  const done = lines.find((l) => /^(Apply|Destroy) complete! /.test(l));
  if (done) return done.trim();
  const plan = lines.find((l) => /^Plan: /.test(l));
  if (plan) return plan.trim();
  if (stdout.includes('No changes. Your infrastructure matches the configuration.')) return 'No changes. Your infrastructure matches the configuration.';
  const m = /You can apply this plan to save these new output values to the minitf\s+state, without changing any real infrastructure\./.exec(stdout);
  if (m) return m[0].replace(/\s+/g, ' ');
  return undefined;
}

function writeStep(dir: string, files: Record<string, string>): void {
  for (const f of readdirSync(dir)) {
    if (f === 'state' || f === '.minitf' || f === 'plan.out') continue;
    rmSync(join(dir, f), { recursive: true, force: true });
  }
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

describe('Terraform 1.11.4 plan/apply scenarios', () => {
  test.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, s) => {
    const dir = mkdtempSync(join(tmpdir(), `minitf-conf-${s.id}-`));
    try {
      for (const [i, step] of s.steps.entries()) {
        writeStep(dir, step.files);
        const sp = step.command.indexOf(' ');
        const cmd = sp < 0 ? step.command : step.command.slice(0, sp);
        const flag = sp < 0 ? undefined : step.command.slice(sp + 1);
        const where = `${s.id} step ${i} (${step.command})`;
        const w = step.want;
        const planArgs = ['-chdir=' + dir, 'plan', '-input=false', '-no-color', '-out=plan.out', ...(cmd === 'plan' ? ['-detailed-exitcode'] : []), ...(flag ? [flag] : []), ...(step.args ?? [])];
        const planned = await runCli(planArgs, env);
        if (cmd === 'plan') {
          expect(planned.code, `${where}: exit code\n${planned.stderr}`).toBe(w.exit_code);
        }
        if (w.error && planned.code === 1) {
          expect(firstError(planned.stderr), `${where}: error`).toBe(w.error);
          if (cmd === 'plan') continue;
        } else {
          expect(planned.code, `${where}: plan failed\n${planned.stderr}`).not.toBe(1);
        }
        if (w.changes && planned.code !== 1) {
          const shown = await runCli(['-chdir=' + dir, 'show', '-json', 'plan.out'], env);
          expect(shown.code, `${where}: show -json\n${shown.stderr}`).toBe(0);
          expect(changesOf(shown.stdout), `${where}: changes`).toEqual(w.changes);
          expect(outputChangesOf(shown.stdout), `${where}: output changes`).toEqual(w.output_changes ?? {});
        }
        if (cmd === 'plan') {
          if (w.summary) expect(summaryOf(planned.stdout), `${where}: summary`).toBe(rename(w.summary));
          if (w.warnings) for (const wn of w.warnings) expect(planned.stdout + planned.stderr, `${where}: warning`).toContain(`Warning: ${wn}`);
          continue;
        }
        // apply / apply -destroy
        const applyArgs = ['-chdir=' + dir, 'apply', '-auto-approve', '-input=false', '-no-color', ...(flag ? [flag] : [])];
        const applied = await runCli(applyArgs, env);
        expect(applied.code, `${where}: apply exit code\n${applied.stderr}`).toBe(w.exit_code);
        if (w.error) expect(firstError(applied.stderr), `${where}: apply error`).toBe(w.error);
        if (w.summary) expect(summaryOf(applied.stdout), `${where}: apply summary`).toBe(rename(w.summary));
        if (w.destroy_order) {
          const order = [...applied.stdout.matchAll(/^(.*): Destruction complete after/gm)].map((m) => m[1]);
          expect(order, `${where}: destroy order`).toEqual(w.destroy_order);
        }
        if (w.outputs) {
          const out = await runCli(['-chdir=' + dir, 'output', '-json'], env);
          expect(out.code, `${where}: output -json\n${out.stderr}`).toBe(0);
          expect(JSON.parse(out.stdout), `${where}: outputs`).toEqual(w.outputs);
        }
        if (w.state_addresses) {
          const ls = await runCli(['-chdir=' + dir, 'state', 'list'], env);
          const lines = ls.stdout.split('\n').filter(Boolean);
          expect(lines, `${where}: state list\n${ls.stderr}`).toEqual(w.state_addresses);
        }
      }
      passed++;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
