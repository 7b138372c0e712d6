import { describe, expect, test } from 'vitest';
import { asTraversal, references } from '../../src/lang/index.js';
import { loadConfig, memorySource, validateConfig, type Module } from '../../src/config/index.js';

const ROOT = '/cfg';
async function load(files: Record<string, string>): Promise<{ mod: Module; summaries: string[] }> {
  const r = await loadConfig(ROOT, memorySource(ROOT, files));
  return { mod: r.value.root, summaries: [...r.diagnostics, ...validateConfig(r.value)].map((d) => `${d.subject?.file}:${d.subject?.start.line}: ${d.summary}`) };
}

const refs = (e: Parameters<typeof references>[0]): string[] => references(e).map((r) => r.parts.join('.'));

describe('resources in the three forms', () => {
  const hcl = `resource "terraform_data" "a" {
  count = 2
  input = "x-\${count.index}"
  depends_on = [terraform_data.b]
  provider = terraform
  lifecycle {
    create_before_destroy = true
    ignore_changes        = [input, triggers_replace["k"]]
    replace_triggered_by  = [terraform_data.b.id]
  }
}
resource "terraform_data" "b" {
  lifecycle {
    ignore_changes = all
  }
}
`;
  const json = JSON.stringify({
    resource: {
      terraform_data: {
        a: { count: 2, input: 'x-${count.index}', depends_on: ['terraform_data.b'], provider: 'terraform', lifecycle: { create_before_destroy: true, ignore_changes: ['input', 'triggers_replace["k"]'], replace_triggered_by: ['terraform_data.b.id'] } },
        b: [{ lifecycle: [{ ignore_changes: 'all' }] }],
      },
    },
  });
  const yaml = `resource:
  terraform_data:
    a:
      count: 2
      input: x-\${count.index}
      depends_on: [terraform_data.b]
      provider: terraform
      lifecycle:
        create_before_destroy: true
        ignore_changes: [input, 'triggers_replace["k"]']
        replace_triggered_by: [terraform_data.b.id]
    b:
      - lifecycle:
          ignore_changes: all
`;
  test.each([
    ['main.tf', hcl],
    ['main.tf.json', json],
    ['main.tf.yaml', yaml],
  ])('%s', async (name, text) => {
    const { mod, summaries } = await load({ [name]: text });
    expect(summaries).toEqual([]);
    const a = mod.managedResources.get('terraform_data.a')!;
    expect(a.address).toBe('terraform_data.a');
    expect(refs(a.count!)).toEqual([]);
    expect(refs(a.config.attributes.input!.expr)).toEqual(['count.index']);
    expect(a.dependsOn.map((e) => asTraversal(e))).toEqual([['terraform_data', 'b']]);
    expect(a.provider).toMatchObject({ name: 'terraform' });
    expect(a.provider!.alias).toBeUndefined();
    expect(a.lifecycle.createBeforeDestroy).toBe(true);
    expect(a.lifecycle.ignoreChanges).toEqual([['input'], ['triggers_replace', 'k']]);
    expect(a.lifecycle.replaceTriggeredBy.map(refs)).toEqual([['terraform_data.b.id']]);
    expect(Object.keys(a.config.attributes)).toEqual(['input']);
    expect(mod.managedResources.get('terraform_data.b')!.lifecycle.ignoreChanges).toBe('all');
  });
});

