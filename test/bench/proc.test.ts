// The measuring wrapper of the benchmarks: bytes written to files (stdout and stderr excluded), exit
// codes and peak memory of a child process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { hasGnuTime, hasProcIo, measure } from '../../bench/lib/proc.js';

const dir = mkdtempSync(join(tmpdir(), 'minitf-bench-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('measure', () => {
  test.each([
    ['a file and some output', 'head -c 12345 /dev/zero > a.bin; echo hello; echo oops >&2; exit 0', 0, 12345, 'hello\n', 'oops\n'],
    ['two files, a failing exit', 'head -c 1000 /dev/zero > b.bin; head -c 2000 /dev/zero > c.bin; exit 3', 3, 3000, '', ''],
    ['output only', 'printf "%s" "0123456789"', 0, 0, '0123456789', ''],
  ])('%s', async (_name, script, code, fileBytes, stdout, stderr) => {
    const m = await measure({ cmd: 'sh', args: ['-c', script], cwd: dir });
    expect(m.code).toBe(code);
    expect(m.stdout).toBe(stdout);
    expect(m.stderr).toBe(stderr);
    expect(m.fileBytes).toBe(hasProcIo ? fileBytes : null);
    expect(m.seconds).toBeGreaterThan(0);
  });

  test('peak RSS of a process that holds 64 MiB', async () => {
    const m = await measure({ cmd: process.execPath, args: ['-e', 'const b = Buffer.alloc(64 * 2 ** 20, 1); console.log(b[0])'], cwd: dir });
    expect(m.code).toBe(0);
    if (hasGnuTime) expect(m.maxRssBytes).toBeGreaterThan(64 * 2 ** 20);
    else expect(m.maxRssBytes).toBeNull();
  });
});
