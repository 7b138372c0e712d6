import { asMinitf } from '../helpers/naming.js';
import { describe, expect, test } from 'vitest';
import { renderPlan } from '../../src/plans/human.js';
import type { Plan, ResourceChange } from '../../src/plans/model.js';
import { noSchemas } from '../../src/plans/schema.js';
import { goldenCases, stripLiveLines } from './helpers.js';

const base: Plan = {
  mode: 'normal',
  resourceChanges: [],
  resourceDrift: [],
  outputChanges: [],
  variables: {},
  targets: [],
  excludes: [],
  replaceAddrs: [],
  stateLineage: 'l',
  stateSerial: 1,
  configDigest: 'd',
  timestamp: '2026-01-01T00:00:00Z',
  errored: false,
  complete: true,
  applyable: true,
  diagnostics: [],
};

const data = (name: string, over: Partial<ResourceChange>): ResourceChange => ({
  address: `terraform_data.${name}`,
  module: '',
  mode: 'managed',
  type: 'terraform_data',
  name,
  providerAddr: 'provider["terraform.io/builtin/terraform"]',
  actions: ['create'],
  before: null,
  after: null,
  afterUnknown: false,
  beforeSensitive: false,
  afterSensitive: false,
  ...over,
});

const create = (name: string, input: string) =>
  data(name, { after: { input, triggers_replace: null }, afterUnknown: { id: true, output: true }, afterSensitive: {} });

describe('errored plans (Terraform 1.11.4 golden: a postcondition fails after planning)', () => {
  test('changes planned before the error keep their blocks, with the "encountered a problem" heading', () => {
    const golden = goldenCases().find((c) => c.name === 'errored')!;
    const plan: Plan = { ...base, errored: true, applyable: false, resourceChanges: [create('ok', 'fine'), create('bad', 'no')] };
    expect(renderPlan(plan, { schemas: noSchemas, outPath: 'tfplan' })).toBe(stripLiveLines(golden.file('plan.txt')!));
  });

  test('an error before any change prints "Planning failed."', () => {
    const plan: Plan = { ...base, errored: true, applyable: false };
    expect(renderPlan(plan, { schemas: noSchemas })).toBe(asMinitf('\nPlanning failed. Terraform encountered an error while generating this plan.\n\n'));
  });
});

describe('drift (layout from Terraform 1.11.4 renderHumanDiffDrift)', () => {
  const gone = data('gone', {
    actions: ['delete'],
    before: { id: 'id-1', input: 'x', output: 'x', triggers_replace: null },
    beforeSensitive: {},
  });
  const changed = data('changed', {
    actions: ['update'],
    before: { id: 'id-2', input: 'a', output: 'a', triggers_replace: null },
    after: { id: 'id-2', input: 'b', output: 'b', triggers_replace: null },
    beforeSensitive: {},
    afterSensitive: {},
  });
  const recreate = create('gone', 'x');
  const header = [
    '',
    'Note: Objects have changed outside of Terraform',
    '',
    'Terraform detected the following changes made outside of Terraform since the',
    'last "terraform apply" which may have affected this plan:',
    '',
    '  # terraform_data.changed has changed',
    '  ~ resource "terraform_data" "changed" {',
    '        id     = "id-2"',
    '      ~ input  = "a" -> "b"',
    '      ~ output = "a" -> "b"',
    '    }',
    '',
    '  # terraform_data.gone has been deleted',
    '  - resource "terraform_data" "gone" {',
    '      - id     = "id-1" -> null',
    '      - input  = "x" -> null',
    '      - output = "x" -> null',
    '    }',
    '',
    '',
  ];

  test('normal plan: note, drift blocks, closing paragraph, rule, then the plan', () => {
    const plan: Plan = { ...base, resourceDrift: [gone, changed], resourceChanges: [recreate] };
    const text = renderPlan(plan, { schemas: noSchemas, automation: true });
    const want = asMinitf(
      [
        ...header,
      'Unless you have made equivalent changes to your configuration, or ignored the',
      'relevant attributes using ignore_changes, the following plan may include',
      'actions to undo or respond to these changes.',
      '',
      '─'.repeat(77),
      '',
        'Terraform used the selected providers to generate the following execution',
        'plan. Resource actions are indicated with the following symbols:',
      ].join('\n'),
    ).split('\n');
    expect(text.split('\n').slice(0, want.length)).toEqual(want);
    expect(text).toContain('\n  # terraform_data.gone will be created\n');
  });

  test('normal plan without changes hides drift; refresh-only shows it with its own paragraph', () => {
    const quiet: Plan = { ...base, applyable: false, resourceDrift: [gone, changed] };
    expect(renderPlan(quiet, { schemas: noSchemas })).toMatch(/^\nNo changes\. Your infrastructure matches the configuration\./);
    const refresh: Plan = { ...base, mode: 'refresh-only', resourceDrift: [gone, changed] };
    const text = renderPlan(refresh, { schemas: noSchemas, automation: true });
    expect(text).toBe(
      asMinitf(
        [
          ...header,
          'This is a refresh-only plan, so Terraform will not take any actions to undo',
          'these. If you were expecting these changes then you can apply this plan to',
          'record the updated values in the Terraform state without changing any remote',
          'objects.',
          '',
        ].join('\n'),
      ),
    );
  });

  test('relevant attributes limit drift in normal plans', () => {
    const plan: Plan = {
      ...base,
      resourceDrift: [changed],
      resourceChanges: [recreate],
      relevantAttributes: [{ resource: 'terraform_data.changed', attribute: ['output'] }],
    };
    const text = renderPlan(plan, { schemas: noSchemas, automation: true });
    expect(text).toContain('      ~ output = "a" -> "b"\n        # (1 unchanged attribute hidden)\n');
    const none: Plan = { ...plan, relevantAttributes: [] };
    expect(renderPlan(none, { schemas: noSchemas, automation: true })).not.toContain('Objects have changed');
  });
});