describe('blocks of every kind', () => {
  test('variables, locals, outputs, moved, removed, import, check, terraform', async () => {
    const { mod, summaries } = await load({
      'a.tf': `terraform {
  required_version = ">= 1.5"
  required_providers {
    alicloud = { source = "aliyun/alicloud", version = "~> 1.200" }
  }
}
variable "v" {
  type        = list(string)
  default     = ["a"]
  description = "d"
  sensitive   = true
  nullable    = false
  validation {
    condition     = length(var.v) > 0
    error_message = "empty"
  }
}
locals {
  l = var.v[0]
}
output "o" {
  value       = local.l
  description = "out"
  precondition {
    condition     = local.l != ""
    error_message = "blank"
  }
}
moved {
  from = terraform_data.old
  to   = terraform_data.web["blue"]
}
removed {
  from = terraform_data.gone
  lifecycle {
    destroy = false
  }
}
import {
  to = terraform_data.web["green"]
  id = "i-1"
}
resource "terraform_data" "web" {
  for_each = toset(["blue", "green"])
}
check "c" {
  data "alicloud_zones" "z" {
    available_resource_creation = "Instance"
  }
  assert {
    condition     = length(data.alicloud_zones.z.ids) > 0
    error_message = "no zones"
  }
}
`,
      'b.tf.json': JSON.stringify({ terraform: { backend: { local: { path: 'state/x.tfstate', '//': 'comment' } } }, locals: [{ m: 1 }] }),
    });
    expect(summaries).toEqual([]);
    expect(mod.files).toEqual(['a.tf', 'b.tf.json']);
    expect(mod.terraform).toMatchObject({ requiredVersion: '>= 1.5', requiredProviders: { alicloud: { source: 'aliyun/alicloud', version: '~> 1.200' } } });
    expect(mod.terraform.backend).toMatchObject({ type: 'local', config: { path: 'state/x.tfstate' }, range: { file: 'b.tf.json' } });
    const v = mod.variables.get('v')!;
    expect(v).toMatchObject({ name: 'v', description: 'd', sensitive: true, nullable: false });
    expect(asTraversal(v.type!)).toBeUndefined();
    expect(v.validations).toHaveLength(1);
    expect([...mod.locals.keys()]).toEqual(['l', 'm']);
    expect(mod.locals.get('m')!.constant).toEqual({ value: 1 });
    expect(mod.locals.get('l')!.constant).toBeUndefined();
    expect(mod.outputs.get('o')).toMatchObject({ description: 'out', sensitive: false });
    expect(mod.outputs.get('o')!.preconditions).toHaveLength(1);
    expect(mod.moved).toMatchObject([{ from: 'terraform_data.old', to: 'terraform_data.web["blue"]' }]);
    expect(mod.removed).toMatchObject([{ from: 'terraform_data.gone', destroy: false }]);
    expect(mod.imports).toHaveLength(1);
    expect(asTraversal(mod.imports[0]!.to)).toEqual(['terraform_data', 'web', 'green']);
    const c = mod.checks.get('c')!;
    expect(c.data?.address).toBe('data.alicloud_zones.z');
    expect(c.asserts).toHaveLength(1);
  });

  test('providers: alias, for_each, nested endpoints block, and both reference forms', async () => {
    const { mod, summaries } = await load({
      'main.tf': `provider "alicloud" {
  alias    = "r"
  for_each = toset(["cn-hangzhou"])
  region   = each.key
  endpoints {
    ecs = "127.0.0.1:1"
  }
}
resource "alicloud_vpc" "a" {
  provider = alicloud.r["cn-hangzhou"]
}
resource "alicloud_vpc" "b" {
  provider = "alicloud.r"
}
`,
    });
    expect(summaries).toEqual([]);
    const p = mod.providers[0]!;
    expect(p).toMatchObject({ name: 'alicloud', alias: 'r' });
    expect(p.forEach).toBeDefined();
    expect(p.config.blocks.map((b) => b.type)).toEqual(['endpoints']);
    expect(Object.keys(p.config.attributes)).toEqual(['region']);
    const a = mod.managedResources.get('alicloud_vpc.a')!.provider!;
    expect(a).toMatchObject({ name: 'alicloud', alias: 'r' });
    expect(a.key).toBeDefined();
    expect(mod.managedResources.get('alicloud_vpc.b')!.provider).toMatchObject({ name: 'alicloud', alias: 'r' });
  });

  test('dynamic blocks, timeouts lifted out of the body', async () => {
    const { mod, summaries } = await load({
      'main.tf': `resource "alicloud_image" "i" {
  instance_id = "i-1"
  dynamic "disk_device_mapping" {
    for_each = [10, 20]
    iterator = d
    content {
      size = d.value
    }
  }
  timeouts {
    create = "20m"
  }
}
`,
    });
    expect(summaries).toEqual([]);
    const r = mod.managedResources.get('alicloud_image.i')!;
    expect(r.timeouts).toEqual({ create: '20m' });
    expect(r.config.blocks).toEqual([]);
    expect(r.config.dynamic).toHaveLength(1);
    expect(r.config.dynamic[0]).toMatchObject({ type: 'disk_device_mapping', iterator: 'd' });
    expect(Object.keys(r.config.dynamic[0]!.content.attributes)).toEqual(['size']);
  });

  test('"//" comment keys are ignored in bodies and label levels, kept in values', async () => {
    const { mod, summaries } = await load({
      'main.tf.json': JSON.stringify({ '//': 'top', resource: { '//': 'x', terraform_data: { '//': 'y', a: { '//': 'z', input: { '//': 'kept', k: 1 } } } } }),
    });
    expect(summaries).toEqual([]);
    expect(mod.managedResources.get('terraform_data.a')!.config.attributes.input!.constant).toEqual({ value: { '//': 'kept', k: 1 } });
  });
});

