import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { checkSavedPlan, readPlanFile, writePlanFile } from '../../src/plans/planfile.js';
import type { Plan } from '../../src/plans/model.js';
import type { StateFile } from '../../src/states/model.js';
import { goldenCases, modeOf, planFromShowJSON } from './helpers.js';

/** A reversible stand-in for `states/seal.ts` (the real one is injected by the CLI). */
const seal = (v: unknown) => `sealed:${Buffer.from(JSON.stringify(v)).toString('base64')}`;
const unseal = (t: string) => {
  if (!t.startsWith('sealed:')) throw new Error('not a sealed value');
  return JSON.parse(Buffer.from(t.slice(7), 'base64').toString());
};

const golden = goldenCases().find((c) => c.name === 'sensitive')!;
const plan: Plan = {
  ...planFromShowJSON(golden.json('plan.json'), modeOf(golden.spec.plan.args)),
  variables: { pw: { value: 's3cret', sensitive: true }, region: { value: 'cn-hangzhou' } },
  stateLineage: '11111111-2222-3333-4444-555555555555',
  stateSerial: 7,
  configDigest: 'sha256:abc',
};
const prior = JSON.parse(golden.file('prior.tfstate')!) as StateFile;
const dir = () => mkdtempSync(join(tmpdir(), 'minitf-planfile-'));

/** A plan whose secret appears only at marked paths (as the planner marks every copy of it). */
const change = plan.resourceChanges[0]!;
const secretPlan: Plan = {
  ...plan,
  resourceChanges: [
    { ...change, before: { id: 'i-1', input: 'hunter2' }, beforeSensitive: { input: true }, after: { id: 'i-1', input: { pw: 'hunter2', list: ['a', 'hunter2'] } }, afterSensitive: { input: { pw: true, list: [false, true] } }, afterUnknown: {} },
  ],
  resourceDrift: [{ ...change, actions: ['update'], before: { input: 'hunter2' }, beforeSensitive: { input: true }, after: { input: 'hunter2' }, afterSensitive: { input: true }, afterUnknown: {} }],
  outputChanges: [{ name: 'pw', actions: ['update'], before: 'hunter2', after: 'hunter2', afterUnknown: false, sensitive: true }],
  variables: { pw: { value: 'hunter2', sensitive: true } },
};
const secretState: StateFile = {
  ...prior,
  outputs: { pw: { value: 'hunter2', type: 'string', sensitive: true } },
  resources: [
    {
      mode: 'managed', type: 'terraform_data', name: 'x', provider: 'provider["terraform.io/builtin/terraform"]',
      instances: [{ schema_version: 0, attributes: { id: 'i-1', input: { value: { pw: 'hunter2', user: 'u' }, type: ['object', { pw: 'string', user: 'string' }] } }, sensitive_attributes: [[{ type: 'get_attr', value: 'input' }, { type: 'get_attr', value: 'pw' }]] }],
    },
  ],
};

describe('plan file round trip', () => {
  test.each([true, false])('gzip=%s: no secret reaches the file; reading gives it back', async (gzip) => {
    const path = join(dir(), 'tfplan');
    await writePlanFile(path, secretPlan, { seal, priorState: secretState, gzip });
    const bytes = readFileSync(path);
    const text = (gzip ? gunzipSync(bytes) : bytes).toString();
    expect(text).not.toContain('hunter2');
    expect(text).toContain('"user":"u"');
    const r = await readPlanFile(path, { unseal });
    expect(r.value!.plan).toEqual(secretPlan);
    expect(r.value!.priorState).toEqual(secretState);
  });

  test.each([true, false])('gzip=%s: a real plan (Terraform golden) reads back unchanged', async (gzip) => {
    const path = join(dir(), 'tfplan');
    await writePlanFile(path, plan, { seal, priorState: prior, gzip });
    const bytes = readFileSync(path);
    const text = (gzip ? gunzipSync(bytes) : bytes).toString();
    expect(text).toContain('"format":"minitf-plan"');
    expect(text).toContain('"state_lineage":"11111111-2222-3333-4444-555555555555"');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const r = await readPlanFile(path, { unseal });
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.plan).toEqual(plan);
    expect(r.value!.priorState).toEqual(prior);
  });

  test('sensitive values are sealed where marked, everything else stays readable', async () => {
    const path = join(dir(), 'p');
    await writePlanFile(path, plan, { seal, priorState: prior, gzip: false });
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    const created = doc.plan.resourceChanges.find((c: any) => c.address === 'terraform_data.created');
    expect(created.after.input.pw).toMatch(/^sealed:/);
    expect(created.after.input.list[0]).toBe('a');
    expect(created.after.input.list[1]).toMatch(/^sealed:/);
    expect(doc.plan.variables.pw.value).toMatch(/^sealed:/);
    expect(doc.plan.variables.region.value).toBe('cn-hangzhou');
    expect(doc.plan.outputChanges.find((o: any) => o.name === 'pw').after).toMatch(/^sealed:/);
    expect(doc.prior_state.outputs.pw.value).toMatch(/^sealed:/);
    const whole = doc.prior_state.resources.find((r: any) => r.name === 'whole').instances[0];
    expect(whole.attributes.input).toMatch(/^sealed:/);
  });
});

describe('bad plan files are diagnostics', () => {
  const write = async (content: Buffer | string) => {
    const path = join(dir(), 'tfplan');
    writeFileSync(path, content);
    return path;
  };
  const good = async () => {
    const path = join(dir(), 'tfplan');
    await writePlanFile(path, plan, { seal });
    return readFileSync(path);
  };

  test.each([
    ['missing file', async () => join(dir(), 'nope'), /does not exist/],
    ['a directory', async () => dir(), /directory/],
    ['truncated gzip', async () => write((await good()).subarray(0, 40)), /damaged/],
    ['not JSON', async () => write('hello, this is not a plan'), /not a minitf plan file/],
    ['a Terraform state file', async () => write(JSON.stringify(prior)), /no minitf plan format marker/],
    ['a newer format', async () => write(gzipSync(JSON.stringify({ format: 'minitf-plan', format_version: 99, minitf_version: '9.0.0', plan: {} }))), /newer version of minitf/],
    ['no plan inside', async () => write(JSON.stringify({ format: 'minitf-plan', format_version: 1 })), /no complete plan/],
  ] as const)('%s', async (_n, make, detail) => {
    const path = await make();
    const r = await readPlanFile(path, { unseal });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.summary).toBe(`Failed to load "${path}" as a plan file`);
    expect(r.diagnostics[0]!.detail).toMatch(detail);
  });

  test('sealed values that cannot be opened', async () => {
    const path = join(dir(), 'tfplan');
    await writePlanFile(path, plan, { seal });
    const r = await readPlanFile(path, { unseal: () => { throw new Error('no key can open it'); } });
    expect(r.diagnostics[0]!.detail).toMatch(/sensitive values cannot be opened: no key can open it/);
  });
});

describe('saved plan freshness (Terraform\'s messages)', () => {
  test.each([
    [{ lineage: plan.stateLineage, serial: 7, configDigest: 'sha256:abc' }, []],
    [{ lineage: 'other', serial: 7 }, ['Saved plan does not match the given state']],
    [{ lineage: plan.stateLineage, serial: 8 }, ['Saved plan is stale']],
    [{ lineage: plan.stateLineage, serial: 7, configDigest: 'sha256:def' }, ['Saved plan is stale']],
  ] as const)('%j', (current, want) => {
    expect(checkSavedPlan(plan, current).map((d) => d.summary)).toEqual(want);
  });
});
