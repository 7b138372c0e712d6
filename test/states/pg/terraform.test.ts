import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { emptyState, StateIndex, StateLockedError } from '../../../src/states/index.js';
import { TD, tdObject, tempDir } from '../helpers/tmp.js';
import { CONN_STR, pgBackend, testSchema } from './helpers/db.js';

const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const terraform = probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
if (!terraform) console.log('skipping the Terraform pg backend compatibility tests: no `terraform` binary on PATH');

const schema = testSchema('terraform');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** A Terraform working directory whose pg backend points at this file's schema, initialised. */
function tfDir(resources = ''): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir();
  const rc = join(dir, 'terraformrc');
  writeFileSync(rc, '');
  const conn = `${CONN_STR}${CONN_STR.includes('?') ? '&' : '?'}sslmode=disable`;
  writeFileSync(join(dir, 'main.tf'), `terraform {\n  backend "pg" {\n    conn_str = "${conn}"\n    schema_name = "${schema}"\n  }\n}\n${resources}`);
  const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  const init = spawnSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
  expect(init.status, init.stderr).toBe(0);
  return { dir, env };
}

function tf(d: { dir: string; env: NodeJS.ProcessEnv }, args: string[]) {
  return spawnSync('terraform', [...args, '-no-color'], { cwd: d.dir, env: d.env, encoding: 'utf8' });
}

describe.skipIf(!terraform)(`the pg backend next to ${terraform ?? 'Terraform'}`, () => {
  test('Terraform reads a state minitf wrote; minitf reads a state Terraform wrote', async () => {
    const b = pgBackend(schema, { workspace: 'default' });
    const s = { ...emptyState(), serial: 3 };
    new StateIndex(s).setObject('terraform_data.from_minitf', TD.provider, tdObject('m1', 'hello'));
    await b.write(s);
    const d = tfDir();
    const pulled = tf(d, ['state', 'pull']);
    expect(pulled.status, pulled.stderr).toBe(0);
    expect(JSON.parse(pulled.stdout)).toMatchObject({ serial: 3, lineage: s.lineage, resources: [{ type: 'terraform_data', name: 'from_minitf' }] });

    const d2 = tfDir('resource "terraform_data" "from_terraform" {\n  input = "x"\n}\n');
    expect(tf(d2, ['workspace', 'new', 'tfws']).status).toBe(0);
    const applied = tf(d2, ['apply', '-auto-approve', '-input=false']);
    expect(applied.status, applied.stderr).toBe(0);
    const read = (await pgBackend(schema, { workspace: 'tfws' }).read()).state!;
    expect(new StateIndex(read).addresses()).toEqual(['terraform_data.from_terraform']);
  });

  test('their locks exclude each other', async () => {
    const d = tfDir('resource "terraform_data" "x" {\n  input = "x"\n}\n');
    const b = pgBackend(schema, { workspace: 'default' });
    const lock = await b.lock('OperationTypeApply', { timeoutMs: 0 });
    const blocked = tf(d, ['plan', '-input=false', '-lock-timeout=0s']);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('Error acquiring the state lock');
    await lock.release();

    // Terraform waits at the approval prompt holding its lock.
    const child = spawn('terraform', ['apply', '-input=true', '-no-color'], { cwd: d.dir, env: d.env, stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Enter a value:')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`terraform exited with ${code}: ${out}`)));
    });
    const err = await b.lock('OperationTypeApply', { timeoutMs: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateLockedError);
    expect((err as Error).message).toContain('stored no lock info');
    child.stdin!.end('no\n');
    await new Promise((r) => child.once('exit', r));
    await (await b.lock('OperationTypeApply', { timeoutMs: 5_000 })).release();
  });
});
