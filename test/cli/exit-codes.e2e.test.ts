import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';

// Exit codes and command-line mistakes, as Terraform 1.11.4 reports them (checked side by side),
// with minitf naming itself.
const dir = mkdtempSync(join(tmpdir(), 'minitf-exit-codes-'));
writeFileSync(join(dir, 'main.tf'), 'variable "name" {\n  default = "x"\n}\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exit codes and command-line mistakes (CLI)', () => {
  test('no arguments: the help on stdout, exit 127', async () => {
    const r = await runMinitf([], { cwd: dir });
    expect(r.code).toBe(127);
    expect(r.stdout).toMatch(/^Usage: minitf /);
    expect(r.stderr).toBe('');
  });

  test('an unknown global flag: the help on stdout, exit 127', async () => {
    const r = await runMinitf(['-frobnicate'], { cwd: dir });
    expect(r.code).toBe(127);
    expect(r.stdout).toMatch(/^Usage: minitf /);
  });

  test('an unknown flag is reported once, in the single-dash spelling, with the help pointer', async () => {
    const r = await runMinitf(['plan', '-foo'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('\nError: Failed to parse command-line flags\n\nflag provided but not defined: -foo\n\nFor more help on using this command, run:\n  minitf plan -help\n');
  });

  test('--foo and -foo=1 are the same unknown flag -foo', async () => {
    for (const flag of ['--foo', '-foo=1']) {
      const r = await runMinitf(['plan', flag], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr.match(/flag provided but not defined: -foo\n/g)).toHaveLength(1);
    }
  });

  test('a flag without its value: flag needs an argument: -var', async () => {
    const r = await runMinitf(['plan', '-var'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('\nflag needs an argument: -var\n');
    expect(r.stderr).toContain('  minitf plan -help\n');
  });

  test('an unknown flag of a subcommand points at that subcommand', async () => {
    const r = await runMinitf(['state', 'list', '-x'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('flag provided but not defined: -x\n\nFor more help on using this command, run:\n  minitf state list -help\n');
  });

  test('an unknown command close to a real one: Did you mean, exit 1', async () => {
    const r = await runMinitf(['plna'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('minitf has no command named "plna". Did you mean "plan"?\n\nTo see all of minitf\'s top-level commands, run:\n  minitf -help\n\n');
  });

  test('an unknown command far from every real one: no suggestion', async () => {
    const r = await runMinitf(['xyzzy'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('minitf has no command named "xyzzy".\n\nTo see all of minitf\'s top-level commands, run:\n  minitf -help\n\n');
  });

  test('an unknown subcommand: the parent command\'s help on stdout, exit 1', async () => {
    const r = await runMinitf(['state', 'lst'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Usage: minitf state /);
  });

  test('echo var.nope | minitf console exits 1 with the diagnostic', async () => {
    const r = await runMinitf(['console'], { cwd: dir, input: 'var.nope\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Reference to undeclared input variable');
  });
});
