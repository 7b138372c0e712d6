/**
 * The benchmark runner: `npm run bench` runs every benchmark, `npm run bench -- <name>…` only those
 * named. It prints one table per figure group on stdout (progress goes to stderr) and writes every
 * figure, with the machine's core count, load and the Node and Terraform versions, to
 * `bench/results/latest.json` (git-ignored).
 *
 * Flags: `--large` adds N = 10,000 to the scaling sizes; `--sizes=1000,3000` replaces them;
 * `--terraform-all` runs Terraform at every size and shape; `--no-terraform` runs minitf only;
 * `--reps=N` repetitions of the cold-start commands (default 3); `--budget=SECONDS` time budget of the
 * whole run (default 840: a Terraform run predicted to overrun it is skipped, and said so); `--tiny`
 * tiny workloads (the smoke test); `--out=PATH` another results file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { coldStartBenchmark } from './coldstart.js';
import { exprBenchmark } from './expression.js';
import { cleanTemp, repoRoot, terraformVersion } from './lib/engines.js';
import { hasGnuTime, hasProcIo } from './lib/proc.js';
import { renderSection, type Benchmark, type BenchOptions, type Section } from './lib/report.js';
import { latencyBenchmark } from './latency.js';
import { parseBenchmark } from './parse.js';
import { reviewBenchmark } from './review.js';
import { headlineScaling, scaleBenchmark, type ScaleCase } from './scale.js';

/** Every benchmark, in the order `npm run bench` runs them (the long side-by-side one first). */
export const BENCHMARKS: readonly Benchmark[] = [scaleBenchmark, latencyBenchmark, coldStartBenchmark, parseBenchmark, exprBenchmark, reviewBenchmark];

/**
 * Seconds of the budget kept for the benchmarks after the scaling one (about 2.5 minutes on a quiet
 * machine, 6 on a busy one): Terraform runs predicted to end later than budget − reserve are skipped.
 */
export const RESERVE_SECONDS = 300;

/** What the runner was asked to do. */
export interface RunnerOptions {
  /** Benchmark names to run (default every one). */
  readonly only?: readonly string[];
  readonly large?: boolean;
  readonly sizes?: readonly number[];
  readonly tiny?: boolean;
  /** False runs minitf only even when Terraform is on PATH. */
  readonly terraform?: boolean;
  readonly terraformAll?: boolean;
  readonly reps?: number;
  /** Seconds the whole run may take (default 840); see `BenchOptions.deadline`. */
  readonly budget?: number;
  /** Results file (default `bench/results/latest.json`). */
  readonly out?: string;
  /** Receives the tables (default stdout). */
  readonly print?: (text: string) => void;
  /** Receives progress lines (default stderr). */
  readonly log?: (line: string) => void;
}

/** The results file's content. */
export interface BenchResults {
  readonly startedAt: string;
  readonly seconds: number;
  readonly machine: {
    readonly cores: number;
    readonly cpuModel: string;
    readonly memoryBytes: number;
    readonly loadAverageStart: readonly number[];
    readonly loadAverageEnd: readonly number[];
    readonly gnuTime: boolean;
    readonly procIo: boolean;
  };
  readonly node: string;
  readonly terraform: string | null;
  readonly options: { readonly sizes: readonly number[]; readonly tiny: boolean; readonly terraformAll: boolean; readonly reps: number; readonly budgetSeconds: number };
  /** Issue 6's figure: minitf apply t(3k)/t(1k), `count` shape; null when those sizes did not run. */
  readonly applyScaling3kOver1k: number | null;
  readonly sections: readonly Section[];
  /** Benchmarks that failed, with the reason. */
  readonly errors: readonly { readonly name: string; readonly message: string }[];
}

