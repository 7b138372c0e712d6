import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { MINITF_BIN, childEnv, runMinitf } from '../helpers/process.js';

// Ctrl-C at the approval prompt and a closed stdout (`| head`), through the CLI as a process.
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function workdir(config: string): string {
  const d = mkdtempSync(join(tmpdir(), 'minitf-interrupts-'));
  dirs.push(d);
  writeFileSync(join(d, 'main.tf'), config);
  return d;
}
const TWO = 'resource "terraform_data" "a" {\n  input = 1\n}\n\nresource "terraform_data" "b" {\n  input = terraform_data.a.output\n}\n';
const MANY = 'resource "terraform_data" "n" {\n  count = 40\n  input = "item-${count.index}"\n}\n';

/** A finished child: exit code, output, and how long it ran after `mark` was called. */
interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  afterMarkMs: number;
}

/**
 * Runs `file args` in `dir` with stdin an open pipe; when the output so far matches `ready`, calls
 * `act(child)` (send a signal, type a key) and records the time. Resolves at exit.
 */
function interact(file: string, args: string[], dir: string, ready: RegExp, act: (c: ReturnType<typeof spawn>) => void): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const c = spawn(file, args, { cwd: dir, env: childEnv(dir, { TERM: 'xterm' }), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let mark = 0;
    const check = () => {
      if (!mark && ready.test(out + err)) {
        mark = Date.now();
        act(c);
      }
    };
    c.stdout!.setEncoding('utf8').on('data', (d: string) => ((out += d), check()));
    c.stderr!.setEncoding('utf8').on('data', (d: string) => ((err += d), check()));
    c.stdin!.on('error', () => {});
    const timer = setTimeout(() => {
      c.kill('SIGKILL');
      reject(new Error(`no exit within 60 s; output:\n${out}\n${err}`));
    }, 60_000);
    c.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: out, stderr: err, afterMarkMs: mark ? Date.now() - mark : -1 });
    });
  });
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('Ctrl-C at the approval prompt (CLI)', () => {
  test('SIGINT with a pipe as stdin: error asking for approval: interrupted, exit 1 at once, nothing applied', async () => {
    const dir = workdir(TWO);
    const r = await interact(process.execPath, [MINITF_BIN, 'apply', '-no-color'], dir, /Enter a value: $/, (c) => c.kill('SIGINT'));
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.afterMarkMs).toBeLessThan(3000);
    expect(r.stdout).toMatch(/Enter a value: \n\nInterrupt received\.\nPlease wait for minitf to exit or data loss may occur\.\nGracefully shutting down\.\.\.\n\n$/);
    expect(r.stdout).not.toContain('Stopping operation');
    expect(r.stderr).toBe('\nError: error asking for approval: interrupted\n\n');
    const list = await runMinitf(['state', 'list'], { cwd: dir });
    expect(list.stdout).toBe('');
  }, 90_000);

  test.skipIf(!hasScript)('Ctrl-C typed at a terminal (script -qc): exit 1 at once, the diagnostic framed in colour', async () => {
    const dir = workdir(TWO);
    // -e: script exits with minitf's status (exec: no shell between them to take the SIGINT too).
    const r = await interact('script', ['-eqc', `exec '${process.execPath}' '${MINITF_BIN}' apply`, '/dev/null'], dir, /Enter a value:/, (c) => c.stdin!.write('\x03'));
    const text = r.stdout.replace(/\r/g, '');
    expect(r.code, text).toBe(1);
    expect(r.afterMarkMs).toBeLessThan(3000);
    expect(text).toContain('Please wait for minitf to exit');
    // The question and prompt in bold, as Terraform on a colour terminal.
    expect(text).toContain("\x1b[1m\nDo you want to perform these actions?\x1b[0m\n  minitf will perform the actions described above.\n  Only 'yes' will be accepted to approve.\n\n  \x1b[1mEnter a value:\x1b[0m \x1b[0m");
    expect(text).toContain('\x1b[31m╷\x1b[0m\x1b[0m\n\x1b[31m│\x1b[0m \x1b[0m\x1b[1m\x1b[31mError: \x1b[0m\x1b[0m\x1b[1merror asking for approval: interrupted\x1b[0m\n');
  }, 90_000);
});

/** Runs `minitf ARGS | READER` under bash; stderr of both, and minitf's own exit status. */
function piped(dir: string, args: string, reader: string): { code: number; stderr: string; stdout: string } {
  const r = spawnSync('bash', ['-c', `'${process.execPath}' '${MINITF_BIN}' ${args} | ${reader}; echo "minitf=\${PIPESTATUS[0]}" >&2`], { cwd: dir, env: childEnv(dir), encoding: 'utf8', timeout: 60_000 });
  const m = /minitf=(\d+)/.exec(r.stderr);
  return { code: Number(m?.[1] ?? -1), stderr: r.stderr.replace(/minitf=\d+\n/, ''), stdout: r.stdout };
}

const NO_TRACE = /EPIPE|Unhandled 'error' event|node:internal|\n\s+at /;

describe('a closed stdout (CLI)', () => {
  test.each([
    ['plan -json', 'head -2'],
    ['plan -json', 'true'],
    ['plan', 'head -2'],
    ['plan', 'true'],
  ])('minitf %s | %s ends quietly: no stack trace', (args, reader) => {
    const dir = workdir(MANY);
    const r = piped(dir, args, reader);
    expect(r.stderr).not.toMatch(NO_TRACE);
    expect(r.code).toBe(0);
    if (reader === 'head -2') expect(r.stdout.split('\n')).toHaveLength(3);
  }, 60_000);

  test.each([['head -1'], ['true']])('minitf apply -auto-approve | %s stops as on Ctrl-C: no stack trace, the state is whole and unlocked', async (reader) => {
    const dir = workdir(MANY);
    const r = piped(dir, 'apply -auto-approve', reader);
    expect(r.stderr).not.toMatch(NO_TRACE);
    expect([0, 1]).toContain(r.code);
    if (r.code === 1) expect(r.stderr).toContain('Error: execution halted');
    // What was applied is in the state; the rest is still planned; the lock was released.
    const list = await runMinitf(['state', 'list'], { cwd: dir });
    expect(list.code, list.stderr).toBe(0);
    const applied = list.stdout.split('\n').filter(Boolean).length;
    const plan = await runMinitf(['plan', '-no-color', '-detailed-exitcode'], { cwd: dir });
    expect(plan.stderr).toBe('');
    if (applied === 40) expect(plan.code).toBe(0);
    else expect(plan.stdout).toContain(`Plan: ${40 - applied} to add, 0 to change, 0 to destroy.`);
  }, 90_000);
});
