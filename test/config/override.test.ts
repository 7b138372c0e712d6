import { describe, expect, test } from 'vitest';
import { evaluate, toJSON } from '../../src/lang/index.js';
import { loadConfig, memorySource, validateConfig, type Attribute, type Module } from '../../src/config/index.js';

const ROOT = '/cfg';
async function load(files: Record<string, string>): Promise<{ mod: Module; problems: string[]; details: string[] }> {
  const r = await loadConfig(ROOT, memorySource(ROOT, files));
  const all = [...r.diagnostics, ...validateConfig(r.value)];
  return {
    mod: r.value.root,
    problems: all.map((d) => `${d.subject?.file}:${d.subject?.start.line}: ${d.summary}`),
    details: all.map((d) => d.detail ?? ''),
  };
}
const val = (a: Attribute | undefined): unknown => a?.constant?.value;

const main = `variable "size" {
  type        = number
  default     = 1
  description = "how many"
}
locals {
  name = "base"
  keep = "kept"
}
resource "terraform_data" "a" {
  input            = "base"
  triggers_replace = ["t"]
  lifecycle {
    create_before_destroy = true
    ignore_changes        = [input]
  }
}
resource "alicloud_image" "img" {
  image_name  = "base"
  description = "kept"
  disk_device_mapping {
    size = 20
  }
  disk_device_mapping {
    size = 40
  }
}
output "o" {
  value     = local.name
  sensitive = true
}
`;

describe('override files merge into the primary declarations', () => {
  test.each<[string, Record<string, string>, (m: Module) => void]>([
    [
      'a top-level attribute replaces, the others stay',
      { 'override.tf': 'resource "terraform_data" "a" {\n  input = "over"\n}\n' },
      (m) => {
        const r = m.managedResources.get('terraform_data.a')!;
        expect(val(r.config.attributes.input)).toBe('over');
        expect(r.config.attributes.input!.range.file).toBe('override.tf');
        expect(val(r.config.attributes.triggers_replace)).toEqual(['t']);
        expect(r.lifecycle.createBeforeDestroy).toBe(true);
      },
    ],
    [
      'nested blocks of one type are replaced as a whole',
      { 'img_override.tf': 'resource "alicloud_image" "img" {\n  disk_device_mapping {\n    size = 80\n  }\n}\n' },
      (m) => {
        const r = m.managedResources.get('alicloud_image.img')!;
        expect(r.config.blocks.filter((b) => b.type === 'disk_device_mapping').map((b) => val(b.body.attributes.size))).toEqual([80]);
        expect(val(r.config.attributes.description)).toBe('kept');
      },
    ],
    [
      'lifecycle arguments merge one by one',
      { 'override.tf': 'resource "terraform_data" "a" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n' },
      (m) => {
        const l = m.managedResources.get('terraform_data.a')!.lifecycle;
        expect([l.createBeforeDestroy, l.preventDestroy, l.ignoreChanges]).toEqual([true, true, [['input']]]);
      },
    ],
    [
      'locals merge per name',
      { 'override.tf': 'locals {\n  name = "over"\n}\n' },
      (m) => {
        expect(val(m.locals.get('name'))).toBe('over');
        expect(val(m.locals.get('keep'))).toBe('kept');
      },
    ],
    [
      'a variable default replaces, type and description stay',
      { 'override.tf': 'variable "size" {\n  default = 3\n}\n' },
      (m) => {
        const v = m.variables.get('size')!;
        expect(toJSON(evaluate(v.default!, { get: () => undefined, baseDir: ROOT }).value)).toBe(3);
        expect(v.description).toBe('how many');
        expect(v.type).toBeDefined();
        expect(v.override).toMatchObject({ type: false, default: true });
      },
    ],
    [
      'a .tf.json override merges like HCL',
      { 'a_override.tf.json': JSON.stringify({ resource: { terraform_data: { a: { input: 'json' } } }, locals: { name: 'j' } }) },
      (m) => {
        expect(val(m.managedResources.get('terraform_data.a')!.config.attributes.input)).toBe('json');
        expect(val(m.locals.get('name'))).toBe('j');
      },
    ],
    [
      'a removed block in an override file is left out, as Terraform 1.11.4 leaves it (plan destroys)',
      { 'override.tf': 'removed {\n  from = terraform_data.q\n  lifecycle {\n    destroy = false\n  }\n}\n', 'r.tf': 'removed {\n  from = terraform_data.r\n  lifecycle {\n    destroy = false\n  }\n}\n' },
      (m) => expect(m.removed.map((r) => r.range.file)).toEqual(['r.tf']),
    ],
    [
      'a .tf.yaml override merges too',
      { 'y_override.tf.yaml': 'locals:\n  name: "y"\n' },
      (m) => expect(val(m.locals.get('name'))).toBe('y'),
    ],
    [
      'an output value replaces, sensitive stays',
      { 'override.tf': 'output "o" {\n  value = "x"\n}\n' },
      (m) => {
        const o = m.outputs.get('o')!;
        expect(toJSON(evaluate(o.value, { get: () => undefined, baseDir: ROOT }).value)).toBe('x');
        expect(o.sensitive).toBe(true);
        expect(o.range.file).toBe('main.tf');
      },
    ],
    [
      'later override files win, and primaries load first whatever their names',
      { 'a_override.tf': 'locals {\n  name = "a"\n}\n', 'b_override.tf': 'locals {\n  name = "b"\n}\n', 'z.tf': 'locals {\n  z = 1\n}\n' },
      (m) => {
        expect(val(m.locals.get('name'))).toBe('b');
        expect(m.files).toEqual(['main.tf', 'z.tf', 'a_override.tf', 'b_override.tf']);
      },
    ],
    [
      'required_providers entries replace per name, backend replaces',
      {
        'versions.tf': 'terraform {\n  required_providers {\n    alicloud = { source = "aliyun/alicloud", version = "1.0" }\n    random = { source = "hashicorp/random" }\n  }\n  backend "local" {\n    path = "a.tfstate"\n  }\n}\n',
        'override.tf': 'terraform {\n  required_providers {\n    alicloud = { source = "aliyun/alicloud", version = "2.0" }\n  }\n  backend "local" {\n    path = "b.tfstate"\n  }\n}\n',
      },
      (m) => {
        expect(m.terraform.requiredProviders.alicloud?.version).toBe('2.0');
        expect(m.terraform.requiredProviders.random?.source).toBe('hashicorp/random');
        expect(m.terraform.backend?.config).toEqual({ path: 'b.tfstate' });
      },
    ],
    [
      'a provider configuration merges its body; a default one may be introduced',
      {
        'p.tf': 'provider "alicloud" {\n  region = "cn-hangzhou"\n  alias = "hz"\n  profile = "p"\n}\n',
        'override.tf': 'provider "alicloud" {\n  alias = "hz"\n  region = "cn-beijing"\n}\nprovider "alicloud" {\n  region = "cn-shanghai"\n}\n',
      },
      (m) => {
        const hz = m.providers.find((p) => p.alias === 'hz')!;
        expect([val(hz.config.attributes.region), val(hz.config.attributes.profile)]).toEqual(['cn-beijing', 'p']);
        expect(val(m.providers.find((p) => p.alias === undefined)?.config.attributes.region)).toBe('cn-shanghai');
      },
    ],
    [
      'module call inputs merge, source stays',
      { 'm.tf': 'module "m" {\n  source = "./child"\n  a = 1\n  b = 2\n}\n', 'child/main.tf': 'variable "a" {}\nvariable "b" {}\n', 'override.tf': 'module "m" {\n  b = 3\n}\n' },
      (m) => {
        const c = m.moduleCalls.get('m')!;
        expect([c.source, val(c.inputs.a), val(c.inputs.b)]).toEqual(['./child', 1, 3]);
        expect(c.module.variables.has('a')).toBe(true);
      },
    ],
  ])('%s', async (_name, files, check) => {
    const r = await load({ 'main.tf': main, ...files });
    expect(r.problems).toEqual([]);
    check(r.mod);
  });
});