/** Runs the chosen benchmarks, prints their tables and writes the results file; resolves with the results. */
export async function runBenchmarks(o: RunnerOptions = {}): Promise<BenchResults> {
  const print = o.print ?? ((t: string) => process.stdout.write(t + '\n'));
  const log = o.log ?? ((l: string) => process.stderr.write(`[bench] ${l}\n`));
  const unknown = (o.only ?? []).filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')} (known: ${BENCHMARKS.map((b) => b.name).join(', ')})`);
  const chosen = o.only?.length ? BENCHMARKS.filter((b) => o.only!.includes(b.name)) : BENCHMARKS;
  const tiny = o.tiny ?? false;
  const sizes = o.sizes ?? (tiny ? [3, 6] : o.large ? [1000, 3000, 10000] : [1000, 3000]);
  const budget = o.budget ?? 840;
  const t0 = performance.now();
  const opts: BenchOptions = {
    sizes,
    tiny,
    terraform: o.terraform === false ? null : terraformVersion(),
    terraformAll: o.terraformAll ?? false,
    reps: o.reps ?? (tiny ? 1 : 3),
    deadline: t0 + Math.max(0, budget - RESERVE_SECONDS) * 1000,
    log,
  };
  const startedAt = new Date();
  const loadStart = loadavg();
  print(
    `# minitf benchmarks — ${startedAt.toISOString()}\n\nNode ${process.version}, ${opts.terraform ? `Terraform ${opts.terraform}` : 'Terraform not run'}, ` +
      `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadStart.map((l) => l.toFixed(2)).join(' ')}\n`,
  );
  const sections: Section[] = [];
  const errors: { name: string; message: string }[] = [];
  for (const b of chosen) {
    log(`${b.name}: ${b.summary}`);
    try {
      for (const s of await b.run(opts)) {
        sections.push(s);
        print(renderSection(s));
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      errors.push({ name: b.name, message });
      print(`## ${b.name}: FAILED\n\n${message}\n`);
    } finally {
      cleanTemp();
    }
  }
  const scale = sections.find((s) => s.name === 'scale')?.figures as ScaleCase[] | undefined;
  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    seconds: (performance.now() - t0) / 1000,
    machine: {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryBytes: totalmem(),
      loadAverageStart: loadStart,
      loadAverageEnd: loadavg(),
      gnuTime: hasGnuTime,
      procIo: hasProcIo,
    },
    node: process.version,
    terraform: opts.terraform,
    options: { sizes, tiny, terraformAll: opts.terraformAll, reps: opts.reps, budgetSeconds: budget },
    applyScaling3kOver1k: scale ? headlineScaling(scale) : null,
    sections,
    errors,
  };
  const out = o.out ?? join(repoRoot, 'bench', 'results', 'latest.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  print(`Total ${results.seconds.toFixed(0)} s (load average at the end ${results.machine.loadAverageEnd.map((l) => l.toFixed(2)).join(' ')}); every figure in ${out}`);
  return results;
}

/** Parses the command line of `npm run bench -- …`. */
export function parseArgs(argv: readonly string[]): RunnerOptions {
  const only: string[] = [];
  let o: { -readonly [K in keyof RunnerOptions]: RunnerOptions[K] } = {};
  for (const a of argv) {
    const [flag, value] = a.split('=', 2) as [string, string | undefined];
    if (flag === '--large') o.large = true;
    else if (flag === '--tiny') o.tiny = true;
    else if (flag === '--terraform-all') o.terraformAll = true;
    else if (flag === '--no-terraform') o.terraform = false;
    else if (flag === '--sizes' && value) o.sizes = value.split(',').map(Number);
    else if (flag === '--reps' && value) o.reps = Number(value);
    else if (flag === '--budget' && value) o.budget = Number(value);
    else if (flag === '--out' && value) o.out = value;
    else if (a.startsWith('-')) throw new Error(`unknown flag ${a}`);
    else if (!BENCHMARKS.some((b) => b.name === a)) throw new Error(`unknown benchmark ${a}`);
    else only.push(a);
  }
  if (o.sizes?.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes takes positive integers, e.g. --sizes=1000,3000');
  if (o.reps !== undefined && (!Number.isInteger(o.reps) || o.reps <= 0)) throw new Error('--reps takes a positive integer');
  if (o.budget !== undefined && !(o.budget > 0)) throw new Error('--budget takes a number of seconds');
  if (only.length) o = { ...o, only };
  return o;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let o: RunnerOptions;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\nbenchmarks: ${BENCHMARKS.map((b) => `${b.name} (${b.summary})`).join('; ')}\n`);
    process.exit(2);
  }
  const r = await runBenchmarks(o);
  process.exitCode = r.errors.length ? 1 : 0;
}
