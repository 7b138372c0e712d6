import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type EmulatorDump } from '../../src/emulator/index.js';

/** The repository this test runs from. */
export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The `minitf` command of the repository. */
export const BIN = join(REPO, 'bin', 'minitf.js');
/** The examples folder. */
export const EXAMPLES = join(REPO, 'examples');

/** Fast emulator clock and handler pacing for child processes: a 60 s copy takes 60 ms. */
export const FAST_ENV: Readonly<Record<string, string>> = {
  MINITF_EMULATOR_SPEED: '1000',
  MINITF_ALICLOUD_POLL_FIRST_MS: '20',
  MINITF_ALICLOUD_POLL_MAX_MS: '50',
  MINITF_ALICLOUD_RETRY_MIN_MS: '10',
  MINITF_ALICLOUD_RETRY_MAX_MS: '50',
  MINITF_ALICLOUD_NOT_FOUND_GRACE_MS: '200',
};

/**
 * Variables a child must not inherit: credentials, regions, the embedded switch, Terraform's argument
 * injection, and what `npm test` and vitest set for their own processes.
 */
const DROPPED = /^(ALICLOUD_|ALIBABA_CLOUD_|ALIBABACLOUD_|MINITF_|TF_CLI_ARGS|TF_IN_AUTOMATION$|ECS_ENDPOINT$|VPC_ENDPOINT$|NODE_OPTIONS$|VITEST|npm_lifecycle_|npm_package_|npm_command$|npm_execpath$|npm_node_execpath$|INIT_CWD$)/;

/**
 * The environment of a child process: this one without credentials or minitf settings, with a HOME
 * that has no `~/.aliyun/config.json` (so no profile supplies credentials), plus `extra`.
 */
export function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!DROPPED.test(k)) env[k] = v;
  env.HOME = join(tmpdir(), 'minitf-e2e-home');
  return { ...env, ...extra };
}

/** What a child process did. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `file args` in `cwd` and resolves when it exits (never rejects on a non-zero exit). */
export function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 240_000): Promise<Run> {
  return new Promise((done) => {
    execFile(file, [...args], { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr) + (err && typeof err.code !== 'number' ? `\n[${err.message}]` : '') });
    });
  });
}

/** Runs `node bin/minitf.js args` in `cwd` with {@link childEnv}`(extra)`. */
export function minitf(cwd: string, args: readonly string[], extra: Readonly<Record<string, string>> = FAST_ENV): Promise<Run> {
  return run(process.execPath, [BIN, ...args], cwd, childEnv(extra));
}

/** Both streams of a run, for failure messages. */
export function shown(r: Run): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/** What running an example leaves behind, never copied. */
const LEFT_BEHIND = new Set(['state', '.minitf', 'plan.jsonl', 'plan.md', 'init.log', 'terraform.tfstate', '.terraform']);

/** Copies `examples/<name>` (its files, not what a run left there) into a new temporary directory. */
export function copyExample(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `minitf-e2e-${name}-`));
  for (const f of readdirSync(join(EXAMPLES, name))) {
    if (!LEFT_BEHIND.has(f) && !f.endsWith('.tfplan')) cpSync(join(EXAMPLES, name, f), join(dir, f), { recursive: true });
  }
  return dir;
}

/** Removes a temporary directory made by {@link copyExample}. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Replaces `from` by `to` in `dir/file`; throws when `from` is not there (the example changed). */
export function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

/** The embedded emulator's cloud in `dir` (`.minitf/emulator.json`), read by an emulator of its own. */
export async function dumpCloud(dir: string): Promise<EmulatorDump> {
  const dataFile = join(dir, '.minitf', 'emulator.json');
  if (!existsSync(dataFile)) throw new Error(`no emulator data in ${dir}`);
  const emu = await startEmulator({ dataFile, speed: 1000 });
  try {
    return emu.control.dump();
  } finally {
    await emu.close();
  }
}

/** The user resources of a dump as `region kind id` lines (snapshots apart: images leave them). */
export function cloudObjects(d: EmulatorDump, kinds: readonly string[] = ['images', 'instances', 'vpcs', 'vswitches', 'securityGroups']): string[] {
  const out: string[] = [];
  for (const [region, r] of Object.entries(d.regions)) {
    for (const kind of kinds) for (const o of (r as unknown as Record<string, readonly { id: string }[]>)[kind] ?? []) out.push(`${region} ${kind} ${o.id}`);
  }
  return out.sort();
}

/**
 * The resource instances in the state snapshot `dir/state/terraform.tfstate` as `state list` shows
 * them (`type.name["key"]`, `data.type.name`), read from the file: no child process.
 */
export function stateResources(dir: string): string[] {
  const file = join(dir, 'state', 'terraform.tfstate');
  if (!existsSync(file)) return [];
  const state = JSON.parse(readFileSync(file, 'utf8')) as { resources: { mode: string; type: string; name: string; instances: { index_key?: string | number }[] }[] };
  const out: string[] = [];
  for (const r of state.resources) {
    for (const i of r.instances) out.push(`${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${i.index_key === undefined ? '' : `[${JSON.stringify(i.index_key)}]`}`);
  }
  return out.sort();
}

/** The resource addresses `state list` prints. */
export async function stateList(dir: string, args: readonly string[] = []): Promise<string[]> {
  const r = await minitf(dir, ['state', 'list', ...args]);
  return r.stdout.split('\n').filter(Boolean);
}
