import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dumpCloud, minitf, shown, type Run } from './helpers.js';

/**
 * The built-in `random` provider through the `minitf` binary as a child process: a configuration
 * with all seven types (hashicorp/random's source in required_providers), validate, apply, a clean
 * plan, a keeper change planned and applied as a replacement, import, destroy — and the password
 * never in the output or in clear in the state.
 */
const MAIN = `terraform {
  required_providers {
    random = {
      source = "hashicorp/random"
    }
  }
}

variable "generation" {
  default = "1"
}

resource "random_integer" "port" {
  min  = 8000
  max  = 8999
  seed = "web"
  keepers = {
    generation = var.generation
  }
}

resource "random_integer" "port_again" {
  min  = 8000
  max  = 8999
  seed = "web"
}

resource "random_string" "suffix" {
  length           = 10
  special          = true
  override_special = "_"
  min_upper        = 2
  min_numeric      = 2
}

resource "random_password" "db" {
  length      = 24
  min_special = 3
  keepers = {
    generation = var.generation
  }
}

resource "random_id" "bucket" {
  byte_length = 6
  prefix      = "bkt-"
}

resource "random_uuid" "run" {}

resource "random_shuffle" "zones" {
  input        = ["a", "b", "c"]
  result_count = 5
}

resource "random_pet" "name" {
  length    = 3
  separator = "_"
}

output "db_password" {
  value     = random_password.db.result
  sensitive = true
}

output "values" {
  value = {
    port       = random_integer.port.result
    port_again = random_integer.port_again.result
    suffix     = random_string.suffix.result
    bucket     = random_id.bucket.hex
    uuid       = random_uuid.run.result
    zones      = random_shuffle.zones.result
    pet        = random_pet.name.id
  }
}
`;

interface Values {
  port: number;
  port_again: number;
  suffix: string;
  bucket: string;
  uuid: string;
  zones: string[];
  pet: string;
}

