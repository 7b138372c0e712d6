import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { plan, type PlanOptions } from '../../src/core/index.js';
import type { StateFile, StateInstance, StateResource } from '../../src/states/model.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const PROVIDER = 'provider["terraform.io/builtin/terraform"]';

/** A stored terraform_data object with the given input (and id/output derived from it). */
function obj(id: string, input: unknown, extra: Partial<StateInstance> = {}): StateInstance {
  const wrap = (v: unknown) => (v === null ? null : { value: v, type: typeof v === 'number' ? 'number' : 'string' });
  return { schema_version: 0, attributes: { id, input: wrap(input), output: wrap(input), triggers_replace: null }, sensitive_attributes: [], ...extra };
}

function res(name: string, instances: StateInstance[], module?: string): StateResource {
  return { ...(module ? { module } : {}), mode: 'managed', type: 'terraform_data', name, provider: PROVIDER, instances };
}

function state(resources: StateResource[]): StateFile {
  return { version: 4, terraform_version: '1.11.4', serial: 3, lineage: '11111111-2222-3333-4444-555555555555', outputs: {}, resources, check_results: null };
}

interface Case {
  readonly name: string;
  readonly config: string;
  readonly prior: StateResource[];
  readonly opts?: Partial<PlanOptions>;
  /** address → actions[,reason][,previous=…][,import=…]; no-ops without moves/imports are left out. */
  readonly want?: Record<string, string>;
  readonly error?: string;
}

