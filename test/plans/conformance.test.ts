import { conformanceFile } from '../helpers/conformance.js';
import { describe, expect, test } from 'vitest';
import { parseInstance, formatModule } from '../../src/addrs/index.js';
import { renderPlan } from '../../src/plans/human.js';
import { summarize, type Actions, type OutputChange, type Plan, type ResourceChange } from '../../src/plans/model.js';
import { noSchemas } from '../../src/plans/schema.js';
import { summaryText } from '../../src/plans/ui.js';

/**
 * The summary lines of the Terraform-computed scenarios (`../shared/conformance/plan-scenarios.json`):
 * a plan holding each step's changes must render Terraform's summary (`Plan: …`, the no-changes text,
 * the outputs-only sentence, `Apply complete! …`).
 */
const scenarios = JSON.parse(conformanceFile('plan-scenarios.json')) as any[];

function change(c: any): ResourceChange {
  const parsed = parseInstance(c.address);
  if ('error' in parsed) throw new Error(parsed.error);
  const a = parsed.addr;
  const actions = c.actions as Actions;
  const kind = actions.join(',');
  const before = kind === 'create' || kind === 'read' ? null : { input: 'old' };
  const after = kind === 'delete' || kind === 'forget' ? null : { input: kind === 'no-op' ? 'old' : 'new' };
  return {
    address: c.address,
    module: formatModule(a.module),
    mode: a.mode,
    type: a.type,
    name: a.name,
    ...(a.key !== undefined ? { index: a.key } : {}),
    providerAddr: 'provider["terraform.io/builtin/terraform"]',
    actions,
    ...(c.action_reason ? { actionReason: c.action_reason } : {}),
    ...(c.previous_address ? { previousAddress: c.previous_address } : {}),
    ...(c.importing ? { importing: c.importing } : {}),
    before,
    after,
    afterUnknown: {},
    beforeSensitive: before ? {} : false,
    afterSensitive: after ? {} : false,
  };
}

function outputs(o: Record<string, Actions> | undefined): OutputChange[] {
  return Object.entries(o ?? {}).map(([name, actions]) => {
    const k = actions.join(',');
    return { name, actions, before: k === 'create' ? null : 'a', after: k === 'delete' ? null : 'b', afterUnknown: false, sensitive: false };
  });
}

function plan(step: any): Plan {
  return {
    mode: step.command.startsWith('plan -destroy') ? 'destroy' : 'normal',
    resourceChanges: (step.want.changes ?? []).map(change),
    resourceDrift: [],
    outputChanges: outputs(step.want.output_changes),
    variables: {},
    targets: [],
    excludes: [],
    replaceAddrs: [],
    stateLineage: '',
    stateSerial: 0,
    configDigest: '',
    timestamp: '',
    errored: false,
    complete: true,
    applyable: true,
    diagnostics: [],
  };
}

/** The summary a Terraform run shows, read from minitf's rendering like the corpus read Terraform's. */
function renderedSummary(text: string): string {
  const plan = /^Plan: .*$/m.exec(text);
  if (plan) return plan[0];
  const none = /^No changes\. .*$/m.exec(text);
  if (none) return none[0];
  const outputsOnly = /You can apply this plan to save these new output values to the Terraform\n?state, without changing any real infrastructure\./.exec(text);
  return outputsOnly ? outputsOnly[0].replace(/\n/g, ' ') : '';
}

const rows = scenarios.flatMap((s) =>
  s.steps.map((step: any, i: number) => [`${s.id} #${i + 1} ${step.command}`, step] as const).filter(([, step]: any) => step.want.summary !== undefined),
);

describe('summary lines of the Terraform-computed scenarios', () => {
  test.each(rows)('%s', (_n, step: any) => {
    const p = plan(step);
    if (step.command.startsWith('apply')) expect(summaryText(summarize(p.resourceChanges), 'apply')).toBe(step.want.summary);
    else expect(renderedSummary(renderPlan(p, { schemas: noSchemas, automation: true }))).toBe(step.want.summary);
  });
});
