import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { StateIndex } from '../../../src/states/index.js';
import { tempDir } from '../helpers/tmp.js';
import { CONN_STR, pgBackend, testSchema } from './helpers/db.js';

const BIN = fileURLToPath(new URL('../../../bin/minitf.js', import.meta.url));

/** The environment of a team member or CI job: connection string and team key; no workspace override. */
function teamEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MINITF_FROM_SOURCE: '1', PG_CONN_STR: CONN_STR, MINITF_STATE_KEY: 'team passphrase', ...extra };
  for (const k of ['TF_WORKSPACE', 'PG_SCHEMA_NAME', 'MINITF_EMULATOR']) if (!(k in extra)) delete env[k];
  return env;
}

/** A working directory with the terraform_data configuration, its state in `schema`. */
function project(schema: string): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'main.tf'),
    `terraform {
  backend "pg" {
    schema_name = "${schema}"
  }
}

resource "terraform_data" "a" {
  count = 2
  input = "\${terraform.workspace}-\${count.index}"
}

output "names" {
  value = terraform_data.a[*].output
}
`,
  );
  return dir;
}

function minitf(dir: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, `-chdir=${dir}`, ...args], { env: teamEnv(extra), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts `minitf ARGS` in the background, collecting its output. */
function start(dir: string, args: string[]) {
  const child = spawn(process.execPath, [BIN, `-chdir=${dir}`, ...args], { env: teamEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (c: Buffer) => (out.stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out.stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  /** Resolves once stdout or stderr matches `re` (rejects if the process exits first). */
  const waitFor = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (re.test(out.stdout) || re.test(out.stderr)) resolve();
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      void exit.then((code) => reject(new Error(`minitf exited (${code}) before ${re}: ${out.stdout}${out.stderr}`)));
      check();
    });
  return { child, out, exit, waitFor };
}

/** `apply` waiting at its approval prompt, holding the state lock. */
async function applyAtPrompt(dir: string) {
  const run = start(dir, ['apply']);
  await run.waitFor(/Enter a value:/);
  return run;
}

// Each minitf process loads the whole program; on a loaded 2-core machine one takes several seconds.
const SLOW = 300_000;

describe('minitf with the pg backend (end to end)', () => {
  test('plan, apply and destroy of a terraform_data configuration', async () => {
    const schema = testSchema('e2e_cycle');
    const dir = project(schema);
    const plan = minitf(dir, ['plan']);
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    const apply = minitf(dir, ['apply', '-auto-approve']);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const stored = (await pgBackend(schema).read()).state!;
    expect(new StateIndex(stored).addresses()).toEqual(['terraform_data.a[0]', 'terraform_data.a[1]']);
    expect(stored.outputs.names!.value).toEqual(['default-0', 'default-1']);
    const destroy = minitf(dir, ['destroy', '-auto-approve']);
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain('Destroy complete! Resources: 2 destroyed.');
    const after = (await pgBackend(schema).read()).state!;
    expect(after.resources).toEqual([]);
    expect(after.serial).toBeGreaterThan(stored.serial);
  }, SLOW);

  test('two concurrent applies: the second fails fast with the first’s lock info; with -lock-timeout it waits its turn', async () => {
    const dir = project(testSchema('e2e_concurrent'));
    const first = await applyAtPrompt(dir);
    const second = start(dir, ['apply', '-auto-approve']);
    expect(await second.exit).toBe(1);
    expect(second.out.stderr).toContain('Error acquiring the state lock');
    expect(second.out.stderr).toContain('Lock Info:');
    expect(second.out.stderr).toContain(`PID:       ${first.child.pid} on`);
    expect(second.out.stderr).toContain('OperationTypeApply');
    const third = start(dir, ['apply', '-auto-approve', '-lock-timeout=240s']);
    await third.waitFor(/Acquiring state lock/);
    first.child.stdin!.end('yes\n');
    expect(await first.exit).toBe(0);
    expect(first.out.stdout).toContain('Apply complete! Resources: 2 added');
    expect(await third.exit).toBe(0);
    expect(third.out.stdout).toContain('No changes.');
  }, SLOW);

  test('kill -9 of the lock holder releases the lock: the next command proceeds', async () => {
    const dir = project(testSchema('e2e_kill'));
    const first = await applyAtPrompt(dir);
    first.child.kill('SIGKILL');
    await first.exit;
    const next = minitf(dir, ['apply', '-auto-approve']);
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('Apply complete! Resources: 2 added');
  }, SLOW);

  test('two workspaces keep separate states, and terraform.workspace names the current one', async () => {
    const schema = testSchema('e2e_workspaces');
    const dir = project(schema);
    expect(minitf(dir, ['workspace', 'new', 'dev']).code).toBe(0);
    expect(minitf(dir, ['apply', '-auto-approve']).stdout).toContain('"dev-0"');
    expect(minitf(dir, ['workspace', 'select', 'default']).code).toBe(0);
    expect(minitf(dir, ['apply', '-auto-approve']).stdout).toContain('"default-0"');
    const dev = (await pgBackend(schema, { workspace: 'dev' }).read()).state!;
    const dflt = (await pgBackend(schema).read()).state!;
    expect(dev.outputs.names!.value).toEqual(['dev-0', 'dev-1']);
    expect(dflt.outputs.names!.value).toEqual(['default-0', 'default-1']);
    expect(dev.lineage).not.toBe(dflt.lineage);
    const ids = (s: typeof dev) => new StateIndex(s).instances().map((e) => e.current?.attributes.id);
    expect(ids(dev).some((id) => ids(dflt).includes(id))).toBe(false);
  }, SLOW);

  test('state pull | state push - copies a state to another workspace', async () => {
    const schema = testSchema('e2e_pullpush');
    const dir = project(schema);
    expect(minitf(dir, ['apply', '-auto-approve']).code).toBe(0);
    const pipe = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" -chdir="${dir}" state pull | TF_WORKSPACE=copy "${process.execPath}" "${BIN}" -chdir="${dir}" state push -`], {
      env: teamEnv(),
      encoding: 'utf8',
    });
    expect(pipe.stderr).toBe('');
    expect(pipe.status).toBe(0);
    const original = (await pgBackend(schema).read()).state!;
    const copy = (await pgBackend(schema, { workspace: 'copy' }).read()).state!;
    expect(copy).toEqual(original);
    expect(minitf(dir, ['workspace', 'list']).stdout).toBe('* default\n  copy\n\n');
  }, SLOW);
});
