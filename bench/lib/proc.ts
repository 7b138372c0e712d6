/**
 * Runs one engine command as a child process and measures it: wall time, peak resident memory and the
 * bytes the process wrote to files.
 *
 * - Peak RSS comes from GNU `time -v` (`/usr/bin/time`) when it exists, else it is null.
 * - Bytes written: the command runs under `sh -c 'CMD; cat /proc/$$/io'`. When the shell reaps its
 *   child, Linux adds the child's I/O counters to the shell's own, so the shell's `wchar` after the
 *   command is what the engine passed to `write(2)` (the shell itself writes nothing). Subtracting the
 *   bytes the engine printed on stdout and stderr (captured here) leaves the bytes written to files:
 *   for a `terraform_data`-only configuration that is the state snapshot, its backup, the journal and
 *   the lock file. `wchar` counts bytes handed to the kernel, before the page cache, so rewrites of
 *   the same file all count; this is the figure that grows with the number of snapshots written.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The measurements of one command. */
export interface Measured {
  readonly code: number;
  readonly seconds: number;
  /** User + system CPU seconds of the process and its children; null without GNU time. */
  readonly cpuSeconds: number | null;
  /** Peak resident set size in bytes; null without GNU time. */
  readonly maxRssBytes: number | null;
  /** Bytes written to files (see the module comment); null where `/proc/PID/io` is missing. */
  readonly fileBytes: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run one command. */
export interface RunSpec {
  readonly cmd: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const GNU_TIME = '/usr/bin/time';
const MARK = '\n@@bench-io@@\n';
let timeDir: string | undefined;
let serial = 0;

/** True when GNU time (with `-v` and `-o`) is available for peak-RSS figures. */
export const hasGnuTime: boolean = existsSync(GNU_TIME);
/** True when Linux per-process I/O accounting is available for bytes-written figures. */
export const hasProcIo: boolean = existsSync('/proc/self/io');

/**
 * Runs `spec` to completion and measures it. Resolves with the exit code and figures; rejects only
 * when the process cannot be started.
 */
export function measure(spec: RunSpec): Promise<Measured> {
  // `time -v` writes its report to a file so that stderr stays the engine's own.
  if (!timeDir) {
    const dir = mkdtempSync(join(tmpdir(), 'minitf-bench-time-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    timeDir = dir;
  }
  const timeFile = join(timeDir, `${++serial}.txt`);
  const script = hasProcIo ? `"$@"; s=$?; printf '${MARK.replace(/\n/g, '\\n')}' >&2; cat /proc/$$/io >&2; exit $s` : '"$@"';
  const inner = ['sh', '-c', script, 'sh', spec.cmd, ...spec.args];
  const argv = hasGnuTime ? [GNU_TIME, '-v', '-o', timeFile, ...inner] : inner;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      const stdoutBuf = Buffer.concat(out);
      let stderrText = Buffer.concat(err).toString('utf8');
      let wchar: number | null = null;
      const at = stderrText.lastIndexOf(MARK);
      if (at >= 0) {
        wchar = Number(/^wchar:\s*(\d+)/m.exec(stderrText.slice(at))?.[1] ?? NaN);
        stderrText = stderrText.slice(0, at);
      }
      // The shell's own write of MARK is in its counter too.
      const usage = hasGnuTime ? readUsage(timeFile) : { cpuSeconds: null, maxRssBytes: null };
      const printed = stdoutBuf.length + Buffer.byteLength(stderrText) + MARK.length;
      resolve({
        code: code ?? -1,
        seconds,
        ...usage,
        fileBytes: wchar === null || Number.isNaN(wchar) ? null : Math.max(0, wchar - printed),
        stdout: stdoutBuf.toString('utf8'),
        stderr: stderrText,
      });
    });
  });
}

function readUsage(file: string): { cpuSeconds: number | null; maxRssBytes: number | null } {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
    rmSync(file, { force: true });
  } catch {
    return { cpuSeconds: null, maxRssBytes: null };
  }
  const num = (re: RegExp): number | null => {
    const m = re.exec(text)?.[1];
    return m === undefined ? null : Number(m);
  };
  const user = num(/User time \(seconds\):\s*([\d.]+)/);
  const sys = num(/System time \(seconds\):\s*([\d.]+)/);
  const kb = num(/Maximum resident set size \(kbytes\):\s*(\d+)/);
  return { cpuSeconds: user === null || sys === null ? null : user + sys, maxRssBytes: kb === null ? null : kb * 1024 };
}
