import OSS from 'ali-oss';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runMinitf, type ProcessResult } from '../helpers/process.js';
import { CONN_STR, testSchema } from '../states/pg/helpers/db.js';

// `data "terraform_remote_state"`: one stack reads another's outputs from the local, pg and oss
// backends, through the CLI as child processes.
const root = mkdtempSync(join(tmpdir(), 'minitf-remote-state-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function stack(files: Record<string, string>): string {
  const d = join(root, `s${n++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

function shown(r: ProcessResult): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/** The stack whose outputs are read: a resource id, a number, a nested object and a sensitive string. */
const PRODUCER = (backend = '') => `${backend}
resource "terraform_data" "net" {
  input = "\${terraform.workspace}-net"
}
output "net_id" {
  value = terraform_data.net.id
}
output "ws" {
  value = terraform_data.net.output
}
output "count" {
  value = 3
}
output "nested" {
  value = { zones = ["a", "b"] }
}
output "password" {
  value     = "p4ssw0rd-in-producer"
  sensitive = true
}
`;

/** A reading stack: `source` is the data block's body. */
const CONSUMER = (source: string) => `data "terraform_remote_state" "net" {
${source}
}
output "net_id" {
  value = data.terraform_remote_state.net.outputs.net_id
}
output "ws" {
  value = data.terraform_remote_state.net.outputs.ws
}
output "zone" {
  value = data.terraform_remote_state.net.outputs.nested.zones[1]
}
output "fallback" {
  value = data.terraform_remote_state.net.outputs.fallback
}
output "count" {
  value = data.terraform_remote_state.net.outputs.count
}
output "password" {
  value     = data.terraform_remote_state.net.outputs.password
  sensitive = true
}
`;

async function ok(args: string[], cwd: string, env: Record<string, string> = {}): Promise<ProcessResult> {
  const r = await runMinitf(args, { cwd, env });
  expect(r.code, shown(r)).toBe(0);
  return r;
}

async function outputs(cwd: string, env: Record<string, string> = {}): Promise<Record<string, { value: unknown; sensitive: boolean }>> {
  return JSON.parse((await ok(['output', '-json'], cwd, env)).stdout) as Record<string, { value: unknown; sensitive: boolean }>;
}

describe('data "terraform_remote_state" (local backend)', () => {
  let producer: string;
  let netId: string;
  beforeAll(async () => {
    producer = stack({ 'main.tf': PRODUCER() });
    await ok(['apply', '-auto-approve', '-no-color'], producer);
    await ok(['workspace', 'new', 'dev'], producer);
    await ok(['apply', '-auto-approve', '-no-color'], producer);
    netId = ((await outputs(producer)) as Record<string, { value: string }>).net_id!.value;
    await ok(['workspace', 'select', 'default'], producer);
  }, 60_000);

  test('reads the outputs of the default workspace, fills in defaults, keeps sensitive outputs sensitive and sealed', async () => {
    const cwd = stack({ 'main.tf': CONSUMER(`  backend = "local"\n  config = {\n    path = "../s0/state/terraform.tfstate"\n  }\n  defaults = {\n    fallback = "from-defaults"\n    count    = 99\n  }`) });
    const applied = await ok(['apply', '-auto-approve', '-no-color'], cwd);
    expect(applied.stdout).toContain('data.terraform_remote_state.net: Reading...');
    expect(applied.stdout).toContain('password = <sensitive>');
    const out = await outputs(cwd);
    expect(out.ws!.value).toBe('default-net');
    expect(out.zone!.value).toBe('b');
    expect(out.fallback!.value).toBe('from-defaults');
    expect(out.count!.value).toBe(3); // the state's value wins over the default
    expect(out.password).toMatchObject({ value: 'p4ssw0rd-in-producer', sensitive: true });
    expect(out.net_id!.value).not.toBe(netId); // the dev workspace's object is another one
    const state = readFileSync(join(cwd, 'state', 'terraform.tfstate'), 'utf8');
    expect(state).not.toContain('p4ssw0rd-in-producer');
    expect(state).toContain('"type": "terraform_remote_state"');
  });

  test('workspace = "dev" reads that workspace; a sensitive output used in a plain output is refused', async () => {
    const cwd = stack({ 'main.tf': CONSUMER(`  backend   = "local"\n  workspace = "dev"\n  config = {\n    path          = "../s0/state/terraform.tfstate"\n    workspace_dir = "../s0/state/terraform.tfstate.d"\n  }\n  defaults = {\n    fallback = "x"\n  }`) });
    await ok(['apply', '-auto-approve', '-no-color'], cwd);
    const out = await outputs(cwd);
    expect(out.ws!.value).toBe('dev-net');
    expect(out.net_id!.value).toBe(netId);
    writeFileSync(join(cwd, 'leak.tf'), 'output "leak" {\n  value = data.terraform_remote_state.net.outputs.password\n}\n');
    const leak = await runMinitf(['plan', '-no-color'], { cwd });
    expect(leak.code).toBe(1);
    expect(leak.stderr).toContain('Error: Output refers to sensitive values');
    expect(leak.stdout + leak.stderr).not.toContain('p4ssw0rd-in-producer');
  });

  test('no state at the path, a backend minitf lacks, an argument the backend does not take, an output the state lacks: errors', async () => {
    const missing = await runMinitf(['plan', '-no-color'], { cwd: stack({ 'main.tf': 'data "terraform_remote_state" "r" {\n  backend = "local"\n  config = { path = "nope.tfstate" }\n}\n' }) });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Error: Unable to find remote state');
    expect(missing.stderr).toContain('No stored state was found for the given workspace in the given backend.');
    expect(missing.stderr).toContain('on main.tf line 1, in data "terraform_remote_state" "r":\n   1: data "terraform_remote_state" "r" {');
    const nosuch = await runMinitf(['plan', '-no-color'], { cwd: stack({ 'main.tf': 'data "terraform_remote_state" "r" {\n  backend = "nosuch"\n}\n' }) });
    expect(nosuch.code).toBe(1);
    expect(nosuch.stderr).toContain('Error: Invalid backend configuration');
    expect(nosuch.stderr).toContain('There is no backend type named "nosuch".');
    const badArg = await runMinitf(['plan', '-no-color'], { cwd: stack({ 'main.tf': 'data "terraform_remote_state" "r" {\n  backend = "local"\n  config = { pat = "x" }\n}\n' }) });
    expect(badArg.code).toBe(1);
    expect(badArg.stderr).toContain('An argument named "pat" is not expected here.');
    const lacks = await runMinitf(['plan', '-no-color'], { cwd: stack({ 'main.tf': 'data "terraform_remote_state" "r" {\n  backend = "local"\n  config = { path = "../s0/state/terraform.tfstate" }\n}\noutput "o" {\n  value = data.terraform_remote_state.r.outputs.nope\n}\n' }) });
    expect(lacks.code).toBe(1);
    expect(lacks.stderr).toContain('Error: Unsupported attribute');
    expect(lacks.stderr).toContain('This object does not have an attribute named "nope".');
  });
});

describe('data "terraform_remote_state" (pg backend)', () => {
  test('reads the outputs another stack keeps in PostgreSQL (team passphrase)', async () => {
    const schema = testSchema('remote-state');
    const env = { PG_CONN_STR: CONN_STR, MINITF_STATE_KEY: 'team passphrase' };
    const producer = stack({ 'main.tf': PRODUCER(`terraform {\n  backend "pg" {\n    schema_name = "${schema}"\n  }\n}\n`) });
    await ok(['apply', '-auto-approve', '-no-color'], producer, env);
    const cwd = stack({ 'main.tf': CONSUMER(`  backend = "pg"\n  config = {\n    schema_name = "${schema}"\n  }\n  defaults = {\n    fallback = "pg-default"\n  }`) });
    await ok(['apply', '-auto-approve', '-no-color'], cwd, env);
    const out = await outputs(cwd, env);
    expect(out.ws!.value).toBe('default-net');
    expect(out.fallback!.value).toBe('pg-default');
    expect(out.password).toMatchObject({ value: 'p4ssw0rd-in-producer', sensitive: true });
    const missing = await runMinitf(['plan', '-no-color'], { cwd: stack({ 'main.tf': `data "terraform_remote_state" "r" {\n  backend   = "pg"\n  workspace = "nope"\n  config = { schema_name = "${schema}" }\n}\n` }), env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Error: Unable to find remote state');
  }, 60_000);
});

describe('data "terraform_remote_state" (oss backend, on the emulator)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 23 });
    await new OSS({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, endpoint: emu.url, region: 'oss-cn-hangzhou', bucket: 'team-state' }).putBucket('team-state');
  });
  afterAll(async () => emu.close());

  test('reads the outputs another stack keeps in an OSS bucket', async () => {
    const env = { ALICLOUD_ACCESS_KEY: emu.accessKeyId, ALICLOUD_SECRET_KEY: emu.accessKeySecret, MINITF_STATE_KEY: 'team passphrase' };
    const where = `bucket = "team-state"\n    prefix = "network"\n    region = "cn-hangzhou"\n    endpoint = "${emu.url}"`;
    const producer = stack({ 'main.tf': PRODUCER(`terraform {\n  backend "oss" {\n    ${where}\n  }\n}\n`) });
    await ok(['apply', '-auto-approve', '-no-color'], producer, env);
    const cwd = stack({ 'main.tf': CONSUMER(`  backend = "oss"\n  config = {\n    ${where}\n  }\n  defaults = {\n    fallback = "oss-default"\n  }`) });
    await ok(['apply', '-auto-approve', '-no-color'], cwd, env);
    const out = await outputs(cwd, env);
    expect(out.ws!.value).toBe('default-net');
    expect(out.zone!.value).toBe('b');
    expect(out.fallback!.value).toBe('oss-default');
    expect(out.password).toMatchObject({ value: 'p4ssw0rd-in-producer', sensitive: true });
  }, 60_000);
});
