import { describe, expect, test } from 'vitest';
import { renderPlan } from '../../src/plans/human.js';
import { noSchemas } from '../../src/plans/schema.js';
import { goldenCases, modeOf, planFromShowJSON, stripLiveLines } from './helpers.js';

const cases = goldenCases().filter((c) => c.file('plan.json'));

describe('human plan output matches Terraform 1.11.4 byte for byte', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const plan = planFromShowJSON(c.json('plan.json'), modeOf(c.spec.plan.args), { diagnostics: c.json('diagnostics.json') ?? [] });
    expect(renderPlan(plan, { schemas: noSchemas, outPath: 'tfplan' })).toBe(stripLiveLines(c.file('plan.txt')!));
  });
});
