/**
 * The two engines as child processes: minitf (`node bin/minitf.js`, from source through tsx unless a
 * `dist/` build exists) and Terraform (when `terraform` is on PATH), with the environment each needs,
 * plus the temporary directories the benchmarks work in (never inside the repository).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunSpec } from './proc.js';

/** The engines compared. */
export type Engine = 'minitf' | 'terraform';

/** The repository root (the folder holding `bin/minitf.js`). */
export const repoRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MINITF_BIN = join(repoRoot, 'bin', 'minitf.js');

let tfVersion: string | null | undefined;

/** Terraform's version (`1.11.4`) when `terraform` is on PATH and runs, else null. Cached. */
export function terraformVersion(): string | null {
  if (tfVersion !== undefined) return tfVersion;
  const r = spawnSync('terraform', ['version', '-json'], { env: { ...process.env, ...terraformEnv() }, encoding: 'utf8' });
  try {
    tfVersion = r.status === 0 ? String((JSON.parse(r.stdout) as { terraform_version?: unknown }).terraform_version ?? '') || null : null;
  } catch {
    tfVersion = null;
  }
  return tfVersion;
}

let tfConfigFile: string | undefined;

/** The environment Terraform runs with: no checkpoint calls, an empty CLI configuration, no colour. */
export function terraformEnv(): Record<string, string> {
  if (!tfConfigFile) {
    const dir = mkdtempSync(join(tmpdir(), 'minitf-bench-tfrc-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    tfConfigFile = join(dir, 'terraformrc');
    writeFileSync(tfConfigFile, '');
  }
  return { CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: tfConfigFile, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
}

/** A `minitf` command line run in `cwd`. */
export function minitf(args: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>> = {}): RunSpec {
  return { cmd: process.execPath, args: [MINITF_BIN, ...args], cwd, env };
}

/** A `terraform` command line run in `cwd`. */
export function terraform(args: readonly string[], cwd: string): RunSpec {
  return { cmd: 'terraform', args, cwd, env: terraformEnv() };
}

/** The operations the benchmarks time. */
export type Operation = 'apply' | 'plan' | 'validate' | 'plan-norefresh';

const OP_ARGS: Readonly<Record<Operation, readonly string[]>> = {
  apply: ['apply', '-auto-approve', '-input=false'],
  plan: ['plan', '-detailed-exitcode', '-input=false'],
  'plan-norefresh': ['plan', '-refresh=false', '-input=false'],
  validate: ['validate'],
};

/**
 * The same operation for either engine, without colour: `apply`, a no-change `plan` (exit code 0 means
 * no changes), `plan -refresh=false` or `validate`. `extra` are global flags for minitf (`-emulator`).
 */
export function engineCommand(engine: Engine, op: Operation, cwd: string, extra: readonly string[] = []): RunSpec {
  // minitf takes -no-color as a global flag (its validate has no -no-color of its own).
  return engine === 'minitf' ? minitf(['-no-color', ...extra, ...OP_ARGS[op]], cwd) : terraform([...OP_ARGS[op], '-no-color'], cwd);
}

/** Runs `terraform init` in `dir` (built-in providers only: nothing is downloaded); throws on failure. */
export function terraformInit(dir: string): void {
  const r = spawnSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env: { ...process.env, ...terraformEnv() }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`terraform init failed in ${dir}: ${r.stderr || r.stdout}`);
}

const made: string[] = [];

/** A fresh temporary directory (`minitf-bench-<label>-…`), removed by `cleanTemp`. */
export function tempDir(label: string): string {
  const d = mkdtempSync(join(tmpdir(), `minitf-bench-${label}-`));
  made.push(d);
  return d;
}

/** Removes every directory `tempDir` made (unless `keep`, for looking at the files afterwards). */
export function cleanTemp(keep = false): void {
  for (const d of made.splice(0)) if (!keep) rmSync(d, { recursive: true, force: true });
}
