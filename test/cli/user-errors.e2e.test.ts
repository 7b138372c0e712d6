import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';

// User input that used to end in an uncaught exception or `Internal error`, through the CLI.
const dir = mkdtempSync(join(tmpdir(), 'minitf-user-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('no user input reaches an internal error (CLI)', () => {
  test('plan: log(-1, 10) in an output is Error in function call at its line, 0/0 Operation failed', async () => {
    writeFileSync(join(dir, 'main.tf'), 'output "x" {\n  value = log(-1, 10)\n}\n\noutput "y" {\n  value = 0 / 0\n}\n');
    const r = await runMinitf(['plan', '-no-color'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/Internal error|RangeError|at .*\.ts:\d+/);
    expect(r.stderr).toContain('Error: Error in function call\n\n  on main.tf line 2:');
    expect(r.stderr.replace(/\s+/g, ' ')).toContain('Call to function "log" failed: the logarithm of a negative number is not a number.');
    expect(r.stderr).toContain('Error: Operation failed\n\n  on main.tf line 6:');
  });

  test('console: log(-1, 10) prints the diagnostic', async () => {
    const r = await runMinitf(['console'], { cwd: dir, input: 'log(-1, 10)\n' });
    expect(r.stdout + r.stderr).toContain('Error in function call');
    expect(r.stdout + r.stderr).not.toMatch(/Internal error|RangeError/);
  });
});
