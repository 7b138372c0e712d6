import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig, validateConfig, type Module } from '../../src/config/index.js';
import { runCli } from '../helpers/cli.js';
import { removeDir, tempDir } from './helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** A configuration in Terraform's JSON syntax, shaped as CDKTF writes it, touching every kind of body. */
function base(statePath: string): Record<string, unknown> {
  return {
    terraform: {
      required_providers: { alicloud: { source: 'aliyun/alicloud', version: '~> 1.66' } },
      backend: { local: { path: statePath } },
    },
    provider: { alicloud: [{ alias: 'hz', region: 'cn-hangzhou', endpoints: { ecs: '127.0.0.1:9', vpc: '127.0.0.1:9' } }] },
    variable: { name: { type: 'string', default: 'terraform-example' } },
    locals: { family: 'ecs.sn1ne' },
    data: { alicloud_instance_types: { default: { provider: 'alicloud.hz', instance_type_family: '${local.family}' } } },
    resource: {
      alicloud_vpc: { default: { provider: 'alicloud.hz', vpc_name: '${var.name}', cidr_block: '172.17.3.0/24', tags: { Team: 'cdktf' } } },
      alicloud_image_copy: {
        default: {
          provider: 'alicloud.hz',
          source_image_id: 'm-source',
          source_region_id: 'cn-hangzhou',
          timeouts: { create: '20m' },
          lifecycle: { create_before_destroy: true, ignore_changes: ['description'] },
        },
      },
    },
    output: { vpc_id: { value: '${alicloud_vpc.default.id}', description: 'The VPC.', sensitive: false } },
  };
}

/** The comment values CDKTF writes (`{"metadata": {…}}`) and the plain string form. */
const COMMENTS: readonly [string, unknown][] = [
  ['CDKTF metadata', { metadata: { path: 'image-copy/default_7', uniqueId: 'default' } }],
  ['a string', 'a note for readers'],
];

/** Where a `//` key goes: the path of the object that gets it. */
const PLACES: readonly [string, readonly (string | number)[]][] = [
  ['the top level', []],
  ['the terraform block', ['terraform']],
  ['required_providers', ['terraform', 'required_providers']],
  ['a required_providers entry', ['terraform', 'required_providers', 'alicloud']],
  ['the backend block', ['terraform', 'backend', 'local']],
  ['a provider block given in a list', ['provider', 'alicloud', 0]],
  ['a nested block of a provider (endpoints)', ['provider', 'alicloud', 0, 'endpoints']],
  ['a variable', ['variable', 'name']],
  ['locals', ['locals']],
  ['a data source', ['data', 'alicloud_instance_types', 'default']],
  ['a resource', ['resource', 'alicloud_vpc', 'default']],
  ['a nested block of a resource (timeouts)', ['resource', 'alicloud_image_copy', 'default', 'timeouts']],
  ['a lifecycle block', ['resource', 'alicloud_image_copy', 'default', 'lifecycle']],
  ['an output', ['output', 'vpc_id']],
  ['the resource label level', ['resource']],
  ['the resource name level', ['resource', 'alicloud_vpc']],
];

/** Adds `"//": comment` to the object at `path` (as the first key, as CDKTF does). */
function withComment(config: Record<string, unknown>, path: readonly (string | number)[], comment: unknown): Record<string, unknown> {
  const copy = structuredClone(config);
  let at: Record<string | number, unknown> = copy;
  for (const p of path) at = at[p] as Record<string | number, unknown>;
  const entries = Object.entries(at);
  for (const k of Object.keys(at)) delete at[k];
  Object.assign(at, { '//': comment }, Object.fromEntries(entries));
  return copy;
}

/** Keys that only say where something was written; a comment moves them. */
const POSITIONAL = new Set(['range', 'origin', 'lineStarts', 'dir', 'sourceDir']);

/** The module as plain data without positions, so two spellings of one configuration compare equal. */
function shape(x: unknown): unknown {
  if (x instanceof Map) return Object.fromEntries([...x].map(([k, v]) => [k, shape(v)]));
  if (Array.isArray(x)) return x.map(shape);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).filter(([k]) => !POSITIONAL.has(k)).map(([k, v]) => [k, shape(v)]));
  return x;
}

async function load(config: unknown): Promise<{ root: Module; summaries: string[] }> {
  const dir = tempDir('comments');
  dirs.push(dir);
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(config, null, 2));
  const r = await loadConfig(dir);
  const all = [...r.diagnostics, ...validateConfig(r.value)];
  return { root: r.value.root, summaries: all.map((d) => `${d.severity}: ${d.summary}: ${d.detail ?? ''}`) };
}

