import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { childEnv, MINITF_BIN } from '../helpers/process.js';
import { openBrackets } from '../../src/cli/run/console-lines.js';

// `minitf console` on a terminal (a pseudo-terminal made by `script`): an entry that leaves a
// bracket open continues at the `: ` prompt, and Ctrl-C clears the line (or the entry) instead of
// ending the console, as Terraform's console does.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'minitf-console-tty-'));
writeFileSync(join(dir, 'main.tf'), 'locals {\n  names = ["a", "b"]\n}\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The console under a pseudo-terminal; `type` writes keys, `until` waits for output (escapes removed). */
function terminalConsole(term: string) {
  const child = spawn('script', ['-qfec', `${process.execPath} ${MINITF_BIN} console`, '/dev/null'], { cwd: dir, env: { ...childEnv(dir), TERM: term }, stdio: ['pipe', 'pipe', 'pipe'] });
  let raw = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (raw += d));
  const text = () => raw.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    text,
    exited,
    type: (keys: string) => void child.stdin.write(keys),
    async until(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
      const t0 = Date.now();
      while (!pattern.test(text())) {
        if (Date.now() - t0 > timeoutMs) throw new Error(`no ${pattern} in:\n${text()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** Types `keys`, then waits for the next prompt (`> ` or `: `) after the output they caused. */
    async enter(keys: string, timeoutMs = 20_000): Promise<string> {
      const before = text().length;
      child.stdin.write(keys);
      const t0 = Date.now();
      let seen = '';
      for (;;) {
        await new Promise((r) => setTimeout(r, 100));
        const now = text();
        if (now.length > before && /(> |: )$/.test(now) && now === seen) return now.slice(before);
        seen = now;
        if (Date.now() - t0 > timeoutMs) throw new Error(`no prompt after ${JSON.stringify(keys)} in:\n${now}`);
      }
    },
    kill: () => child.kill('SIGKILL'),
  };
}

describe.skipIf(!hasScript)('minitf console on a terminal', () => {
  test.each(['dumb', 'xterm'])('TERM=%s: an open bracket continues the entry at ": "; Ctrl-C clears the line, or cancels a multi-line entry, and the console goes on', async (term) => {
    const c = terminalConsole(term);
    try {
      await c.until(/> $/);
      expect(await c.enter('[\r')).toMatch(/: $/);
      expect(await c.enter('  local.names[1],\r')).toMatch(/: $/);
      expect(await c.enter('  upper("x")\r')).toMatch(/: $/);
      expect(await c.enter(']\r')).toMatch(/\[\n {2}"b",\n {2}"X",\n\]\n> $/);
      c.type('12345');
      await c.until(/12345$/);
      expect(await c.enter('\u0003')).toMatch(/\^C\n> $/);
      expect(await c.enter('1 + 1\r')).toMatch(/\n2\n> $/);
      expect(await c.enter('{\r')).toMatch(/: $/);
      expect(await c.enter('\u0003')).toMatch(/\^C\n\(multi-line entry canceled\)\n> $/);
      expect(await c.enter('2 + 2\r')).toMatch(/\n4\n> $/);
      c.type('exit\r');
      expect(await c.exited).toBe(0);
      expect(c.text()).not.toContain('123451');
    } finally {
      c.kill();
    }
  }, 60_000);
});

describe('openBrackets', () => {
  test.each([
    ['[', 1],
    ['[1, 2]', 0],
    ['{ a = (1 +', 2],
    ['"(not a bracket"', 0],
    ['"${upper(', 2],
    ['"$${x"', 0],
    ['[1] # [', 0],
    [')', 0],
    ['"a\\"["', 0],
  ])('%s leaves %i open', (text, n) => {
    expect(openBrackets(text)).toBe(n);
  });
});
