/**
 * The API-latency bound: `minitf apply` of N independent `alicloud_security_group`s in one VPC with
 * `-parallelism=P`, against the emulator (started in this process) answering every call after a fixed
 * latency L and injecting no other fault. No engine can finish faster than calls × L ÷ P, so
 * measured ÷ bound says how much the engine adds on top of the cloud's own latency (goal ≤ 1.15).
 *
 * The calls are counted from the emulator's request log (successful calls of the measured apply only:
 * the VPC is made by an earlier apply, and the log is cleared before). "Measured" is the span from the
 * first call's arrival to the last call's answer, so the process start-up (a few seconds of module
 * loading, see the cold-start benchmark) is not in it; the process wall time is reported beside it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RequestLogEntry } from '../src/emulator/index.js';
import { cleanTemp, minitf, tempDir } from './lib/engines.js';
import { measure, type Measured } from './lib/proc.js';
import { ms, ratio, secs, type Benchmark, type BenchOptions, type Section } from './lib/report.js';

/** The figures of the latency benchmark. */
export interface LatencyFigures {
  readonly resources: number;
  readonly latencyMs: number;
  readonly parallelism: number;
  /** Successful API calls of the measured apply, and per action. */
  readonly calls: number;
  readonly callsByAction: Readonly<Record<string, number>>;
  /** Calls answered with an error (none expected without faults). */
  readonly failedCalls: number;
  /** calls × latency ÷ parallelism, milliseconds. */
  readonly boundMs: number;
  /** First call's arrival to the last call's answer, milliseconds. */
  readonly measuredMs: number;
  readonly measuredOverBound: number;
  /** Mean time the emulator spent on one call (the injected latency included), milliseconds. */
  readonly meanCallMs: number;
  /** Calls in flight on average over the measured span (Σ call durations ÷ span); at most `parallelism`. */
  readonly meanInFlight: number;
  /** Wall time of the whole `minitf apply` process (start-up included), seconds. */
  readonly processSeconds: number;
  /** CPU time (user + system) of that process, seconds; null without GNU time. */
  readonly processCpuSeconds: number | null;
}

const PROVIDER = 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\n';

function check(what: string, m: Measured, expect: string): void {
  if (m.code !== 0 || !m.stdout.includes(expect)) {
    throw new Error(`${what} failed (exit ${m.code}):\n${(m.stderr || m.stdout).trim().split('\n').slice(-15).join('\n')}`);
  }
}

/** The ID of the one `alicloud_vpc` in a minitf state file. */
function vpcIdFromState(dir: string): string {
  const state = JSON.parse(readFileSync(join(dir, 'state', 'terraform.tfstate'), 'utf8')) as {
    resources: { type: string; instances: { attributes: { id: string } }[] }[];
  };
  const id = state.resources.find((r) => r.type === 'alicloud_vpc')?.instances[0]?.attributes.id;
  if (!id) throw new Error('the setup apply left no alicloud_vpc in its state');
  return id;
}