describe('"//" comment keys in JSON configuration', () => {
  const statePath = join(tempDir('state'), 'terraform.tfstate');
  dirs.push(statePath.slice(0, statePath.lastIndexOf('/')));
  const plain = load(base(statePath));

  test('the configuration without comments loads cleanly (the baseline)', async () => {
    const { root, summaries } = await plain;
    expect(summaries).toEqual([]);
    expect([...root.managedResources.keys()].sort()).toEqual(['alicloud_image_copy.default', 'alicloud_vpc.default']);
    expect(root.terraform.backend?.config).toEqual({ path: statePath });
    expect(root.terraform.requiredProviders).toMatchObject({ alicloud: { source: 'aliyun/alicloud', version: '~> 1.66', range: { file: expect.any(String) } } });
    expect(root.managedResources.get('alicloud_image_copy.default')!.timeouts).toEqual({ create: '20m' });
    expect(root.managedResources.get('alicloud_vpc.default')!.provider).toMatchObject({ name: 'alicloud', alias: 'hz' });
  });

  const cases = PLACES.flatMap(([where, path]) => COMMENTS.map(([what, comment]) => [where, what, path, comment] as const));
  test.each(cases)('in %s (%s) are ignored: no diagnostics, the same module', async (_where, _what, path, comment) => {
    const commented = await load(withComment(base(statePath), path, comment));
    const { root } = await plain;
    expect(commented.summaries).toEqual([]);
    expect(shape(commented.root)).toEqual(shape(root));
  });

  test.each<[string, (c: Record<string, unknown>) => void, (m: Module) => unknown, unknown]>([
    [
      'a map argument',
      (c) => ((c.resource as any).alicloud_vpc.default.tags = { '//': 'kept', Team: 'cdktf' }),
      (m) => m.managedResources.get('alicloud_vpc.default')!.config.attributes.tags!.constant?.value,
      { '//': 'kept', Team: 'cdktf' },
    ],
    ['a local value', (c) => ((c.locals as any).meta = { '//': 'kept' }), (m) => m.locals.get('meta')!.constant?.value, { '//': 'kept' }],
  ])('inside %s are data, not comments (as in Terraform)', async (_name, edit, pick, expected) => {
    const config = base(statePath);
    edit(config);
    const { root, summaries } = await load(config);
    expect(summaries).toEqual([]);
    expect(pick(root)).toEqual(expected);
  });
});

describe('a commented configuration through the CLI', () => {
  test('validate succeeds and apply records outputs whose values keep "//" inside values', async () => {
    const dir = tempDir('cli');
    dirs.push(dir);
    const meta = (path: string): unknown => ({ metadata: { path, uniqueId: path.split('/').pop() } });
    const config = {
      '//': { metadata: { backend: 'local', stackName: 'notes', version: '0.21.0' }, outputs: { notes: { greeting: 'greeting' } } },
      terraform: { backend: { local: { '//': 'absolute, as CDKTF writes it', path: join(dir, 'elsewhere', 'notes.tfstate') } } },
      locals: { '//': 'comment', who: 'cdktf' },
      resource: {
        terraform_data: {
          note: {
            '//': meta('notes/note'),
            input: { '//': 'kept', who: '${local.who}' },
            lifecycle: { '//': meta('notes/note/lifecycle'), create_before_destroy: true },
          },
        },
      },
      output: {
        greeting: { '//': meta('notes/greeting'), value: 'hello ${terraform_data.note.output.who}' },
        input: { value: '${terraform_data.note.input}' },
      },
    };
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(config, null, 2));
    const v = await runCli([`-chdir=${dir}`, 'validate']);
    expect(v.stdout + v.stderr).toContain('Success! The configuration is valid.');
    const a = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const o = await runCli([`-chdir=${dir}`, 'output', '-json']);
    const outputs = JSON.parse(o.stdout) as Record<string, { value: unknown }>;
    expect(outputs.greeting!.value).toBe('hello cdktf');
    expect(outputs.input!.value).toEqual({ '//': 'kept', who: 'cdktf' });
    const s = await runCli([`-chdir=${dir}`, 'state', 'list']);
    expect(s.stdout.trim()).toBe('terraform_data.note');
    expect(existsSync(join(dir, 'elsewhere', 'notes.tfstate'))).toBe(true);
  });
});
