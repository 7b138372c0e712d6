import { describe, expect, test } from 'vitest';
import { summarize } from '../../src/plans/model.js';
import { goJSON } from '../../src/plans/text.js';
import { redact, applyOutputsLine, changeSummaryLine, diagnosticLine, driftLine, logLine, plannedChangeLine, planOutputsLine, uiLine, versionLine } from '../../src/plans/ui.js';
import type { StateFile } from '../../src/states/model.js';
import { goldenCases, modeOf, planFromShowJSON } from './helpers.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const lines = (text: string | undefined) => (text ?? '').split('\n').filter(Boolean);
/** Removes minitf's extra attribute diff from a `planned_change` line, keeping Terraform's bytes. */
function withoutExtras(line: string): string {
  const j = JSON.parse(line);
  if (j.change) {
    delete j.change.before;
    delete j.change.after;
    delete j.change.after_unknown;
  }
  return goJSON(j);
}

const cases = goldenCases().filter((c) => c.file('plan.jsonl') && c.file('plan.json'));

describe('-json plan stream lines match Terraform 1.11.4 (minitf\'s attribute diff removed)', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const want = lines(c.file('plan.jsonl')).filter((l) => /"type":"(planned_change|resource_drift|change_summary|outputs)"/.test(l));
    const plan = planFromShowJSON(c.json('plan.json'), modeOf(c.spec.plan.args));
    const got: string[] = [];
    for (const d of plan.resourceDrift) got.push(driftLine(d, T0));
    for (const ch of plan.resourceChanges) {
      const l = plannedChangeLine(ch, T0);
      if (l) got.push(l);
    }
    got.push(changeSummaryLine(summarize(plan.resourceChanges), 'plan', T0));
    if (plan.outputChanges.length > 0) got.push(planOutputsLine(plan.outputChanges, T0));
    expect(got.map((l) => withoutExtras(l.trimEnd())).sort()).toEqual(want.sort());
  });
});

describe('-json apply summary and outputs lines', () => {
  const rows = goldenCases().filter((c) => c.file('apply.jsonl'));
  test.each(rows.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const want = lines(c.file('apply.jsonl')).filter((l) => /"type":"(change_summary|outputs)"/.test(l));
    const plan = planFromShowJSON(c.json('plan.json'), modeOf(c.spec.plan.args));
    const state = JSON.parse(c.file('post.tfstate')!) as StateFile;
    // The -json apply ran in a copy of the directory, so its random IDs differ from post.tfstate's.
    const ids = (l: string) => l.replace(/0{8}-0{4}-0{4}-0{4}-\d{12}/g, 'ID');
    expect([changeSummaryLine(summarize(plan.resourceChanges), 'apply', T0).trimEnd(), applyOutputsLine(state.outputs, T0).trimEnd()].map(ids)).toEqual(want.map(ids));
  });
});

describe('minitf\'s attribute diff in planned_change', () => {
  const plan = planFromShowJSON(goldenCases().find((c) => c.name === 'sensitive')!.json('plan.json'), 'normal');
  const line = (addr: string) => JSON.parse(plannedChangeLine(plan.resourceChanges.find((c) => c.address === addr)!, T0)!).change;

  test('sensitive values never appear; unknown values are in after_unknown', () => {
    const created = line('terraform_data.created');
    expect(created.before).toBeNull();
    expect(created.after).toEqual({ input: { list: ['a', '(sensitive value)'], pw: '(sensitive value)' }, triggers_replace: null });
    expect(created.after_unknown).toEqual({ id: true, input: { list: [false, false] }, output: true });
    const changing = line('terraform_data.changing');
    expect(changing.before.input).toBe('(sensitive value)');
    expect(changing.after.input).toBe('(sensitive value)');
    // Everything the plan marks sensitive is redacted (here: every `input` holding the secret).
    for (const c of plan.resourceChanges) {
      const l = plannedChangeLine(c, T0);
      if (l) expect(JSON.stringify(JSON.parse(l).change.after ?? {})).not.toContain('s3cret');
    }
  });

  test('an update shows before and after', () => {
    const part = line('terraform_data.part');
    expect(part.before.input).toEqual({ pw: '(sensitive value)', user: 'admin' });
    expect(part.after.input).toEqual({ pw: '(sensitive value)', user: 'root' });
  });
});

test('redact replaces marked leaves, keeps nulls and structure', () => {
  expect(redact({ a: 'x', b: ['y', 'z'], c: null, d: { e: 1 } }, { b: [false, true], c: true, d: true })).toEqual({ a: 'x', b: ['y', '(sensitive value)'], c: null, d: '(sensitive value)' });
  expect(redact('s', true)).toBe('(sensitive value)');
});

describe('envelope', () => {
  test('keys sorted at the top, <>& escaped, timestamp with microseconds', () => {
    expect(uiLine('info', 'a<b>&c', 'log', {}, T0)).toBe('{"@level":"info","@message":"a\\u003cb\\u003e\\u0026c","@module":"terraform.ui","@timestamp":"2026-01-01T00:00:00.000000Z","type":"log"}\n');
    expect(logLine('x', 'warn', T0)).toContain('"@level":"warn"');
  });

  test('version line carries minitf\'s version and UI 1.2', () => {
    const v = JSON.parse(versionLine('0.1.0', T0));
    expect(v).toMatchObject({ type: 'version', terraform: '0.1.0', ui: '1.2', '@message': 'minitf 0.1.0' });
  });

  test('diagnostics at error and warn levels (Terraform\'s shape)', () => {
    const golden = lines(goldenCases().find((c) => c.name === 'forget')!.file('plan.jsonl')).find((l) => l.includes('"type":"diagnostic"'))!;
    const d = JSON.parse(golden).diagnostic;
    expect(diagnosticLine({ severity: 'warning', summary: d.summary, detail: d.detail }, T0).trimEnd()).toBe(golden);
    expect(JSON.parse(diagnosticLine({ severity: 'error', summary: 'Boom' }, T0))['@level']).toBe('error');
  });
});