const cases: Case[] = [
  { name: 'create', config: 'resource "terraform_data" "a" { input = "x" }', prior: [], want: { 'terraform_data.a': 'create' } },
  { name: 'no-op', config: 'resource "terraform_data" "a" { input = "x" }', prior: [res('a', [obj('1', 'x')])], want: {} },
  { name: 'update in place', config: 'resource "terraform_data" "a" { input = "y" }', prior: [res('a', [obj('1', 'x')])], want: { 'terraform_data.a': 'update' } },
  {
    name: 'replace: a forceNew attribute changed (destroy first)',
    config: 'resource "terraform_data" "a" {\n  input = "x"\n  triggers_replace = "two"\n}',
    prior: [res('a', [obj('1', 'x')])],
    want: { 'terraform_data.a': 'delete,create replace_because_cannot_update' },
  },
  {
    name: 'replace: create_before_destroy',
    config: 'resource "terraform_data" "a" {\n  input = "x"\n  triggers_replace = "two"\n  lifecycle {\n    create_before_destroy = true\n  }\n}',
    prior: [res('a', [obj('1', 'x')])],
    want: { 'terraform_data.a': 'create,delete replace_because_cannot_update' },
  },
  { name: 'replace: tainted', config: 'resource "terraform_data" "a" { input = "x" }', prior: [res('a', [obj('1', 'x', { status: 'tainted' })])], want: { 'terraform_data.a': 'delete,create replace_because_tainted' } },
  { name: 'replace: -replace', config: 'resource "terraform_data" "a" { input = "x" }', prior: [res('a', [obj('1', 'x')])], opts: { replace: ['terraform_data.a'] }, want: { 'terraform_data.a': 'delete,create replace_by_request' } },
  {
    name: 'replace: replace_triggered_by',
    config: 'resource "terraform_data" "a" { input = "new" }\nresource "terraform_data" "b" {\n  input = "b"\n  lifecycle {\n    replace_triggered_by = [terraform_data.a]\n  }\n}',
    prior: [res('a', [obj('1', 'old')]), res('b', [obj('2', 'b')])],
    want: { 'terraform_data.a': 'update', 'terraform_data.b': 'delete,create replace_by_triggers' },
  },
  { name: 'delete: not in configuration', config: '', prior: [res('gone', [obj('1', 'x')])], want: { 'terraform_data.gone': 'delete delete_because_no_resource_config' } },
  {
    name: 'delete: count index out of range',
    config: 'resource "terraform_data" "c" {\n  count = 1\n  input = "x"\n}',
    prior: [res('c', [obj('1', 'x', { index_key: 0 }), obj('2', 'x', { index_key: 1 })])],
    want: { 'terraform_data.c[1]': 'delete delete_because_count_index' },
  },
  {
    name: 'delete: for_each key gone',
    config: 'resource "terraform_data" "m" {\n  for_each = toset(["a"])\n  input = "x"\n}',
    prior: [res('m', [obj('1', 'x', { index_key: 'a' }), obj('2', 'x', { index_key: 'b' })])],
    want: { 'terraform_data.m["b"]': 'delete delete_because_each_key' },
  },
  {
    name: 'delete: wrong repetition',
    config: 'resource "terraform_data" "m" { input = "x" }',
    prior: [res('m', [obj('1', 'x'), obj('2', 'x', { index_key: 'k' })])],
    want: { 'terraform_data.m["k"]': 'delete delete_because_wrong_repetition' },
  },
  { name: 'delete: module not in configuration', config: '', prior: [res('x', [obj('1', 'x')], 'module.gone')], want: { 'module.gone.terraform_data.x': 'delete delete_because_no_module' } },
  {
    name: 'delete: deposed object left over',
    config: 'resource "terraform_data" "a" { input = "x" }',
    prior: [res('a', [obj('1', 'x'), obj('0', 'x', { deposed: 'abcd1234' })])],
    want: { 'terraform_data.a (abcd1234)': 'delete' },
  },
  {
    name: 'import block',
    config: 'import {\n  to = terraform_data.a\n  id = "ext-1"\n}\nresource "terraform_data" "a" { input = "x" }',
    prior: [],
    want: { 'terraform_data.a': 'update import=ext-1' },
  },
  {
    name: 'import block: for_each over a map, index in "to", id from each.value',
    config: 'locals {\n  ids = { a = "ext-a", b = "ext-b" }\n}\nimport {\n  for_each = local.ids\n  to       = terraform_data.m[each.key]\n  id       = each.value\n}\nresource "terraform_data" "m" {\n  for_each = local.ids\n}',
    prior: [],
    want: { 'terraform_data.m["a"]': 'no-op import=ext-a', 'terraform_data.m["b"]': 'no-op import=ext-b' },
  },
  {
    name: 'import block: for_each over a list gives numeric keys',
    config: 'variable "ids" {\n  default = ["x0", "x1"]\n}\nimport {\n  for_each = var.ids\n  to       = terraform_data.c[each.key]\n  id       = each.value\n}\nresource "terraform_data" "c" {\n  count = 3\n}',
    prior: [],
    want: { 'terraform_data.c[0]': 'no-op import=x0', 'terraform_data.c[1]': 'no-op import=x1', 'terraform_data.c[2]': 'create' },
  },
  {
    name: 'import block: literal key in "to", id from a variable',
    config: 'variable "v" {\n  default = "vid"\n}\nimport {\n  to = terraform_data.k["one"]\n  id = "${var.v}-1"\n}\nresource "terraform_data" "k" {\n  for_each = toset(["one"])\n}',
    prior: [],
    want: { 'terraform_data.k["one"]': 'no-op import=vid-1' },
  },
  {
    name: 'import block: two blocks for one address',
    config: 'import {\n  to = terraform_data.a\n  id = "one"\n}\nimport {\n  to = terraform_data.a\n  id = "two"\n}\nresource "terraform_data" "a" {}',
    prior: [],
    error: 'Duplicate import configuration',
  },
  {
    name: 'import block: for_each over a number',
    config: 'import {\n  for_each = 3\n  to       = terraform_data.a[each.key]\n  id       = "x"\n}\nresource "terraform_data" "a" {\n  count = 1\n}',
    prior: [],
    error: 'Invalid for_each argument',
  },
  {
    name: 'import block: an unknown id',
    config: 'resource "terraform_data" "src" {}\nimport {\n  to = terraform_data.a\n  id = terraform_data.src.id\n}\nresource "terraform_data" "a" {}',
    prior: [],
    error: 'Invalid import id argument',
  },
  {
    name: 'moved block',
    config: 'moved {\n  from = terraform_data.old\n  to   = terraform_data.new\n}\nresource "terraform_data" "new" { input = "x" }',
    prior: [res('old', [obj('1', 'x')])],
    want: { 'terraform_data.new': 'no-op previous=terraform_data.old' },
  },
  {
    name: '-target keeps the target and its dependencies',
    config: 'resource "terraform_data" "a" { input = "a2" }\nresource "terraform_data" "b" { input = terraform_data.a.output }\nresource "terraform_data" "c" { input = "c" }',
    prior: [],
    opts: { targets: ['terraform_data.b'] },
    want: { 'terraform_data.a': 'create', 'terraform_data.b': 'create' },
  },
  {
    name: '-exclude leaves out the resource and its dependents',
    config: 'resource "terraform_data" "a" { input = "a2" }\nresource "terraform_data" "b" { input = terraform_data.a.output }\nresource "terraform_data" "c" { input = "c" }',
    prior: [],
    opts: { excludes: ['terraform_data.a'] },
    want: { 'terraform_data.c': 'create' },
  },
  {
    name: '-destroy deletes everything',
    config: 'resource "terraform_data" "a" { input = "x" }',
    prior: [res('a', [obj('1', 'x')])],
    opts: { mode: 'destroy' },
    want: { 'terraform_data.a': 'delete' },
  },
  {
    name: 'prevent_destroy stops a replacement',
    config: 'resource "terraform_data" "a" {\n  input = "x"\n  triggers_replace = "t"\n  lifecycle {\n    prevent_destroy = true\n  }\n}',
    prior: [res('a', [obj('1', 'x')])],
    error: 'Instance cannot be destroyed',
  },
  {
    name: 'read during apply: configuration not known yet',
    config: 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\nresource "terraform_data" "a" { input = "ubuntu" }\ndata "alicloud_images" "x" {\n  name_regex = terraform_data.a.output\n  owners     = "system"\n}',
    prior: [],
    want: { 'data.alicloud_images.x': 'read read_because_config_unknown', 'terraform_data.a': 'create' },
  },
];

