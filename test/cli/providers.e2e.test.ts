import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';
import { formatConstraints } from '../../src/cli/commands/provider-requirements.js';

// `minitf providers` and `minitf providers schema -json`, in Terraform 1.11's formats.
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function stack(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'minitf-providers-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

const TREE = {
  'main.tf': `terraform {
  required_providers {
    alicloud = { source = "aliyun/alicloud", version = "~> 1.2, != 1.3.1" }
  }
}
provider "alicloud" {
  region = "cn-hangzhou"
}
resource "terraform_data" "a" {
  input = "x"
}
module "zz" {
  source = "./mod"
}
module "b" {
  source = "./mod/sub"
}
`,
  'mod/main.tf': `terraform {
  required_providers {
    alicloud = { source = "aliyun/alicloud", version = ">= 1.0" }
  }
}
module "inner" {
  source = "./sub"
}
data "alicloud_zones" "z" {}
`,
  'mod/sub/main.tf': 'resource "terraform_data" "b" {}\n',
};

describe('minitf providers', () => {
  test('prints the requirement tree of the configuration: providers by source, then child modules by name', async () => {
    const r = await runMinitf(['providers'], { cwd: stack(TREE) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`
Providers required by configuration:
.
├── provider[registry.terraform.io/aliyun/alicloud] ~> 1.2, != 1.3.1
├── provider[terraform.io/builtin/terraform]
├── module.b
│   └── provider[terraform.io/builtin/terraform]
└── module.zz
    ├── provider[registry.terraform.io/aliyun/alicloud] >= 1.0.0
    └── module.inner
        └── provider[terraform.io/builtin/terraform]

`);
  });

  test('after an apply it lists the providers the state names too', async () => {
    const cwd = stack({ 'main.tf': 'resource "terraform_data" "a" {\n  input = "x"\n}\n' });
    const applied = await runMinitf(['apply', '-auto-approve', '-no-color'], { cwd });
    expect(applied.code, applied.stderr).toBe(0);
    const r = await runMinitf(['providers', '-no-color'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('\nProviders required by configuration:\n.\n└── provider[terraform.io/builtin/terraform]\n\nProviders required by state:\n\n    provider[terraform.io/builtin/terraform]\n\n');
  });

  test('a directory without configuration files is Terraform\'s "No configuration files" error', async () => {
    const r = await runMinitf(['providers', '-no-color'], { cwd: stack({}) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: No configuration files');
    expect(r.stdout).toBe('');
  });

  test.each([[['lock', '-platform=linux_amd64']], [['mirror', '/tmp/mirror']]])('providers %j is refused: the providers are built in', async (args) => {
    const r = await runMinitf(['providers', ...args, '-no-color'], { cwd: stack(TREE) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Providers are built in');
    expect(r.stderr.replace(/\s+/g, ' ')).toContain('reads and writes no .terraform.lock.hcl');
  });

  test('an invalid configuration prints its diagnostics and exits 1', async () => {
    const r = await runMinitf(['providers', '-no-color'], { cwd: stack({ 'main.tf': 'resource "terraform_data" {\n' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: ');
    expect(r.stdout).toBe('');
  });

  test.each([
    ['1.2', '1.2.0'],
    ['= 1.2', '1.2.0'],
    ['~> 1', '~> 1.0'],
    ['~>1.2', '~> 1.2'],
    ['~> 1.2.3', '~> 1.2.3'],
    ['>1.0,<2', '> 1.0.0, < 2.0.0'],
    ['!= 1.0.0-beta', '!= 1.0.0-beta'],
    ['>= 1.0.0, >= 1.0', '>= 1.0.0'],
  ])('version constraint %s is printed as Terraform prints it: %s', (written, printed) => {
    expect(formatConstraints(written)).toBe(printed);
  });
});

interface SchemaDoc {
  format_version: string;
  provider_schemas: Record<string, { provider: { version: number; block?: { attributes: Record<string, Record<string, unknown>> } }; resource_schemas?: Record<string, { version: number; block: { attributes: Record<string, Record<string, unknown>>; block_types?: Record<string, { nesting_mode: string }> } }>; data_source_schemas?: Record<string, unknown> }>;
}

describe('minitf providers schema -json', () => {
  test('prints Terraform\'s document for the providers in use, built from minitf\'s schemas', async () => {
    const r = await runMinitf(['providers', 'schema', '-json'], { cwd: stack(TREE) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const doc = JSON.parse(r.stdout) as SchemaDoc;
    expect(doc.format_version).toBe('1.0');
    expect(Object.keys(doc.provider_schemas)).toEqual(['registry.terraform.io/aliyun/alicloud', 'terraform.io/builtin/terraform']);
    const builtin = doc.provider_schemas['terraform.io/builtin/terraform']!;
    // The built-in provider takes no arguments: Terraform prints its schema without a block.
    expect(builtin.provider).toEqual({ version: 0 });
    const data = builtin.resource_schemas!.terraform_data!;
    expect(data.version).toBe(0);
    expect(Object.keys(data.block.attributes)).toEqual(['id', 'input', 'output', 'triggers_replace']);
    expect(data.block.attributes.id).toMatchObject({ type: 'string', description_kind: 'plain', computed: true });
    expect(data.block.attributes.input).toMatchObject({ type: 'dynamic', optional: true });
    expect(data.block.attributes.input).not.toHaveProperty('computed');
    // Keys in Go's field order: type, description, description_kind, then the flags.
    expect(Object.keys(data.block.attributes.input!)).toEqual(['type', 'description', 'description_kind', 'optional']);
    const ali = doc.provider_schemas['registry.terraform.io/aliyun/alicloud']!;
    expect(ali.provider.block!.attributes.access_key).toMatchObject({ type: 'string', optional: true, sensitive: true });
    const vpc = ali.resource_schemas!.alicloud_vpc!;
    expect(vpc.block.attributes.cidr_block).toMatchObject({ type: 'string' });
    expect(vpc.block.attributes.id).toMatchObject({ computed: true });
    expect(vpc.block.block_types!.timeouts).toMatchObject({ nesting_mode: 'single' });
    expect(Object.keys(ali.data_source_schemas!)).toContain('alicloud_zones');
  });

  test('with no providers in use, provider_schemas is left out, as Go\'s omitempty does', async () => {
    const r = await runMinitf(['providers', 'schema', '-json'], { cwd: stack({}) });
    expect(r).toMatchObject({ code: 0, stdout: '{"format_version":"1.0"}\n' });
  });

  test('without -json it says the flag is required and exits 1', async () => {
    const r = await runMinitf(['providers', 'schema'], { cwd: stack(TREE) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The `minitf providers schema` command requires the `-json` flag.');
    expect(r.stdout).toBe('');
  });
});
