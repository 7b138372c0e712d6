import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { workdir } from './support.js';

const ENV = { TF_IN_AUTOMATION: '1', MINITF_STATE_KEY: undefined, TF_WORKSPACE: undefined };

/** Runs the CLI in-process in `dir`. */
function cli(dir: string, ...args: string[]) {
  return runCli([`-chdir=${dir}`, ...args], ENV);
}

/** The bytes of the state files, to prove nothing was written. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ['terraform.tfstate', 'terraform.tfstate.backup', 'terraform.tfstate.journal']) out[f] = readFileSync(join(dir, 'state', f), 'latin1');
  return out;
}

describe('a damaged state file (issue 5)', () => {
  test.each([
    { damage: 'cut in half', cut: (s: string) => s.slice(0, Math.floor(s.length / 2)), reason: 'it is not valid JSON' },
    { damage: 'missing its last byte', cut: (s: string) => s.slice(0, -2), reason: 'it is not valid JSON' },
    { damage: 'emptied', cut: () => '', reason: 'the file is empty' },
    { damage: 'cut after the first line', cut: (s: string) => s.slice(0, s.indexOf('\n') + 1), reason: 'it is not valid JSON' },
  ])('state $damage: every command stops with an error naming the backup and writes nothing; restoring the backup loses nothing', async ({ cut, reason }) => {
    const dir = workdir('corrupt');
    expect((await cli(dir, 'apply', '-auto-approve')).code).toBe(0);
    expect((await cli(dir, 'apply', '-auto-approve', '-var', 'n=2')).code).toBe(0);
    const statePath = join(dir, 'state', 'terraform.tfstate');
    writeFileSync(statePath, cut(readFileSync(statePath, 'utf8')));
    const before = files(dir);

    for (const args of [['plan', '-no-color', '-var', 'n=2'], ['apply', '-no-color', '-auto-approve', '-var', 'n=3'], ['destroy', '-no-color', '-auto-approve', '-var', 'n=2'], ['state', 'list'], ['show', '-no-color']]) {
      const r = await cli(dir, ...args);
      const what = `minitf ${args.join(' ')}`;
      expect(r.code, `${what}: ${r.stdout}${r.stderr}`).toBe(1);
      expect(r.stderr, what).toContain('Error: Failed to load state');
      expect(r.stderr, what).toContain(`The state file "state/terraform.tfstate" cannot be read: ${reason}`);
      expect(r.stderr, what).toContain('cp "state/terraform.tfstate.backup" "state/terraform.tfstate"');
      expect(r.stdout, what).not.toMatch(/Plan:|complete!/);
      expect(files(dir), `${what} changed a state file`).toEqual(before);
    }

    // Following the advice: the backup plus the journal's later events give the last state back.
    copyFileSync(join(dir, 'state', 'terraform.tfstate.backup'), statePath);
    const plan = await cli(dir, 'plan', '-no-color', '-detailed-exitcode', '-var', 'n=2');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const list = await cli(dir, 'state', 'list');
    expect(list.stdout).toBe('terraform_data.a\nterraform_data.b\n');
  }, 60_000);
});
