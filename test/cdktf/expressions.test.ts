import { join } from 'node:path';
import { Fn, TerraformOutput, Token, propertyAccess, ref, type TerraformStack } from 'cdktf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileJSON, evaluate, fromJSON, objectOf, toJSON, type Scope, type Type } from '../../src/lang/index.js';
import { getSchema } from '../../src/schema/index.js';
import * as alicloud from '../../examples/cdktf-image-copy/gen/providers/alicloud/index.js';
import { DataAlicloudZonesZonesList } from '../../examples/cdktf-image-copy/gen/providers/alicloud/data-alicloud-zones.js';
import { runCli } from '../helpers/cli.js';
import { FAST_CLOUD, removeDir, synthStack, tempDir } from './helpers.js';

/** The data sources a form can refer to. */
interface Refs {
  readonly zones: alicloud.dataAlicloudZones.DataAlicloudZones;
  readonly types: alicloud.dataAlicloudInstanceTypes.DataAlicloudInstanceTypes;
  readonly images: alicloud.dataAlicloudImages.DataAlicloudImages;
}

/** The data sources' results, as plain JSON. */
interface Data {
  readonly zones: { ids: string[]; zones: { id: string; local_name: string | null; [more: string]: unknown }[] };
  readonly types: { ids: string[] };
  readonly images: { ids: string[] };
}

/** One expression form: how a CDKTF program writes it, the text CDKTF emits, and what it must evaluate to. */
interface Form {
  readonly name: string;
  readonly build: (r: Refs) => unknown;
  readonly text: string;
  readonly expected: (d: Data) => unknown;
}

const FORMS: readonly Form[] = [
  {
    name: 'element() of a list of objects, then an attribute',
    build: (r) => propertyAccess(Fn.element(r.zones.zones, 0), ['id']),
    text: '${element(data.alicloud_zones.default.zones, 0).id}',
    expected: (d) => d.zones.zones[0]!.id,
  },
  {
    name: 'an index into a list attribute',
    build: (r) => ref(`${r.types.fqn}.ids[0]`),
    text: '${data.alicloud_instance_types.default.ids[0]}',
    expected: (d) => d.types.ids[0],
  },
  {
    name: 'a complex list element (zones.get(0).id)',
    build: (r) => r.zones.zones.get(0).id,
    text: '${data.alicloud_zones.default.zones[0].id}',
    expected: (d) => d.zones.zones[0]!.id,
  },
  {
    name: 'the seed\'s propertyAccess(zones, ["0", "id"]) (a string index)',
    build: (r) => Token.asString(propertyAccess(r.zones.zones, ['0', 'id'])),
    text: '${data.alicloud_zones.default.zones["0"].id}',
    expected: (d) => d.zones.zones[0]!.id,
  },
  {
    name: 'the seed\'s propertyAccess(ids, ["0"])',
    build: (r) => Token.asString(propertyAccess(r.images.ids, ['0'])),
    text: '${data.alicloud_images.default.ids["0"]}',
    expected: (d) => d.images.ids[0],
  },
  {
    name: 'propertyAccess(ids, [0]) (the legacy .0 index)',
    build: (r) => propertyAccess(r.types.ids, [0]),
    text: '${data.alicloud_instance_types.default.ids.0}',
    expected: (d) => d.types.ids[0],
  },
  {
    name: 'element() of a list of strings',
    build: (r) => Fn.element(r.types.ids, 0),
    text: '${element(data.alicloud_instance_types.default.ids, 0)}',
    expected: (d) => d.types.ids[0],
  },
  {
    name: 'tolist()',
    build: (r) => Fn.tolist(r.zones.ids),
    text: '${tolist(data.alicloud_zones.default.ids)}',
    expected: (d) => d.zones.ids,
  },
  {
    name: 'an element of a set-backed complex list (tolist(…).0.id)',
    build: (r) => new DataAlicloudZonesZonesList(r.zones, 'zones', true).get(0).id,
    text: '${tolist(data.alicloud_zones.default.zones).0.id}',
    expected: (d) => d.zones.zones[0]!.id,
  },
  {
    name: 'lookup() of a present key',
    build: (r) => Fn.lookup(Fn.element(r.zones.zones, 1), 'id', 'none'),
    text: '${lookup(element(data.alicloud_zones.default.zones, 1), "id", "none")}',
    expected: (d) => d.zones.zones[1]!.id,
  },
  {
    name: 'lookup() of an absent key with its default',
    build: (r) => Fn.lookup(propertyAccess(r.zones.zones, ['0']), 'no_such_key', 'none'),
    text: '${lookup(data.alicloud_zones.default.zones["0"], "no_such_key", "none")}',
    expected: () => 'none',
  },
  {
    name: 'join() over tolist()',
    build: (r) => Fn.join(',', Token.asList(Fn.tolist(r.types.ids))),
    text: '${join(",", tolist(data.alicloud_instance_types.default.ids))}',
    expected: (d) => d.types.ids.join(','),
  },
];

