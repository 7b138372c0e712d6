import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, LocalBackend, TerraformStack } from 'cdktf';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The `minitf` entry point. */
export const BIN = join(ROOT, 'bin', 'minitf.js');

/**
 * Environment for CLI runs against the embedded emulator on a fast clock, with the alicloud
 * handlers polling and retrying every few milliseconds instead of every second.
 */
export const FAST_CLOUD: Readonly<Record<string, string>> = {
  MINITF_EMULATOR_SPEED: '200',
  MINITF_ALICLOUD_POLL_FIRST_MS: '20',
  MINITF_ALICLOUD_POLL_MAX_MS: '50',
  MINITF_ALICLOUD_RETRY_MIN_MS: '10',
  MINITF_ALICLOUD_RETRY_MAX_MS: '50',
  MINITF_FROM_SOURCE: '1',
};

/** A fresh temporary directory; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `minitf-cdktf-${prefix}-`));
}

/** Removes a directory made by `tempDir`. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Synthesizes a one-stack CDKTF app into `outdir` with `app.synth()`, exactly as `cdktf synth`
 * would (metadata, `//` keys and backend included), and returns the stack's directory and its
 * parsed `cdk.tf.json`. The stack gets a local backend at `statePath` (an absolute path) unless
 * `build` declares a backend itself.
 */
export function synthStack(outdir: string, name: string, statePath: string, build: (stack: TerraformStack) => void): { dir: string; json: Record<string, unknown> } {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, name);
  build(stack);
  if (!stack.node.children.some((c) => c instanceof LocalBackend)) new LocalBackend(stack, { path: statePath });
  app.synth();
  const dir = join(outdir, 'stacks', name);
  return { dir, json: JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as Record<string, unknown> };
}

/** What a child process printed and how it ended. */
export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command as a child process with `env` added to this process's environment, no stdin,
 * and a deadline (`timeoutMs`) after which it is killed; resolves when it exits.
 */
export function runChild(command: string, args: readonly string[], opts: { cwd: string; env?: Readonly<Record<string, string>>; timeoutMs?: number }): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `minitf ARGS` as a child process in `cwd` against the embedded emulator's fast settings. */
export function minitf(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<ChildResult> {
  return runChild(process.execPath, [BIN, ...args], { cwd, env: { ...FAST_CLOUD, ...env } });
}
