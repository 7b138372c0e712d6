import { describe, expect, test } from 'vitest';
import { normaliseArgs } from '../../src/cli/argv.js';
import { runCli } from '../helpers/cli.js';

describe('command line', () => {
  test('accepts Terraform single-dash spellings', () => {
    expect(normaliseArgs(['-chdir=x', 'plan', '-var', 'a=b', '-json', '-h', '--', '-x'])).toEqual(['--chdir=x', 'plan', '--var', 'a=b', '--json', '-h', '--', '-x']);
  });
  test('version prints the version', async () => {
    const r = await runCli(['version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^minitf v\d+\.\d+\.\d+/);
  });
  test('unknown command exits 1', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no command named "frobnicate"');
  });
});
