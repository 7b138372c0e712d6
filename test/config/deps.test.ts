import { describe, expect, test } from 'vitest';
import { configGraph, loadConfig, memorySource, moduleGraph, referenceTarget } from '../../src/config/index.js';

const ROOT = '/deps';
async function root(files: Record<string, string>) {
  const r = await loadConfig(ROOT, memorySource(ROOT, files));
  expect(r.diagnostics).toEqual([]);
  return r.value;
}
const edgeList = (edges: readonly { from: string; to: string }[]): string[] => edges.map((e) => `${e.from} -> ${e.to}`);

describe('referenceTarget', () => {
  test.each([
    [['var', 'x'], 'var.x'],
    [['local', 'y', 0], 'local.y'],
    [['module', 'm', 'out'], 'module.m'],
    [['data', 't', 'n', 'ids', 0], 'data.t.n'],
    [['alicloud_vpc', 'default', 'id'], 'alicloud_vpc.default'],
    [['count', 'index'], undefined],
    [['each', 'key'], undefined],
    [['self', 'id'], undefined],
    [['path', 'module'], undefined],
    [['terraform', 'workspace'], undefined],
    [['data', 't'], undefined],
  ] as const)('%j → %s', (parts, want) => {
    expect(referenceTarget(parts)).toBe(want);
  });
});

describe('moduleGraph', () => {
  test('nodes and edges of every kind, with why each edge exists', async () => {
    const cfg = await root({
      'main.tf': `provider "alicloud" {
  alias  = "hz"
  region = var.region
}
variable "region" {
  default = "cn-hangzhou"
}
locals {
  name = "x-\${var.region}"
}
data "alicloud_zones" "z" {
  provider = alicloud.hz
}
resource "alicloud_vpc" "v" {
  vpc_name = local.name
}
resource "alicloud_vswitch" "s" {
  provider   = alicloud.hz
  vpc_id     = alicloud_vpc.v.id
  cidr_block = "10.0.0.0/24"
  zone_id    = data.alicloud_zones.z.ids[0]
  depends_on = [terraform_data.t]
}
resource "terraform_data" "t" {}
output "vsw" {
  value = alicloud_vswitch.s.id
}
`,
    });
    const g = moduleGraph(cfg.root);
    expect(g.diagnostics).toEqual([]);
    expect([...g.value.nodes.keys()].sort()).toEqual([
      'alicloud_vpc.v',
      'alicloud_vswitch.s',
      'data.alicloud_zones.z',
      'local.name',
      'output.vsw',
      'provider.alicloud',
      'provider.alicloud.hz',
      'provider.terraform',
      'terraform_data.t',
      'var.region',
    ]);
    expect(edgeList(g.value.graph.edges())).toEqual([
      'alicloud_vpc.v -> local.name',
      'alicloud_vpc.v -> provider.alicloud',
      'alicloud_vswitch.s -> alicloud_vpc.v',
      'alicloud_vswitch.s -> data.alicloud_zones.z',
      'alicloud_vswitch.s -> provider.alicloud.hz',
      'alicloud_vswitch.s -> terraform_data.t',
      'data.alicloud_zones.z -> provider.alicloud.hz',
      'local.name -> var.region',
      'output.vsw -> alicloud_vswitch.s',
      'provider.alicloud.hz -> var.region',
      'terraform_data.t -> provider.terraform',
    ]);
    expect(g.value.nodes.get('provider.alicloud')!.provider).toEqual({ name: 'alicloud', implied: true });
    expect(g.value.nodes.get('provider.alicloud.hz')!.provider).toEqual({ name: 'alicloud', alias: 'hz', implied: false });
    expect([...g.value.edgeKinds.get('alicloud_vswitch.s\0terraform_data.t')!]).toEqual(['depends_on']);
    expect([...g.value.edgeKinds.get('alicloud_vswitch.s\0provider.alicloud.hz')!]).toEqual(['provider']);
    expect(g.value.graph.cycles()).toEqual([]);
    expect(g.value.graph.topologicalOrder().indexOf('alicloud_vpc.v')).toBeLessThan(g.value.graph.topologicalOrder().indexOf('alicloud_vswitch.s'));
  });

  test('undeclared objects are reported with their position and left out of the graph', async () => {
    const cfg = await root({ 'main.tf': 'resource "terraform_data" "a" {\n  input = [var.x, local.y, module.m, data.t.n, terraform_data.b]\n}\n' });
    const g = moduleGraph(cfg.root);
    expect(g.diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Reference to undeclared input variable', 2],
      ['Reference to undeclared local value', 2],
      ['Reference to undeclared module', 2],
      ['Reference to undeclared resource', 2],
      ['Reference to undeclared resource', 2],
    ]);
    expect(moduleGraph(cfg.root, { reportUndeclared: false }).diagnostics).toEqual([]);
    expect(edgeList(g.value.graph.edges())).toEqual(['terraform_data.a -> provider.terraform']);
  });
});

describe('configGraph', () => {
  test('child modules: prefixed ids, edges through inputs and outputs, passed providers', async () => {
    const cfg = await root({
      'main.tf': `provider "alicloud" {
  alias  = "hz"
  region = "cn-hangzhou"
}
resource "alicloud_vpc" "v" {
  provider = alicloud.hz
}
module "net" {
  source    = "./net"
  vpc_id    = alicloud_vpc.v.id
  providers = { alicloud = alicloud.hz }
}
resource "terraform_data" "after" {
  input = module.net.vsw
}
`,
      'net/main.tf': `variable "vpc_id" {}
resource "alicloud_vswitch" "s" {
  vpc_id     = var.vpc_id
  cidr_block = "10.0.0.0/24"
}
output "vsw" {
  value = alicloud_vswitch.s.id
}
`,
    });
    const { graph } = configGraph(cfg);
    expect(graph.nodes().sort()).toEqual(['alicloud_vpc.v', 'module.net.alicloud_vswitch.s', 'provider.alicloud.hz', 'provider.terraform', 'terraform_data.after']);
    expect(edgeList(graph.edges())).toEqual([
      'alicloud_vpc.v -> provider.alicloud.hz',
      'module.net.alicloud_vswitch.s -> alicloud_vpc.v',
      'module.net.alicloud_vswitch.s -> provider.alicloud.hz',
      'terraform_data.after -> module.net.alicloud_vswitch.s',
      'terraform_data.after -> provider.terraform',
    ]);
    expect(graph.get('provider.alicloud.hz')!.label).toBe('provider["registry.terraform.io/aliyun/alicloud"].hz');
  });

  test('a child without passed providers uses the caller\'s default configuration', async () => {
    const cfg = await root({
      'main.tf': 'module "m" {\n  source = "./m"\n}\n',
      'm/main.tf': 'resource "alicloud_vpc" "v" {}\n',
    });
    expect(edgeList(configGraph(cfg).graph.edges())).toEqual(['module.m.alicloud_vpc.v -> provider.alicloud']);
  });
});

describe('configGraph depends_on a module', () => {
  test('depends on every resource of the module', async () => {
    const cfg = await root({
      'main.tf': 'module "m" {\n  source = "./m"\n}\nresource "terraform_data" "z" {\n  depends_on = [module.m]\n}\n',
      'm/main.tf': 'resource "terraform_data" "a" {}\nresource "terraform_data" "b" {}\n',
    });
    expect(edgeList(configGraph(cfg).graph.edges()).filter((e) => e.startsWith('terraform_data.z'))).toEqual([
      'terraform_data.z -> module.m.terraform_data.a',
      'terraform_data.z -> module.m.terraform_data.b',
      'terraform_data.z -> provider.terraform',
    ]);
  });
});
