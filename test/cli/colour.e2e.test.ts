import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { MINITF_BIN, childEnv, runMinitf } from '../helpers/process.js';

// Colour and Terraform's diagnostic frame on a terminal (a pseudo-terminal from `script -qc`); none
// with -no-color, NO_COLOR, TERM=dumb or a pipe.
const dir = mkdtempSync(join(tmpdir(), 'minitf-colour-'));
writeFileSync(join(dir, 'main.tf'), 'output "x" {\n  value = var.nope\n}\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs `minitf ARGS` with a pseudo-terminal as its stdin, stdout and stderr; what the terminal showed. */
function onTerminal(args: string, env: Record<string, string> = {}, columns?: number): { code: number | null; text: string } {
  const size = columns ? `stty cols ${columns}; ` : '';
  const r = spawnSync('script', ['-eqc', `${size}exec '${process.execPath}' '${MINITF_BIN}' ${args}`, '/dev/null'], {
    cwd: dir,
    env: childEnv(dir, { TERM: 'xterm-256color', ...env }),
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
  });
  return { code: r.status, text: r.stdout.replace(/\r\n/g, '\n') };
}

const FRAMED = [
  '\x1b[31m╷\x1b[0m\x1b[0m',
  '\x1b[31m│\x1b[0m \x1b[0m\x1b[1m\x1b[31mError: \x1b[0m\x1b[0m\x1b[1mReference to undeclared input variable\x1b[0m',
  '\x1b[31m│\x1b[0m \x1b[0m',
  '\x1b[31m│\x1b[0m \x1b[0m\x1b[0m  on main.tf line 2, in output "x":',
  '\x1b[31m│\x1b[0m \x1b[0m   2:   value = \x1b[4mvar.nope\x1b[0m\x1b[0m',
  '\x1b[31m│\x1b[0m \x1b[0m',
  // script's terminal has no width: Terraform does not wrap the detail there.
  '\x1b[31m│\x1b[0m \x1b[0mAn input variable with the name "nope" has not been declared. This variable can be declared with a variable "nope" {} block.',
  '\x1b[31m╵\x1b[0m\x1b[0m',
].join('\n');

describe.skipIf(!hasScript)('colour on a terminal (CLI under script -qc)', () => {
  test('validate: the error framed and coloured byte for byte as Terraform 1.11.4 prints it', () => {
    const r = onTerminal('validate');
    expect(r.code).toBe(1);
    expect(r.text).toContain(FRAMED);
  });

  test('validate of a valid configuration: a green bold Success!, as Terraform', () => {
    const ok = mkdtempSync(join(tmpdir(), 'minitf-colour-ok-'));
    try {
      writeFileSync(join(ok, 'main.tf'), 'output "x" {\n  value = 1\n}\n');
      const r = spawnSync('script', ['-eqc', `exec '${process.execPath}' '${MINITF_BIN}' validate`, '/dev/null'], { cwd: ok, env: childEnv(ok, { TERM: 'xterm' }), encoding: 'utf8', input: '', timeout: 60_000 });
      expect(r.status).toBe(0);
      expect(r.stdout.replace(/\r\n/g, '\n')).toBe('\x1b[32m\x1b[1mSuccess!\x1b[0m The configuration is valid.\n\x1b[0m\n');
    } finally {
      rmSync(ok, { recursive: true, force: true });
    }
  });

  test('a 60-column terminal: the detail wrapped at 57 columns inside the frame, as Terraform', () => {
    const r = onTerminal('validate', {}, 60);
    expect(r.code).toBe(1);
    expect(r.text).toContain(
      [
        '\x1b[31m│\x1b[0m \x1b[0mAn input variable with the name "nope" has not been',
        '\x1b[31m│\x1b[0m \x1b[0mdeclared. This variable can be declared with a variable',
        '\x1b[31m│\x1b[0m \x1b[0m"nope" {} block.',
        '\x1b[31m╵\x1b[0m\x1b[0m',
      ].join('\n'),
    );
  });

  test.each([
    ['-no-color after the command', 'validate -no-color', {}],
    ['-no-color before the command', '-no-color validate', {}],
    ['NO_COLOR=1', 'validate', { NO_COLOR: '1' }],
    ['TERM=dumb', 'validate', { TERM: 'dumb' }],
  ])('%s: no escape sequence and no frame, Terraform\'s plain layout', (_n, args, env) => {
    const r = onTerminal(args, env);
    expect(r.code).toBe(1);
    expect(r.text).not.toContain('\x1b[');
    expect(r.text).not.toMatch(/[╷│╵]/);
    expect(r.text).toContain('\nError: Reference to undeclared input variable\n\n  on main.tf line 2, in output "x":\n   2:   value = var.nope\n');
  });
});

describe('colour through a pipe (CLI)', () => {
  test('stderr a pipe: no escape sequence and no frame', async () => {
    const r = await runMinitf(['validate'], { cwd: dir, env: { TERM: 'xterm-256color' } });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('\x1b[');
    expect(r.stderr).not.toMatch(/[╷│╵]/);
    expect(r.stderr).toContain('Error: Reference to undeclared input variable');
  });
});