/** Declares the three data sources (through provider `alicloud.hz`) and one output per form. */
function formsStack(stack: TerraformStack): void {
  const hz = new alicloud.provider.AlicloudProvider(stack, 'alicloud_hz', { alias: 'hz', region: 'cn-hangzhou' });
  const zones = new alicloud.dataAlicloudZones.DataAlicloudZones(stack, 'zones', { availableResourceCreation: 'Instance', provider: hz });
  zones.overrideLogicalId('default');
  const types = new alicloud.dataAlicloudInstanceTypes.DataAlicloudInstanceTypes(stack, 'types', { instanceTypeFamily: 'ecs.sn1ne', provider: hz });
  types.overrideLogicalId('default');
  const images = new alicloud.dataAlicloudImages.DataAlicloudImages(stack, 'images', { nameRegex: '^ubuntu_', owners: 'system', provider: hz });
  images.overrideLogicalId('default');
  FORMS.forEach((f, i) => new TerraformOutput(stack, `form_${i}`, { value: f.build({ zones, types, images }) }));
}

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

let stackDir = '';
let outputs: Record<string, { value: string }> = {};
beforeAll(() => {
  const out = tempDir('forms');
  dirs.push(out);
  const s = synthStack(join(out, 'cdktf.out'), 'forms', join(out, 'forms.tfstate'), formsStack);
  stackDir = s.dir;
  outputs = s.json.output as typeof outputs;
});

/** A data source's result as the planner holds it: typed by its schema, absent attributes null. */
function typed(type: string, attrs: Record<string, unknown>): ReturnType<typeof fromJSON> {
  const schema = getSchema('data', type)!;
  const t: Type = ['object', Object.fromEntries(Object.entries(schema.attributes).map(([k, a]) => [k, a.type]))];
  return fromJSON(Object.fromEntries(Object.keys(schema.attributes).map((k) => [k, attrs[k] ?? null])), t);
}

/** One element of `alicloud_zones.zones`, every attribute of its object type set. */
function zone(id: string, localName: string): Data['zones']['zones'][number] {
  return { id, local_name: localName, available_instance_types: ['ecs.sn1ne.large'], available_resource_creation: ['Instance'], available_disk_categories: ['cloud_efficiency'] };
}

describe('the expression forms CDKTF emits', () => {
  const data: Data = {
    zones: { ids: ['cn-hangzhou-h', 'cn-hangzhou-i'], zones: [zone('cn-hangzhou-h', 'Hangzhou H'), zone('cn-hangzhou-i', 'Hangzhou I')] },
    types: { ids: ['ecs.sn1ne.large', 'ecs.sn1ne.xlarge'] },
    images: { ids: ['ubuntu_22_04_x64', 'ubuntu_20_04_x64'] },
  };
  const scope: Scope = {
    get: (root) =>
      root === 'data'
        ? objectOf({
            alicloud_zones: objectOf({ default: typed('alicloud_zones', data.zones) }),
            alicloud_instance_types: objectOf({ default: typed('alicloud_instance_types', data.types) }),
            alicloud_images: objectOf({ default: typed('alicloud_images', data.images) }),
          })
        : undefined,
    baseDir: '.',
  };

  test.each(FORMS.map((f, i) => [f.name, i, f] as const))('%s: CDKTF writes it as expected and it evaluates', (_name, i, f) => {
    const text = outputs[`form_${i}`]!.value;
    expect(text).toBe(f.text);
    const c = compileJSON(text, { file: 'cdk.tf.json', line: 1, column: 1 });
    expect(c.diagnostics).toEqual([]);
    const r = evaluate(c.value, scope);
    expect(r.diagnostics).toEqual([]);
    expect(toJSON(r.value)).toEqual(f.expected(data));
  });
});

describe('the same forms against the emulator, through the CLI', () => {
  test('apply reads the data sources and every output equals the value computed from what they read', { timeout: 120_000 }, async () => {
    const chdir = `-chdir=${stackDir}`;
    const a = await runCli([chdir, '-emulator', 'apply', '-auto-approve'], FAST_CLOUD);
    expect(a.code, a.stderr).toBe(0);
    const shown = JSON.parse((await runCli([chdir, 'show', '-json'])).stdout) as { values: { outputs: Record<string, { value: unknown }>; root_module: { resources: { address: string; values: Record<string, unknown> }[] } } };
    const res = (addr: string): Record<string, unknown> => shown.values.root_module.resources.find((x) => x.address === addr)!.values;
    const data: Data = {
      zones: res('data.alicloud_zones.default') as unknown as Data['zones'],
      types: res('data.alicloud_instance_types.default') as unknown as Data['types'],
      images: res('data.alicloud_images.default') as unknown as Data['images'],
    };
    expect(data.zones.zones.length).toBeGreaterThan(1);
    expect(data.types.ids.length).toBeGreaterThan(0);
    expect(data.images.ids.length).toBeGreaterThan(0);
    const got = Object.fromEntries(FORMS.map((f, i) => [f.name, shown.values.outputs[`form_${i}`]?.value]));
    const want = Object.fromEntries(FORMS.map((f) => [f.name, f.expected(data)]));
    expect(got).toEqual(want);
  });
});