describe('modules', () => {
  test('local children load recursively with inputs, providers and outputs', async () => {
    const { mod, summaries } = await load({
      'main.tf': `provider "alicloud" {
  alias  = "hz"
  region = "cn-hangzhou"
}
module "net" {
  source    = "./modules/net"
  cidr      = "10.0.0.0/16"
  providers = { alicloud = alicloud.hz }
}
output "vpc" {
  value = module.net.vpc_id
}
`,
      'modules/net/main.tf': `variable "cidr" {}
module "inner" {
  source = "../inner"
}
resource "alicloud_vpc" "v" {
  cidr_block = var.cidr
}
output "vpc_id" {
  value = alicloud_vpc.v.id
}
`,
      'modules/inner/main.tf.yaml': 'output:\n  x:\n    value: 1\n',
    });
    expect(summaries).toEqual([]);
    const net = mod.moduleCalls.get('net')!;
    expect(net.source).toBe('./modules/net');
    expect(net.sourceDir).toBe('/cfg/modules/net');
    expect(Object.keys(net.inputs)).toEqual(['cidr']);
    expect(net.providers.alicloud).toMatchObject({ name: 'alicloud', alias: 'hz' });
    expect(net.module.files).toEqual(['main.tf']);
    expect([...net.module.managedResources.keys()]).toEqual(['alicloud_vpc.v']);
    expect(net.module.managedResources.get('alicloud_vpc.v')!.range.file).toBe('modules/net/main.tf');
    expect([...net.module.moduleCalls.get('inner')!.module.outputs.keys()]).toEqual(['x']);
  });

  test('a module that calls itself is a cycle, not a hang', async () => {
    const { summaries } = await load({ 'main.tf': 'module "me" {\n  source = "./"\n}\n' });
    expect(summaries).toEqual(['main.tf:2: Module source cycle']);
  });
});

describe('files', () => {
  test('only configuration files are read, in lexical order; dot and backup files are skipped', async () => {
    const { mod } = await load({ 'b.tf': 'locals {\n  b = 1\n}\n', 'a.tf.yml': 'locals:\n  a: 1\n', 'c.txt': 'x', '.hidden.tf': 'bad', 'd.tf~': 'bad' });
    expect(mod.files).toEqual(['a.tf.yml', 'b.tf']);
    expect([...mod.locals.keys()]).toEqual(['a', 'b']);
  });

  test('a missing directory is a diagnostic', async () => {
    const r = await loadConfig('/definitely/not/here');
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Unreadable module directory']);
    expect(r.value.incomplete).toBe(true);
  });

  test('one run reports problems from every file', async () => {
    const { summaries } = await load({
      'a.tf': 'resource "terraform_data" "a" {\n  input = \n}\n',
      'b.tf.json': '{"resource": {"terraform_data": {"b": {"input": 1,}}}}',
      'c.tf.yaml': 'resource:\n  terraform_data:\n    c:\n      bogus: 1\n',
    });
    expect(summaries).toEqual(['a.tf:2: Invalid expression', 'b.tf.json:1: Trailing comma in object', 'c.tf.yaml:4: Unsupported argument']);
  });
});