/** Runs the benchmark: `resources` security groups, `latencyMs` per call, `parallelism`. */
export async function runLatency(opts: {
  resources: number;
  latencyMs: number;
  parallelism: number;
  log: (l: string) => void;
  /** Write a CPU profile of the measured apply there (`node --cpu-prof`), to see where its time goes. */
  profileDir?: string;
}): Promise<LatencyFigures> {
  // A fast lifecycle clock only shortens the VPC's Pending phase in the setup apply.
  const emu = await startEmulator({ faults: { latencyMs: opts.latencyMs }, speed: 100, seed: 9 });
  try {
    const env = {
      ALIBABA_CLOUD_ENDPOINT_ECS: emu.url,
      ALIBABA_CLOUD_ENDPOINT_VPC: emu.url,
      ALICLOUD_ACCESS_KEY: DEMO_ACCESS_KEY_ID,
      ALICLOUD_SECRET_KEY: DEMO_ACCESS_KEY_SECRET,
      MINITF_ALICLOUD_POLL_FIRST_MS: '20',
      MINITF_ALICLOUD_POLL_MAX_MS: '200',
    };
    const setup = tempDir('latency-vpc');
    writeFileSync(join(setup, 'main.tf'), `${PROVIDER}\nresource "alicloud_vpc" "bench" {\n  vpc_name   = "bench"\n  cidr_block = "10.0.0.0/16"\n}\n`);
    opts.log('latency: setup apply (one VPC)');
    check('the setup apply', await measure(minitf(['-no-color', 'apply', '-auto-approve'], setup, env)), 'Resources: 1 added');
    const vpcId = vpcIdFromState(setup);

    const dir = tempDir('latency-sg');
    writeFileSync(
      join(dir, 'main.tf'),
      `${PROVIDER}\nvariable "vpc_id" {\n  type = string\n}\n\nresource "alicloud_security_group" "bench" {\n  count  = ${opts.resources}\n` +
        `  name   = "bench-sg-\${count.index}"\n  vpc_id = var.vpc_id\n}\n`,
    );
    emu.control.clearRequestLog();
    opts.log(`latency: apply of ${opts.resources} security groups, ${opts.latencyMs} ms per call, parallelism ${opts.parallelism}`);
    const spec = minitf(['-no-color', 'apply', '-auto-approve', `-parallelism=${opts.parallelism}`, `-var=vpc_id=${vpcId}`], dir, env);
    const m = await measure(opts.profileDir ? { ...spec, args: ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`, ...spec.args] } : spec);
    check('the measured apply', m, `Resources: ${opts.resources} added`);
    const { resources, latencyMs, parallelism } = opts;
    return figuresOf(emu.control.requestLog(), { resources, latencyMs, parallelism }, m.seconds, m.cpuSeconds);
  } finally {
    await emu.close();
    cleanTemp();
  }
}

/** Computes the bound and the measured span from the request log of the measured apply. */
export function figuresOf(
  log: readonly RequestLogEntry[],
  opts: { resources: number; latencyMs: number; parallelism: number },
  processSeconds: number,
  processCpuSeconds: number | null,
): LatencyFigures {
  const ok = log.filter((e) => e.status === 200);
  const callsByAction: Record<string, number> = {};
  for (const e of ok) callsByAction[e.action] = (callsByAction[e.action] ?? 0) + 1;
  const start = Math.min(...log.map((e) => Date.parse(e.time)));
  const end = Math.max(...log.map((e) => Date.parse(e.time) + e.durationMs));
  const boundMs = (ok.length * opts.latencyMs) / opts.parallelism;
  const measuredMs = log.length ? end - start : 0;
  const busyMs = log.reduce((a, e) => a + e.durationMs, 0);
  return {
    ...opts,
    calls: ok.length,
    callsByAction,
    failedCalls: log.length - ok.length,
    boundMs,
    measuredMs,
    measuredOverBound: boundMs ? measuredMs / boundMs : 0,
    meanCallMs: log.length ? busyMs / log.length : 0,
    meanInFlight: measuredMs ? busyMs / measuredMs : 0,
    processSeconds,
    processCpuSeconds,
  };
}

/** The latency benchmark's table. */
export function latencySection(f: LatencyFigures): Section {
  const actions = Object.entries(f.callsByAction)
    .map(([a, n]) => `${a} ${n}`)
    .join(', ');
  return {
    name: 'latency',
    title: `API-latency bound: ${f.resources} alicloud_security_group, ${f.latencyMs} ms per call, -parallelism=${f.parallelism}`,
    header: ['calls', 'bound', 'measured', 'measured/bound', 'goal', 'mean call', 'mean in flight', 'process wall', 'process CPU'],
    rows: [[String(f.calls), ms(f.boundMs), ms(f.measuredMs), ratio(f.measuredMs, f.boundMs), '≤ 1.15×', ms(f.meanCallMs), f.meanInFlight.toFixed(1), secs(f.processSeconds), secs(f.processCpuSeconds)]],
    notes: [
      `calls (successful, from the emulator's request log): ${actions || 'none'}; failed calls: ${f.failedCalls}.`,
      'bound = calls × latency ÷ parallelism; measured = first call in → last answer out (process start-up excluded, see cold start).',
      'mean in flight = Σ call durations ÷ measured (at most the parallelism): below it, the engine leaves slots idle between calls.',
    ],
    figures: f,
  };
}

/** The latency benchmark as the runner sees it. */
export const latencyBenchmark: Benchmark = {
  name: 'latency',
  summary: '200 security groups against the emulator with 50 ms per call, parallelism 10: measured ÷ bound',
  async run(opts: BenchOptions) {
    const f = await runLatency({ resources: opts.tiny ? 6 : 200, latencyMs: opts.tiny ? 20 : 50, parallelism: 10, log: opts.log });
    return [latencySection(f)];
  },
};
