import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { apply, plan, type EngineContext, type PlanOptions } from '../../src/core/index.js';
import type { Backend } from '../../src/states/backend.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const OPTS: PlanOptions = { mode: 'normal', refresh: true, targets: [], excludes: [], replace: [], parallelism: 4, state: null };

async function setup(files: Record<string, string>): Promise<EngineContext> {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-checks-'));
  dirs.push(dir);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  const cfg = await loadConfig(dir);
  expect(cfg.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { cwd: dir, config: cfg.value!, workspace: 'default', env: {}, variables: [] };
}

const backend = { description: 'memory', async append() {}, async write() {} } as unknown as Backend;

describe('check blocks in the engine', () => {
  test('every module instance is checked: results per instance, aggregated per block, at plan and after apply', async () => {
    const ctx = await setup({
      'main.tf': 'module "m" {\n  source = "./m"\n  count  = 2\n  n      = count.index\n}\n',
      'm/main.tf': 'variable "n" {}\nresource "terraform_data" "r" {\n  input = var.n\n}\ncheck "odd" {\n  assert {\n    condition     = terraform_data.r.output % 2 == 1\n    error_message = "${var.n} is even"\n  }\n}\n',
    });
    const p = await plan(ctx, OPTS);
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(p.value!.plan.checks).toEqual([
      { module: 'module.m', name: 'odd', status: 'unknown', instances: [{ module: 'module.m[0]', status: 'unknown', problems: [] }, { module: 'module.m[1]', status: 'unknown', problems: [] }] },
    ]);
    expect(p.diagnostics.map((d) => d.summary)).toEqual(['Check block assertion known after apply', 'Check block assertion known after apply']);
    const a = await apply(ctx, p.value!, { parallelism: 4, backend, stop: new AbortController().signal, kill: new AbortController().signal });
    expect(a.diagnostics.map((d) => [d.severity, d.summary, d.detail])).toEqual([['warning', 'Check block assertion failed', '0 is even']]);
    expect(a.value.state.check_results).toEqual([
      {
        object_kind: 'check',
        config_addr: 'module.m.check.odd',
        status: 'fail',
        objects: [
          { object_addr: 'module.m[0].check.odd', status: 'fail', failure_messages: ['0 is even'] },
          { object_addr: 'module.m[1].check.odd', status: 'pass' },
        ],
      },
    ]);
  });

  test('a condition that cannot be evaluated is an error; a destroy plan evaluates no check', async () => {
    const ctx = await setup({ 'main.tf': 'variable "v" {\n  default = "b"\n}\ncheck "c" {\n  assert {\n    condition     = tonumber(var.v) > 1\n    error_message = "no"\n  }\n}\n' });
    const p = await plan(ctx, OPTS);
    expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary)).toEqual(['Invalid function argument']);
    expect(p.value!.plan.checks![0]!.status).toBe('error');
    const d = await plan(ctx, { ...OPTS, mode: 'destroy' });
    expect(d.diagnostics).toEqual([]);
    expect(d.value!.plan.checks).toBeUndefined();
  });
});
