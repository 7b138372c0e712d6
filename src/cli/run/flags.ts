import type { Command } from 'commander';
import { parseBool } from '../argv.js';
import type { VarArg } from '../../core/vars/tfvars.js';
import { parseDuration } from '../../core/duration.js';
import { error, type Diagnostic, type Result } from '../../diag/index.js';
import type { LockFlags } from '../../states/index.js';

/** The flags plan, apply and destroy share, parsed. */
export interface RunFlags {
  readonly vars: VarArg[];
  readonly targets: string[];
  readonly excludes: string[];
  readonly replace: string[];
  readonly refresh: boolean;
  readonly lock: boolean;
  readonly lockTimeoutMs: number;
  readonly parallelism: number;
  readonly input: boolean;
  readonly json: boolean;
  readonly statePath?: string;
  readonly compactWarnings: boolean;
  /** `-backend-config=key=value` settings, overriding the backend block. */
  readonly backendConfig: string[];
}

/**
 * Adds the flags plan/apply/destroy share, in Terraform's spellings (the CLI turns `-flag` into
 * `--flag`). `-var` and `-var-file` are collected in command-line order (later wins).
 */
export function addRunFlags(cmd: Command, order: VarArg[]): Command {
  return cmd
    .option('--var <name=value>', 'set a variable (repeatable)', (v: string) => {
      order.push({ kind: 'var', text: v });
      return v;
    })
    .option('--var-file <file>', 'read variables from a .tfvars or .tfvars.json file (repeatable)', (v: string) => {
      order.push({ kind: 'file', path: v });
      return v;
    })
    .option('--target <address>', 'limit the operation to this resource (and what it depends on; for destroy: what depends on it) (repeatable)', collectList, [])
    .option('--exclude <address>', 'leave out this resource and everything that depends on it (repeatable)', collectList, [])
    .option('--replace <address>', 'force replacement of this resource instance (repeatable)', collectList, [])
    .option('--refresh [bool]', 'refresh prior objects before planning (default true)')
    .option('--lock [bool]', 'lock the state while running (default true)')
    .option('--lock-timeout <duration>', 'how long to wait for the state lock (e.g. 30s)', '0s')
    .option('--parallelism <n>', 'operations in flight at once', '10')
    .option('--input [bool]', 'ask for input (minitf never prompts for variables; -input=false is accepted)')
    .option('--json', 'machine-readable output (JSON lines)')
    .option('--state <path>', 'path of the local state file')
    .option('--compact-warnings', 'show warnings in a compact form')
    .option('--backend-config <key=value>', 'a backend setting, overriding the backend block (repeatable)', collectList, [])
    .option('--no-color', 'disable colour');
}

function collectList(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/**
 * Reads the shared flags, printing Terraform's flag error and returning undefined when one is
 * malformed (the command then exits 1).
 */
export function runFlagsOrReport(o: Record<string, unknown>, order: VarArg[], err: (text: string) => void): RunFlags | undefined {
  try {
    return readRunFlags(o, order, parseDuration);
  } catch (e) {
    err(`\nError: Invalid command-line flag\n\n${(e as Error).message}\n`);
    return undefined;
  }
}

/** Reads the shared flags from commander's option object; throws on malformed values. */
export function readRunFlags(o: Record<string, unknown>, order: VarArg[], parseDuration: (s: string) => number | undefined): RunFlags {
  const lt = parseDuration(String(o.lockTimeout ?? '0s'));
  if (lt === undefined) throw new Error(`invalid -lock-timeout value "${String(o.lockTimeout)}"`);
  const par = Number(o.parallelism ?? 10);
  if (!Number.isInteger(par) || par < 0) throw new Error('Invalid parallelism value: the -parallelism value must be a positive whole number.');
  return {
    vars: order,
    targets: (o.target as string[]) ?? [],
    excludes: (o.exclude as string[]) ?? [],
    replace: (o.replace as string[]) ?? [],
    refresh: parseBool(o.refresh as string | boolean | undefined, true),
    lock: parseBool(o.lock as string | boolean | undefined, true),
    lockTimeoutMs: lt,
    parallelism: par === 0 ? 10 : par,
    input: parseBool(o.input as string | boolean | undefined, true),
    json: Boolean(o.json),
    ...(o.state ? { statePath: String(o.state) } : {}),
    compactWarnings: Boolean(o.compactWarnings),
    backendConfig: (o.backendConfig as string[]) ?? [],
  };
}

/**
 * Parses `-lock=BOOL` (absent or empty: true) and `-lock-timeout=DURATION` (Go syntax: `0s`, `500ms`,
 * `1m30s`; default 0) for the commands that take them without the other run flags. Bad values are
 * diagnostics.
 */
export function parseLockFlags(lock: string | boolean | undefined, timeout: string | undefined): Result<LockFlags> {
  const diags: Diagnostic[] = [];
  let on = true;
  try {
    on = parseBool(lock, true);
  } catch {
    diags.push(error('Invalid value for -lock', `The value "${String(lock)}" is not a boolean; use -lock=true or -lock=false.`));
  }
  const ms = timeout === undefined ? 0 : parseDuration(timeout);
  if (ms === undefined) diags.push(error('Invalid value for -lock-timeout', `The value "${timeout}" is not a duration; use for example -lock-timeout=30s or -lock-timeout=2m.`));
  return { value: { lock: on, timeoutMs: Math.round(ms ?? 0) }, diagnostics: diags };
}
