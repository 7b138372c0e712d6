import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { apply, plan, type EngineContext, type PlanOptions } from '../../src/core/index.js';
import { planFromSaved } from '../../src/core/saved-plan.js';
import { loadProvider } from '../../src/providers/registry.js';
import type { Backend } from '../../src/states/backend.js';
import type { StateFile } from '../../src/states/model.js';

// The engine itself, without the CLI: apply carries out a Plan value and holds every instance to
// what the plan knew, and what handlers return to the final plan (Terraform's objchange rules).
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

async function setup(files: Record<string, string>): Promise<EngineContext> {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-contract-'));
  dirs.push(dir);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  const cfg = await loadConfig(dir);
  expect(cfg.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { cwd: dir, config: cfg.value!, workspace: 'default', env: {}, variables: [] };
}

const OPTS: PlanOptions = { mode: 'normal', refresh: true, targets: [], excludes: [], replace: [], parallelism: 4, state: null };

/** A backend that keeps what apply writes in memory. */
function memoryBackend(): Backend & { last?: StateFile } {
  const b = {
    description: 'memory',
    async append() {},
    async write(s: StateFile) {
      b.last = s;
    },
  } as unknown as Backend & { last?: StateFile };
  return b;
}

const run = (ctx: EngineContext, planned: Parameters<typeof apply>[1]) => {
  const stop = new AbortController();
  return apply(ctx, planned, { parallelism: 4, backend: memoryBackend(), stop: stop.signal, kill: new AbortController().signal });
};

const TWO = 'resource "terraform_data" "r" {\n  input = file("data.txt")\n}\nresource "terraform_data" "other" {\n  input = "x"\n}\nresource "terraform_data" "after" {\n  input = terraform_data.r.output\n}\n';

describe('apply holds each instance to its plan', () => {
  test('a value the plan knew that changes before apply: inconsistent final plan, no handler call, dependents skipped', async () => {
    const ctx = await setup({ 'main.tf': TWO, 'data.txt': 'one\n' });
    const p = await plan(ctx, OPTS);
    expect(p.value?.plan.resourceChanges.map((c) => c.actions.join())).toEqual(['create', 'create', 'create']);
    writeFileSync(join(ctx.cwd, 'data.txt'), 'two\n');
    const handler = (await loadProvider('terraform'))!.resources.terraform_data!;
    const create = vi.spyOn(handler, 'create');
    const a = await run(ctx, p.value!);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.summary, d.detail])).toEqual([
      [
        'Provider produced inconsistent final plan',
        'When expanding the plan for terraform_data.r to include new values learned so far during apply, provider "terraform.io/builtin/terraform" produced an invalid new value for .input: was cty.StringVal("one\\n"), but now cty.StringVal("two\\n").\n\nThis is a bug in the provider, which should be reported in the provider\'s own issue tracker.',
      ],
    ]);
    // Only the independent instance was created; terraform_data.r was never sent, its dependent skipped.
    expect(create).toHaveBeenCalledTimes(1);
    expect(a.value.state.resources.map((r) => r.name)).toEqual(['other']);
    expect(a.value.failed).toContain('terraform_data.r');
  });

  test('a handler that returns something other than the known planned value: inconsistent result after apply, object recorded', async () => {
    const ctx = await setup({ 'main.tf': 'resource "terraform_data" "r" {\n  input = "a"\n}\nresource "terraform_data" "dep" {\n  input = terraform_data.r.id\n}\n' });
    const p = await plan(ctx, OPTS);
    const handler = (await loadProvider('terraform'))!.resources.terraform_data!;
    const real = handler.create.bind(handler);
    vi.spyOn(handler, 'create').mockImplementation(async (oc, config) => ({ ...(await real(oc, config)), input: { value: 'b', type: 'string' } as never }));
    const a = await run(ctx, p.value!);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.summary)).toEqual(['Provider produced inconsistent result after apply']);
    expect(errors[0]!.detail).toBe(
      'When applying changes to terraform_data.r, provider "provider[\\"terraform.io/builtin/terraform\\"]" produced an unexpected new value: .input: was cty.StringVal("a"), but now cty.StringVal("b").\n\nThis is a bug in the provider, which should be reported in the provider\'s own issue tracker.',
    );
    // What the handler made exists, so it is in state; what depends on it was not created.
    expect(a.value.state.resources.map((r) => r.name)).toEqual(['r']);
    expect(a.value.failed).toEqual(['terraform_data.r']);
  });

  test('a consistent handler and unchanged inputs: the plan is applied as planned', async () => {
    const ctx = await setup({ 'main.tf': TWO, 'data.txt': 'same\n' });
    const p = await plan(ctx, OPTS);
    const a = await run(ctx, p.value!);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(a.value.added).toBe(3);
  });
});

describe('a saved plan is carried out from its own values', () => {
  const saved = (p: NonNullable<Awaited<ReturnType<typeof plan>>['value']>) => ({ plan: p.plan, priorState: p.refreshed, writtenBy: 'test' });

  test('the variable values of the plan are the ones applied, whatever the context now holds', async () => {
    const ctx = await setup({ 'main.tf': 'variable "x" {\n  type = string\n}\nresource "terraform_data" "r" {\n  input = var.x\n}\n' });
    const p = await plan({ ...ctx, variables: [{ name: 'x', value: { text: 'one' }, source: 'the command line' }] }, OPTS);
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = await planFromSaved(ctx, saved(p.value!), { state: null, parallelism: 4 });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const a = await run(r.value!.run.ctx, r.value!);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(a.value.state.resources[0]!.instances[0]!.attributes.input).toEqual({ value: 'one', type: 'string' });
  });

  test('a file read by the configuration that changed since the plan: refused for that instance', async () => {
    const ctx = await setup({ 'main.tf': TWO, 'data.txt': 'one\n' });
    const p = await plan(ctx, OPTS);
    writeFileSync(join(ctx.cwd, 'data.txt'), 'two\n');
    const r = await planFromSaved(ctx, saved(p.value!), { state: null, parallelism: 4 });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const a = await run(r.value!.run.ctx, r.value!);
    expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary)).toEqual(['Provider produced inconsistent final plan']);
    expect(a.value.state.resources.map((x) => x.name)).toEqual(['other']);
  });

  test('a state changed since the plan: Saved plan is stale', async () => {
    const ctx = await setup({ 'main.tf': 'resource "terraform_data" "r" {\n  input = "a"\n}\n' });
    const p = await plan(ctx, OPTS);
    const a = await run(ctx, p.value!);
    const again = await plan(ctx, { ...OPTS, state: a.value.state });
    const moved = { ...a.value.state, serial: a.value.state.serial + 1 };
    const r = await planFromSaved(ctx, saved(again.value!), { state: moved, parallelism: 4 });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Saved plan is stale']);
  });
});
