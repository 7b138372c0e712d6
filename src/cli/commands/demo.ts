import type { Command } from 'commander';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasErrors } from '../../diag/index.js';
import { apply as runApply, plan as runPlan } from '../../core/index.js';
import type { PlanResult } from '../../core/plan/planner.js';
import { parseDuration } from '../../core/duration.js';
import { formatOutputLines } from '../../plans/hcl.js';
import { PlainProgressView, type ApplyOperation, type ApplyTarget, type HandlerProgress } from '../../plans/progress.js';
import { liveTerminal, printDiagnostics, uniqueDiagnostics, type GlobalOptions } from '../io.js';
import { TerminalProgressView } from '../../plans/terminal-view.js';
import { readRunFlags } from '../run/flags.js';
import { pendingCreates, pendingDeletes, prepare } from '../run/prepare.js';
import { embeddedSpeed } from '../run/embedded.js';

/** The example the demo runs, relative to the package root. */
export const DEMO_EXAMPLE = join('examples', 'image-copy');

/** Pacing the demo gives the alicloud handlers unless the environment sets it: poll every ½ s at most. */
const DEMO_PACING: Readonly<Record<string, string>> = {
  MINITF_ALICLOUD_POLL_FIRST_MS: '250',
  MINITF_ALICLOUD_POLL_MAX_MS: '500',
};

/**
 * `minitf demo`: runs the seed example end to end against the embedded emulator — plan, apply with
 * the live progress of the image copy, outputs, and a second plan that must report no changes — and
 * exits 0 only when all of that happened. It works in `examples/image-copy` itself (state under
 * `state/`, the emulated cloud under `.minitf/`, both git-ignored), so a second run changes nothing;
 * `-dir=DIR` runs in DIR instead, copying the example's configuration there when DIR has none.
 */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('run the image-copy example end to end against the embedded emulator (what `npm start` runs)')
    .option('--dir <dir>', 'work in DIR (the example is copied there when DIR holds no configuration)')
    .action(async (o: { dir?: string }) => setExit(await runDemo(globals(), o)));
}

/** The package root: the nearest directory above this module holding `examples/` and `package.json`. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'examples'))) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const CONFIG_FILE = /\.tf(\.json|\.ya?ml)?$/;

/** True when `dir` holds at least one configuration file. */
function hasConfig(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((f) => CONFIG_FILE.test(f));
}

/** Copies the configuration files (not state, not the emulator's data) of `from` into `to`. */
function copyConfig(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) if (CONFIG_FILE.test(f)) copyFileSync(join(from, f), join(to, f));
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Picks the directory the demo works in; copies the example there when needed. */
function workDir(g: GlobalOptions, example: string, dir: string | undefined): string {
  if (dir) {
    const d = resolve(g.cwd, dir);
    if (!hasConfig(d)) copyConfig(example, d);
    return d;
  }
  if (writable(example)) return example;
  // An installed, read-only package: work on a copy that survives between runs.
  const d = join(tmpdir(), 'minitf-demo');
  if (!hasConfig(d)) copyConfig(example, d);
  return d;
}

async function runDemo(g: GlobalOptions, o: { dir?: string }): Promise<number> {
  const example = join(packageRoot(), DEMO_EXAMPLE);
  if (!hasConfig(example)) {
    g.streams.err(`\nError: Demo example not found\n\nminitf demo runs ${DEMO_EXAMPLE} of the minitf package, but ${example} holds no configuration.\n`);
    return 1;
  }
  const dir = workDir(g, example, o.dir);
  const env: Record<string, string | undefined> = { ...g.env };
  for (const [k, v] of Object.entries(DEMO_PACING)) env[k] ??= v;
  const sub: GlobalOptions = { ...g, cwd: dir, emulator: true, env };
  const shown = relative(g.cwd, dir) || '.';
  const say = (t: string) => g.streams.out(t);
  const chdir = shown === '.' ? '' : ` -chdir=${shown}`;
  say(
    `minitf demo: the cross-region image copy of ${DEMO_EXAMPLE} (a VPC, vSwitch, security group,\n` +
      `instance and custom image in cn-hangzhou, the image copied into cn-shanghai), run in ${shown}\n` +
      `on the embedded emulator at speed ${embeddedSpeed(env)}. No credentials are needed and no real cloud is touched.\n`,
  );
  const { main } = await import('../main.js');
  const step = async (n: number, title: string, args: string[], cloud = true): Promise<number> => {
    say(`\n━━ ${n}/4  minitf${chdir}${cloud ? ' -emulator' : ''} ${args.join(' ')}  (${title})\n\n`);
    return main([`-chdir=${dir}`, ...(cloud ? ['-emulator'] : []), ...args], g.streams, env);
  };

  if ((await step(1, 'what would change', ['plan'])) !== 0) return failed(g, 'the first plan failed');
  say(`\n━━ 2/4  minitf${chdir} -emulator apply -auto-approve  (with the live progress of the image copy)\n\n`);
  if ((await applyLive(sub)) !== 0) return failed(g, 'the apply failed');
  if ((await step(3, 'the outputs in state', ['output'], false)) !== 0) return failed(g, 'reading the outputs failed');
  const again = await step(4, 'must report no changes', ['plan', '-detailed-exitcode']);
  if (again === 2) return failed(g, 'the second plan found changes: the configuration and the emulated cloud do not converge');
  if (again !== 0) return failed(g, 'the second plan failed');
  say(
    `\nminitf demo: done. The state is in ${join(shown, 'state', 'terraform.tfstate')}, the emulated cloud in ${join(shown, '.minitf', 'emulator.json')}.\n` +
      `Look around with \`npx minitf${chdir} state list\` or \`npx minitf${chdir} -emulator show\`;\n` +
      `remove everything with \`npx minitf${chdir} -emulator destroy -auto-approve\`. Running the demo again changes nothing.\n`,
  );
  return 0;
}