describe('planner actions and reasons (hand-made prior states)', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const dir = mkdtempSync(join(tmpdir(), 'minitf-planner-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'main.tf'), c.config + '\n');
    const cfg = await loadConfig(dir);
    expect(cfg.diagnostics).toEqual([]);
    const r = await plan(
      { cwd: dir, config: cfg.value, workspace: 'default', env: {}, variables: [] },
      { mode: 'normal', refresh: false, targets: [], excludes: [], replace: [], parallelism: 4, state: state(c.prior), ...c.opts },
    );
    if (c.error) {
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary)).toContain(c.error);
      return;
    }
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const got: Record<string, string> = {};
    for (const ch of r.value!.plan.resourceChanges) {
      if (ch.actions[0] === 'no-op' && !ch.previousAddress && !ch.importing) continue;
      const key = ch.deposed ? `${ch.address} (${ch.deposed})` : ch.address;
      got[key] = [ch.actions.join(','), ch.actionReason, ch.previousAddress && `previous=${ch.previousAddress}`, ch.importing && `import=${ch.importing.id}`].filter(Boolean).join(' ');
    }
    expect(got).toEqual(c.want);
  });

  test('a forceNew change records the replace path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minitf-planner-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "a" {\n  input = "x"\n  triggers_replace = "two"\n}\n');
    const cfg = await loadConfig(dir);
    const r = await plan({ cwd: dir, config: cfg.value, workspace: 'default', env: {}, variables: [] }, { mode: 'normal', refresh: false, targets: [], excludes: [], replace: [], parallelism: 4, state: state([res('a', [obj('1', 'x')])]) });
    expect(r.value!.plan.resourceChanges[0]!.replacePaths).toEqual([['triggers_replace']]);
  });
});
