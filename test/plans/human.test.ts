import { describe, expect, test } from 'vitest';
import { renderPlan } from '../../src/plans/human.js';
import { awsSchemas as noSchemas } from './helpers.js';
import { goldenCases, modeOf, planFromShowJSON, stripLiveLines } from './helpers.js';

const cases = goldenCases().filter((c) => c.file('plan.json'));

describe('human plan output matches Terraform 1.11.4 byte for byte', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const plan = planFromShowJSON(c.json('plan.json'), modeOf(c.spec.plan.args), { diagnostics: c.json('diagnostics.json') ?? [] });
    expect(renderPlan(plan, { schemas: noSchemas, outPath: 'tfplan' })).toBe(stripLiveLines(c.file('plan.txt')!));
  });
});

describe('variants: without -out, under TF_IN_AUTOMATION, and `show PLANFILE`', () => {
  const rows = cases.flatMap((c) => {
    const plan = () => planFromShowJSON(c.json('plan.json'), modeOf(c.spec.plan.args), { diagnostics: c.json('diagnostics.json') ?? [] });
    const out: [string, () => string, string][] = [];
    if (c.file('plan-noout.txt')) out.push([`${c.name} (no -out)`, () => renderPlan(plan(), { schemas: noSchemas }), c.file('plan-noout.txt')!]);
    if (c.file('plan-automation.txt')) out.push([`${c.name} (automation)`, () => renderPlan(plan(), { schemas: noSchemas, automation: true }), c.file('plan-automation.txt')!]);
    if (c.file('plan-show.txt')) out.push([`${c.name} (show)`, () => renderPlan(plan(), { schemas: noSchemas, trailer: false }), c.file('plan-show.txt')!]);
    return out;
  });
  test.each(rows)('%s', (_n, render, want) => {
    expect(render()).toBe(stripLiveLines(want));
  });
});