function failed(g: GlobalOptions, why: string): number {
  g.streams.err(`\nminitf demo: ${why}.\n`);
  return 1;
}

/** What {@link StepProgressView} reads of a running operation (the shape `PlainProgressView` keeps). */
interface RunningOperation {
  readonly target: ApplyTarget;
  readonly op: ApplyOperation;
  readonly start: number;
  readonly id?: [string, string];
  progress?: HandlerProgress;
}

/**
 * Terraform's plain progress lines, plus a `Still …` line each time a handler's reported percentage
 * has moved by at least `step` points (and at 100%), so a copy that takes seconds is seen advancing.
 */
export class StepProgressView extends PlainProgressView {
  private readonly shownPercent = new Map<string, number>();

  constructor(write: (text: string) => void, private readonly step = 10) {
    super(write);
  }

  protected override onProgress(r: RunningOperation): void {
    const p = r.progress?.percent;
    if (p === undefined) return;
    const key = `${r.target.address}\u0000${r.target.deposed ?? ''}`;
    const last = this.shownPercent.get(key);
    if (last !== undefined && p - last < this.step && !(p >= 100 && last < 100)) return;
    this.shownPercent.set(key, p);
    this.onTick(r, Math.round(this.clock.now() / 1000) - r.start);
  }
}

/**
 * `apply -auto-approve` in the demo's directory with the live terminal view on a TTY, else {@link StepProgressView}: plans (the plan text
 * was shown by the previous step), applies, prints the summary line and the outputs. Exit status 0/1.
 */
async function applyLive(g: GlobalOptions): Promise<number> {
  const flags = readRunFlags({}, [], parseDuration);
  const term = liveTerminal(g);
  const view = term ? new TerminalProgressView((t) => g.streams.out(t), term) : new StepProgressView((t) => g.streams.out(t));
  const prep = await prepare(g, flags, 'OperationTypeApply', view);
  if (!prep.value) {
    printDiagnostics(g, prep.diagnostics);
    view.close();
    return 1;
  }
  const p = prep.value;
  const stop = new AbortController();
  const kill = new AbortController();
  const onSignal = () => (stop.signal.aborted ? kill.abort() : stop.abort());
  process.on('SIGINT', onSignal);
  try {
    const r = await runPlan(p.ctx, { mode: 'normal', refresh: true, targets: [], excludes: [], replace: [], parallelism: flags.parallelism, state: p.state });
    const diags = uniqueDiagnostics([...prep.diagnostics, ...r.diagnostics]);
    if (!r.value || hasErrors(diags)) {
      printDiagnostics(g, diags);
      return 1;
    }
    if (!r.value.plan.applyable) g.streams.out('\nNo changes. Your infrastructure matches the configuration.\n');
    const pending = pendingCreates(p.pending);
    const a = await runApply(p.ctx, r.value as PlanResult, { parallelism: flags.parallelism, backend: p.backend, stop: stop.signal, kill: kill.signal, pendingTokens: pending, pendingDeletes: pendingDeletes(p.pending) });
    const adiags = uniqueDiagnostics(a.diagnostics);
    printDiagnostics(g, adiags);
    if (hasErrors(adiags)) return 1;
    const v = a.value;
    g.streams.out(`\nApply complete! Resources: ${v.added} added, ${v.changed} changed, ${v.destroyed} destroyed.\n`);
    if (Object.keys(v.outputs).length) g.streams.out(`\nOutputs:\n\n${formatOutputLines(v.outputs)}`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    view.close();
    await p.close();
  }
}
