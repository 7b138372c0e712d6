import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { emptyState, openBackend, StateIndex, type StateInstance } from '../../src/states/index.js';
import { tempDir } from './helpers/tmp.js';

const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const terraform = probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
if (!terraform) console.log('skipping the Terraform compatibility tests: no `terraform` binary on PATH');

const P = 'provider["terraform.io/builtin/terraform"]';
function obj(id: string, input: unknown, type: unknown = 'string', sensitive = false): StateInstance {
  return {
    schema_version: 0,
    attributes: { id, input: { value: input, type }, output: { value: input, type }, triggers_replace: null },
    sensitive_attributes: sensitive ? [[{ type: 'get_attr', value: 'input' }], [{ type: 'get_attr', value: 'output' }]] : [],
  };
}

/** A minitf-written state with count, for_each, a module, a tainted and a deposed object, sealed secrets. */
async function writeState(dir: string): Promise<{ path: string; addresses: string[] }> {
  const b = openBackend({ cwd: dir, env: {}, statePath: 'minitf.tfstate' }).value!;
  const s = { ...emptyState(), serial: 1 };
  const idx = new StateIndex(s);
  idx.setObject('terraform_data.a', P, obj('a1', 'hello'));
  idx.setObject('terraform_data.c[0]', P, { ...obj('c0', { n: 0 }, ['object', { n: 'number' }]), dependencies: ['terraform_data.a'] });
  idx.setObject('terraform_data.c[1]', P, { ...obj('c1', 1, 'number'), status: 'tainted' });
  idx.setObject('terraform_data.e["x"]', P, obj('old', 'x'));
  idx.depose('terraform_data.e["x"]', 'abcd1234');
  idx.setObject('terraform_data.e["x"]', P, { ...obj('new', 'x'), create_before_destroy: true });
  idx.setObject('terraform_data.s', P, obj('s1', 'hunter2', 'string', true));
  idx.setObject('module.m[2].terraform_data.z', P, obj('z', 'z'));
  s.outputs = { o: { value: 'hello', type: 'string' }, secret: { value: { k: 'hunter2' }, type: ['object', { k: 'string' }], sensitive: true } };
  await b.write(s);
  await b.close();
  return { path: join(dir, 'minitf.tfstate'), addresses: idx.addresses() };
}

function run(dir: string, args: string[]) {
  const rc = join(dir, 'empty.tfrc');
  writeFileSync(rc, '');
  return spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
}

describe.skipIf(!terraform)(`Terraform (${terraform ?? 'absent'}) reads minitf’s state files`, () => {
  test('terraform state list -state=FILE lists what minitf lists', async () => {
    const dir = tempDir();
    const { path, addresses } = await writeState(dir);
    expect(readFileSync(path, 'utf8')).not.toContain('hunter2');
    const r = run(dir, ['state', 'list', `-state=${path}`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(addresses.map((a) => a + '\n').join(''));
  });

  test('terraform show -json FILE decodes every resource, the deposed object and the sealed values', async () => {
    const dir = tempDir();
    const { path } = await writeState(dir);
    const r = run(dir, ['show', '-json', path]);
    expect(r.status).toBe(0);
    const shown = JSON.parse(r.stdout);
    expect(shown.format_version).toBe('1.0');
    const root = shown.values.root_module;
    expect(root.resources.map((x: { address: string }) => x.address)).toEqual(['terraform_data.a', 'terraform_data.c[0]', 'terraform_data.c[1]', 'terraform_data.e["x"]', 'terraform_data.e["x"]', 'terraform_data.s']);
    expect(root.resources.find((x: { deposed_key?: string }) => x.deposed_key)?.deposed_key).toBe('abcd1234');
    expect(root.resources.find((x: { address: string }) => x.address === 'terraform_data.c[1]').tainted).toBe(true);
    expect(root.resources.find((x: { address: string }) => x.address === 'terraform_data.s').sensitive_values).toEqual({ input: true, output: true });
    expect(root.child_modules[0].address).toBe('module.m[2]');
    expect(shown.values.outputs.secret.sensitive).toBe(true);
    expect(r.stdout).not.toContain('hunter2');
  });
});
