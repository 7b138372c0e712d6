import { Command } from 'commander';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { addStateShow } from '../../src/cli/commands/state-show.js';
import type { GlobalOptions } from '../../src/cli/io.js';
import { writePlanFile } from '../../src/plans/planfile.js';
import { Keyring, sealer } from '../../src/states/index.js';
import { runCli } from '../helpers/cli.js';
import { goldenCases, modeOf, planFromShowJSON } from './helpers.js';

const env = { MINITF_STATE_KEY: 'test-passphrase', TF_IN_AUTOMATION: '' };
const byName = (n: string) => goldenCases().find((c) => c.name === n)!;

/** A working directory whose default local state is a golden's state file. */
function workdir(state?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-cli-'));
  if (state) {
    mkdirSync(join(dir, 'state'));
    cpSync(state, join(dir, 'state', 'terraform.tfstate'));
  }
  return dir;
}

describe('minitf show', () => {
  test('the state, human and -json, as Terraform prints them', async () => {
    const c = byName('create-types');
    const dir = workdir(join(c.dir, 'post.tfstate'));
    const human = await runCli(['-chdir=' + dir, 'show', '-no-color'], env);
    expect(human).toMatchObject({ code: 0, stdout: c.file('post-show.txt') });
    const json = await runCli(['-chdir=' + dir, 'show', '-json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(c.json('post-state.json'));
  });

  test('no state', async () => {
    const dir = workdir();
    expect(await runCli(['-chdir=' + dir, 'show'], env)).toMatchObject({ code: 0, stdout: 'No state.\n' });
    expect(await runCli(['-chdir=' + dir, 'show', '-json'], env)).toMatchObject({ code: 0, stdout: '{"format_version":"1.0"}\n' });
  });

  test('a saved plan (sealed), human and -json; a state file by path; garbage', async () => {
    const c = byName('sensitive');
    const dir = workdir();
    const plan = planFromShowJSON(c.json('plan.json'), modeOf(c.spec.plan.args));
    const keys = new Keyring({ cwd: dir, env });
    await writePlanFile(join(dir, 'tfplan'), plan, { seal: sealer(keys).sealValue, priorState: JSON.parse(c.file('prior.tfstate')!) });
    expect(await runCli(['-chdir=' + dir, 'show', '-no-color', 'tfplan'], env)).toMatchObject({ code: 0, stdout: c.file('plan-show.txt') });
    const json = await runCli(['-chdir=' + dir, 'show', '-json', 'tfplan'], env);
    expect(JSON.parse(json.stdout).resource_changes).toEqual(c.json('plan.json').resource_changes);
    const wrongKey = await runCli(['-chdir=' + dir, 'show', 'tfplan'], { MINITF_STATE_KEY: 'another' });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('Error: Failed to read the given file as a state or plan file');
    cpSync(join(c.dir, 'post.tfstate'), join(dir, 'other.tfstate'));
    expect(await runCli(['-chdir=' + dir, 'show', 'other.tfstate'], env)).toMatchObject({ code: 0, stdout: c.file('post-show.txt') });
    const bad = await runCli(['-chdir=' + dir, 'show', resolve(c.dir, 'case.json')], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^\nError: Failed to read the given file as a state or plan file\n\nState read error: .*\n\nPlan read error: /s);
  });
});

describe('minitf output', () => {
  const c = byName('sensitive');
  const dir = workdir(join(c.dir, 'post.tfstate'));

  test.each([
    [['output'], 0, c.file('output.txt')],
    [['output', '-json'], 0, c.file('output.json')],
    [['output', '-raw', 'pw'], 0, 's3cret-2'],
    [['output', 'user'], 0, '"root"\n'],
    [['output', '-json', 'list'], 0, '["a","b"]\n'],
    [['output', 'nope'], 1, ''],
    [['output', '-raw', 'list'], 1, ''],
  ] as const)('%j', async (args, code, stdout) => {
    const r = await runCli(['-chdir=' + dir, ...args], env);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe(stdout);
    if (code === 1) expect(r.stderr).toMatch(/^\nError: (Output "nope" not found|Unsupported value for raw output)\n/);
  });

  test('-state=PATH reads another state file', async () => {
    const other = workdir();
    cpSync(join(byName('create-types').dir, 'post.tfstate'), join(other, 'x.tfstate'));
    expect(await runCli(['-chdir=' + other, 'output', '-state=x.tfstate', 'plain'], env)).toMatchObject({ code: 0, stdout: '"x"\n' });
  });
});

describe('minitf state show (added to the state command by the integrator)', () => {
  async function stateShow(dir: string, args: string[]) {
    let stdout = '';
    let stderr = '';
    let code = -1;
    const program = new Command().exitOverride().enablePositionalOptions();
    const g: GlobalOptions = { cwd: dir, noColor: true, emulator: false, env: { ...process.env, ...env }, streams: { out: (t) => void (stdout += t), err: (t) => void (stderr += t) } };
    addStateShow(program.command('state'), () => g, (c) => void (code = c));
    await program.parseAsync(['state', 'show', ...args], { from: 'user' });
    return { code, stdout, stderr };
  }

  const c = byName('create-types');
  const dir = workdir(join(c.dir, 'post.tfstate'));

  test.each(Object.entries(c.json<Record<string, string>>('state-show.json')!))('%s', async (addr, want) => {
    expect(await stateShow(dir, [addr])).toMatchObject({ code: 0, stdout: want });
  });

  test('errors: unknown instance, whole resource with count, bad address, no state', async () => {
    for (const addr of ['terraform_data.nope', 'terraform_data.counted']) {
      const r = await stateShow(dir, [addr]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^No instance found for the given address!\n\nThis command requires that the address references one specific instance\.\n/);
    }
    const bad = await stateShow(dir, ['bad addr']);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr.startsWith('Error parsing instance address: bad addr\n\n')).toBe(true);
    const none = await stateShow(workdir(), ['terraform_data.x']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^No state file was found!/);
  });
});