describe('override errors, with Terraform 1.11.4 summaries and lines', () => {
  const cases: [string, string, string[], string?][] = [
    ['resource "terraform_data" "nope" {\n  input = 1\n}\n', 'override.tf', ['override.tf:1: Missing resource to override'], 'There is no terraform_data resource named "nope". An override file can only override a resource block defined in a primary configuration file.'],
    ['data "terraform_remote_state" "z" {\n}\n', 'override.tf', ['override.tf:1: Missing data resource to override']],
    ['\nvariable "nope" {\n  default = 1\n}\n', 'x_override.tf', ['x_override.tf:2: Missing base variable declaration to override']],
    ['locals {\n  name = "x"\n  other = 1\n}\n', 'override.tf', ['override.tf:3: Missing base local value definition to override']],
    ['output "p" {\n  value = 1\n}\n', 'override.tf', ['override.tf:1: Missing base output definition to override']],
    ['module "m" {\n  source = "./x"\n}\n', 'override.tf', ['override.tf:1: Missing module call to override']],
    ['provider "alicloud" {\n  alias = "e"\n}\n', 'override.tf', ['override.tf:1: Missing base provider configuration for override']],
    ['resource "terraform_data" "a" {\n  depends_on = [terraform_data.a]\n}\n', 'override.tf', ['override.tf:2: Unsupported override'], 'The depends_on argument may not be overridden.'],
    ['moved {\n  from = terraform_data.q\n  to   = terraform_data.a\n}\n', 'override.tf', ["override.tf:1: Cannot override 'moved' blocks"]],
    ['import {\n  to = terraform_data.a\n  id = "x"\n}\n', 'override.tf', ["override.tf:1: Cannot override 'import' blocks"]],
    ['variable "size" {\n  type = list(string)\n}\n', 'override.tf', ['override.tf:1: Invalid default value for variable'], "Overriding this variable's type constraint has made its default value invalid: list of string required."],
    ['variable "size" {\n  default = "x"\n}\n', 'override.tf', ['override.tf:1: Invalid default value for variable'], "The overridden default value for this variable is not compatible with the variable's type constraint: a number is required."],
    [JSON.stringify({ resource: { terraform_data: { zz: {} } } }, null, 1), 'override.tf.json', ['override.tf.json:4: Missing resource to override']],
  ];
  test.each(cases.map(([text, file, problems, detail]) => [text.trim().split('\n')[0]!, file, text, problems, detail] as const))('%s in %s', async (_head, file, text, problems, detail) => {
    const r = await load({ 'main.tf': main, [file]: text });
    expect(r.problems).toEqual(problems);
    if (detail) expect(r.details[0]).toBe(detail);
  });
});