let dir: string;
const outputs = async (): Promise<{ password: string; values: Values }> => {
  const r = await minitf(dir, ['output', '-json']);
  expect(r.code, shown(r)).toBe(0);
  const o = JSON.parse(r.stdout) as { db_password: { value: string; sensitive: boolean }; values: { value: Values } };
  expect(o.db_password.sensitive).toBe(true);
  return { password: o.db_password.value, values: o.values.value };
};
const state = () => readFileSync(join(dir, 'state', 'terraform.tfstate'), 'utf8');
const noPassword = (r: Run, password: string) => {
  expect(r.stdout).not.toContain(password);
  expect(r.stderr).not.toContain(password);
};
/** JSON lines escape `<`, `>` and `&` (as Terraform's do): look for the password in the decoded values too. */
const noPasswordInJSONLines = (r: Run, password: string) => {
  noPassword(r, password);
  const lines = r.stdout.trim().split('\n');
  expect(lines.length).toBeGreaterThan(2);
  // Parsed and written again by JavaScript, which escapes none of the password's characters.
  for (const l of lines) expect(JSON.stringify(JSON.parse(l))).not.toContain(password);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minitf-e2e-random-'));
  writeFileSync(join(dir, 'main.tf'), MAIN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the random provider, end to end', () => {
  let first: { password: string; values: Values };

  test('init resolves hashicorp/random to the built-in provider, and validate passes', async () => {
    const i = await minitf(dir, ['init', '-no-color']);
    expect(i.code, shown(i)).toBe(0);
    expect(i.stdout).toContain('- hashicorp/random is built in to minitf');
    const v = await minitf(dir, ['validate', '-no-color']);
    expect(v.code, shown(v)).toBe(0);
    expect(v.stdout).toContain('Success! The configuration is valid.');
  });

  test('apply creates all eight; the values follow the arguments; the password is sealed', async () => {
    const r = await minitf(dir, ['apply', '-auto-approve', '-no-color']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 8 added, 0 changed, 0 destroyed.');
    expect(r.stdout).toMatch(/random_password\.db: Creation complete after \d+s \[id=none\]/);
    expect(r.stdout).toContain('db_password = <sensitive>');
    first = await outputs();
    const { password, values } = first;
    noPassword(r, password);
    expect(password).toHaveLength(24);
    expect([...password].filter((c) => '!@#$%&*()-_=+[]{}<>:?'.includes(c)).length).toBeGreaterThanOrEqual(3);
    expect(values.port).toBeGreaterThanOrEqual(8000);
    expect(values.port).toBeLessThanOrEqual(8999);
    expect(values.port_again, 'the same seed and range give the same integer').toBe(values.port);
    expect(values.suffix).toMatch(/^[A-Za-z0-9_]{10}$/);
    expect(values.suffix.replace(/[^A-Z]/g, '').length).toBeGreaterThanOrEqual(2);
    expect(values.suffix.replace(/[^0-9]/g, '').length).toBeGreaterThanOrEqual(2);
    expect(values.bucket).toMatch(/^bkt-[0-9a-f]{12}$/);
    expect(values.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(values.zones).toHaveLength(5);
    expect([...values.zones.slice(0, 3)].sort()).toEqual(['a', 'b', 'c']);
    expect(values.pet).toMatch(/^[a-z]+_[a-z]+_[a-z]+$/);
    const s = state();
    expect(s).not.toContain(password);
    const pw = (JSON.parse(s) as { resources: { type: string; provider: string; instances: { attributes: Record<string, unknown> }[] }[] }).resources.find((x) => x.type === 'random_password')!;
    expect(pw.provider).toBe('provider["registry.terraform.io/hashicorp/random"]');
    expect(pw.instances[0]!.attributes.result).toMatch(/^minitf-sealed:v1:/);
    expect(pw.instances[0]!.attributes.bcrypt_hash).toMatch(/^minitf-sealed:v1:/);
    // hashicorp/random's schema versions, so Terraform reading this state does not upgrade it wrongly.
    const versions = Object.fromEntries((JSON.parse(s) as { resources: { type: string; instances: { schema_version: number }[] }[] }).resources.map((x) => [x.type, x.instances[0]!.schema_version]));
    expect(versions).toEqual({ random_id: 0, random_integer: 0, random_password: 3, random_pet: 0, random_shuffle: 0, random_string: 2, random_uuid: 0 });
  });

  test('a second plan finds no changes (-detailed-exitcode 0)', async () => {
    const r = await minitf(dir, ['plan', '-detailed-exitcode', '-no-color']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('No changes.');
    noPassword(r, first.password);
  });

  test('a keeper change plans replacement of what it keeps, and the password stays hidden', async () => {
    const r = await minitf(dir, ['plan', '-detailed-exitcode', '-no-color', '-var', 'generation=2']);
    expect(r.code, shown(r)).toBe(2);
    expect(r.stdout).toContain('# random_integer.port must be replaced');
    expect(r.stdout).toContain('# random_password.db must be replaced');
    expect(r.stdout).toMatch(/~ keepers += \{ # forces replacement\n\s+~ "generation" = "1" -> "2"/);
    expect(r.stdout).toContain('~ result      = (sensitive value)');
    expect(r.stdout).toContain('Plan: 2 to add, 0 to change, 2 to destroy.');
    noPassword(r, first.password);
    const j = await minitf(dir, ['plan', '-json', '-var', 'generation=2']);
    noPasswordInJSONLines(j, first.password);
  });

  test('applying the keeper change replaces only those two; a seeded integer keeps its value', async () => {
    const r = await minitf(dir, ['apply', '-auto-approve', '-no-color', '-var', 'generation=2']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 2 destroyed.');
    const now = await outputs();
    noPassword(r, first.password);
    noPassword(r, now.password);
    expect(now.password).not.toBe(first.password);
    expect(now.values.port, 'same seed, same range: the replacement draws the same integer').toBe(first.values.port);
    expect({ ...now.values, port: 0 }).toEqual({ ...first.values, port: 0 });
  });

  test('import: random_string by its value, random_integer by result,min,max; random_shuffle refuses', async () => {
    writeFileSync(
      join(dir, 'imported.tf'),
      'resource "random_string" "legacy" {\n  length = 6\n}\nresource "random_integer" "legacy" {\n  min = 1\n  max = 50000\n}\nresource "random_shuffle" "legacy" {\n  input = ["x"]\n}\n',
    );
    const s = await minitf(dir, ['import', '-no-color', '-var', 'generation=2', 'random_string.legacy', 'abc123']);
    expect(s.code, shown(s)).toBe(0);
    expect(s.stdout).toContain('random_string.legacy: Importing from ID "abc123"...');
    expect(s.stdout).toContain('random_string.legacy: Refreshing state... [id=abc123]');
    const i = await minitf(dir, ['import', '-no-color', '-var', 'generation=2', 'random_integer.legacy', '15390,1,50000']);
    expect(i.code, shown(i)).toBe(0);
    expect(i.stdout).toContain('random_integer.legacy: Refreshing state... [id=15390]');
    const sh = await minitf(dir, ['import', '-no-color', '-var', 'generation=2', 'random_shuffle.legacy', 'x']);
    expect(sh.code, shown(sh)).toBe(1);
    expect(sh.stderr).toContain('Error: Resource Import Not Implemented');
    // Imported with the defaults and a matching length: the next plan keeps both and creates the shuffle.
    const p = await minitf(dir, ['plan', '-no-color', '-var', 'generation=2']);
    expect(p.code, shown(p)).toBe(0);
    expect(p.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(p.stdout).toContain('# random_shuffle.legacy will be created');
    const show = await minitf(dir, ['state', 'show', 'random_string.legacy']);
    expect(show.stdout).toMatch(/result +"?= "abc123"/);
  });

  test('import of a password: "Refreshing state... [id=none]" and sealed in state', async () => {
    writeFileSync(join(dir, 'imported-pw.tf'), 'resource "random_password" "legacy" {\n  length = 16\n}\n');
    const r = await minitf(dir, ['import', '-no-color', '-var', 'generation=2', 'random_password.legacy', 'Legacy-Secret-99']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('random_password.legacy: Refreshing state... [id=none]');
    expect(state()).not.toContain('Legacy-Secret-99');
    const p = await minitf(dir, ['plan', '-no-color', '-var', 'generation=2']);
    noPassword(p, 'Legacy-Secret-99');
    expect(p.code, shown(p)).toBe(0);
    expect(p.stdout).not.toMatch(/# random_password\.legacy (will|must)/);
  });

  test('destroy removes everything', async () => {
    const r = await minitf(dir, ['destroy', '-auto-approve', '-no-color', '-var', 'generation=2']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Destroy complete! Resources: 11 destroyed.');
    expect((JSON.parse(state()) as { resources: unknown[] }).resources).toEqual([]);
  });
});

describe('the random provider without required_providers', () => {
  let bare: string;
  beforeAll(() => {
    bare = mkdtempSync(join(tmpdir(), 'minitf-e2e-random-implicit-'));
  });
  afterAll(() => rmSync(bare, { recursive: true, force: true }));

  test('an implicit random provider is built in too: init, apply', async () => {
    writeFileSync(join(bare, 'main.tf'), 'resource "random_pet" "p" {}\n');
    const i = await minitf(bare, ['init', '-no-color']);
    expect(i.code, shown(i)).toBe(0);
    expect(i.stdout).toContain('- hashicorp/random is built in to minitf');
    const a = await minitf(bare, ['apply', '-auto-approve', '-no-color']);
    expect(a.code, shown(a)).toBe(0);
    expect(a.stdout).toMatch(/random_pet\.p: Creation complete after \d+s \[id=[a-z]+-[a-z]+\]/);
  });

  test('another provider under the local name "random" is refused, not taken for the built-in one', async () => {
    writeFileSync(join(bare, 'main.tf'), 'terraform {\n  required_providers {\n    random = { source = "acme/random" }\n  }\n}\nresource "random_pet" "p" {}\n');
    for (const cmd of ['init', 'validate', 'plan']) {
      const r = await minitf(bare, [cmd, '-no-color']);
      expect(r.code, shown(r)).toBe(1);
      expect(r.stderr).toContain('Error: Missing required provider');
      expect(r.stderr.replace(/\s+/g, ' ')).toContain('requires provider registry.terraform.io/acme/random under the local name "random"');
      expect(r.stdout).not.toContain('hashicorp/random is built in');
    }
  });

  test("hashicorp/random's validation is a plan error with its words", async () => {
    writeFileSync(join(bare, 'main.tf'), 'resource "random_string" "s" {\n  length    = 2\n  min_lower = 3\n}\n');
    const r = await minitf(bare, ['plan', '-no-color']);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain('Error: Invalid Attribute Value');
    expect(r.stderr).toContain('on main.tf line 2, in resource "random_string" "s":');
    expect(r.stderr.replace(/\s+/g, ' ')).toContain('Attribute length value must be at least sum of min_upper + min_lower + min_numeric + min_special, got: 2');
  });
});

describe('random names on cloud objects (embedded emulator)', () => {
  let cloud: string;
  beforeAll(() => {
    cloud = mkdtempSync(join(tmpdir(), 'minitf-e2e-random-cloud-'));
    writeFileSync(
      join(cloud, 'main.tf'),
      [
        'provider "alicloud" {\n  region = "cn-hangzhou"\n}',
        'resource "random_pet" "vpc" {\n  prefix = "tf"\n}',
        'resource "random_string" "sg" {\n  length  = 6\n  special = false\n  upper   = false\n}',
        'resource "alicloud_vpc" "main" {\n  vpc_name   = random_pet.vpc.id\n  cidr_block = "172.16.0.0/16"\n}',
        'resource "alicloud_security_group" "main" {\n  security_group_name = "sg-${random_string.sg.result}"\n  vpc_id              = alicloud_vpc.main.id\n}',
        'output "names" {\n  value = [random_pet.vpc.id, random_string.sg.result]\n}',
      ].join('\n\n') + '\n',
    );
  });
  afterAll(() => rmSync(cloud, { recursive: true, force: true }));

  test('a VPC and a security group named from random values, converged, then destroyed', async () => {
    const a = await minitf(cloud, ['-emulator', 'apply', '-auto-approve', '-no-color']);
    expect(a.code, shown(a)).toBe(0);
    expect(a.stdout).toContain('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');
    const o = await minitf(cloud, ['-emulator', 'output', '-json', 'names']);
    const [pet, suffix] = JSON.parse(o.stdout) as [string, string];
    expect(pet).toMatch(/^tf-[a-z]+-[a-z]+$/);
    expect(suffix).toMatch(/^[a-z0-9]{6}$/);
    const dump = (await dumpCloud(cloud)).regions['cn-hangzhou'] as unknown as { vpcs: { name: string }[]; securityGroups: { name: string }[] };
    expect(dump.vpcs.map((v) => v.name)).toEqual([pet]);
    expect(dump.securityGroups.map((g) => g.name)).toEqual([`sg-${suffix}`]);
    const p = await minitf(cloud, ['-emulator', 'plan', '-detailed-exitcode', '-no-color']);
    expect(p.code, shown(p)).toBe(0);
    const d = await minitf(cloud, ['-emulator', 'destroy', '-auto-approve', '-no-color']);
    expect(d.code, shown(d)).toBe(0);
    expect(d.stdout).toContain('Destroy complete! Resources: 4 destroyed.');
  });
});
