import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `minitf` entry point (`bin/minitf.js`) of this checkout. */
export const MINITF_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'minitf.js');

/**
 * Fast pacing for the alicloud handlers (see `src/providers/alicloud/README.md`): first poll after
 * 10 ms doubling to 50 ms, retries from 5 ms doubling to 50 ms.
 */
export const FAST_PACING: Readonly<Record<string, string>> = {
  MINITF_ALICLOUD_POLL_FIRST_MS: '10',
  MINITF_ALICLOUD_POLL_MAX_MS: '50',
  MINITF_ALICLOUD_RETRY_MIN_MS: '5',
  MINITF_ALICLOUD_RETRY_MAX_MS: '50',
  MINITF_ALICLOUD_NOT_FOUND_GRACE_MS: '2000',
};

/** What a finished `minitf` process left: exit code (null when a signal ended it), signal and output. */
export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run `minitf`: working directory and environment additions (undefined removes a variable). */
export interface MinitfRunOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Text written to the child's stdin (then closed); default: stdin closed at once. */
  readonly input?: string;
}

/** A running `minitf` child process with line-level access to its output. */
export interface MinitfProcess {
  readonly child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** True once the process has exited. */
  readonly done: boolean;
  /** Resolves when the process exits (never rejects). */
  readonly exited: Promise<ProcessResult>;
  /**
   * Resolves with the first output line (stdout or stderr, past or future) matching `pattern`;
   * rejects when the process exits without printing one, or after `timeoutMs` (default 60 s).
   */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Calls `fn` for every complete output line from now on, with the stream it came from. */
  onLine(fn: (line: string, stream: 'stdout' | 'stderr') => void): void;
  /** Sends a signal (no-op after exit). */
  signal(sig: NodeJS.Signals): void;
}

/**
 * A hermetic environment for a child `minitf`: only `PATH`, `TMPDIR` and `LANG` of this process are
 * kept (no cloud credentials, endpoints or `TF_*`/`MINITF_*` settings leak in), `HOME` is `home`
 * (default: the working directory, so no `~/.aliyun` profile is read), the sources are run even when
 * `dist/` exists, then `extra` is applied (undefined deletes).
 */
export function childEnv(home: string, extra: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    LANG: process.env.LANG ?? 'C.UTF-8',
    HOME: home,
    MINITF_FROM_SOURCE: '1',
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * Starts `node bin/minitf.js ARGS` in `opts.cwd` with `childEnv(opts.cwd, opts.env)`, stdin fed from
 * `opts.input` then closed. Signals sent with `signal()` go to that process only (it is not
 * detached and starts no children of its own).
 */
export function spawnMinitf(args: readonly string[], opts: MinitfRunOptions): MinitfProcess {
  const child = spawn(process.execPath, [MINITF_BIN, ...args], {
    cwd: opts.cwd,
    env: childEnv(opts.cwd, opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const lines: { line: string; stream: 'stdout' | 'stderr' }[] = [];
  const listeners: ((line: string, stream: 'stdout' | 'stderr') => void)[] = [];
  const partial = { stdout: '', stderr: '' };
  const feed = (stream: 'stdout' | 'stderr', text: string, flush = false) => {
    partial[stream] += text;
    let nl;
    while ((nl = partial[stream].indexOf('\n')) >= 0) {
      const line = partial[stream].slice(0, nl);
      partial[stream] = partial[stream].slice(nl + 1);
      lines.push({ line, stream });
      for (const l of [...listeners]) l(line, stream);
    }
    if (flush && partial[stream]) {
      const line = partial[stream];
      partial[stream] = '';
      lines.push({ line, stream });
      for (const l of [...listeners]) l(line, stream);
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    feed('stdout', d);
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    feed('stderr', d);
  });
  child.stdin!.on('error', () => {});
  child.stdin!.end(opts.input ?? '');
  let done = false;
  const exited = new Promise<ProcessResult>((resolve) => {
    child.on('close', (code, signal) => {
      feed('stdout', '', true);
      feed('stderr', '', true);
      done = true;
      resolve({ code, signal, stdout: out, stderr: err });
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    get done() {
      return done;
    },
    exited,
    onLine(fn) {
      listeners.push(fn);
    },
    waitForLine(pattern, timeoutMs = 60_000) {
      const seen = lines.find((l) => pattern.test(l.line));
      if (seen) return Promise.resolve(seen.line);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no output line matched ${pattern} within ${timeoutMs} ms; output so far:\n${out}\n${err}`)), timeoutMs);
        const listener = (line: string) => {
          if (pattern.test(line)) finish(undefined, line);
        };
        const finish = (e: Error | undefined, line?: string) => {
          clearTimeout(timer);
          const i = listeners.indexOf(listener);
          if (i >= 0) listeners.splice(i, 1);
          if (e) reject(e);
          else resolve(line!);
        };
        listeners.push(listener);
        void exited.then((r) => finish(new Error(`minitf exited (code ${r.code}, signal ${r.signal}) without printing a line matching ${pattern}:\n${r.stdout}\n${r.stderr}`)));
      });
    },
    signal(sig) {
      if (!done && child.exitCode === null && child.signalCode === null) child.kill(sig);
    },
  };
}

/** Runs `minitf ARGS` to completion and returns its exit code and output. */
export function runMinitf(args: readonly string[], opts: MinitfRunOptions): Promise<ProcessResult> {
  return spawnMinitf(args, opts).exited;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
