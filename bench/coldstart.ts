/**
 * Cold start: wall time of one command in a fresh process — `minitf validate` and
 * `minitf plan -refresh=false` on the seed example (`examples/image-copy`; its data sources need the
 * cloud even without refresh, so the plan runs with `-emulator`, the embedded emulator), and the same
 * commands of both engines on a `terraform_data` twin of the seed (same resources, references and
 * output, data sources replaced by locals). Median of `reps` runs, the engines alternating. Then one
 * `node --cpu-prof` run of each seed command says where minitf's time goes (`lib/profile.ts`).
 */
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanTemp, engineCommand, minitf, repoRoot, terraformInit, tempDir, type Engine, type Operation } from './lib/engines.js';
import { measure, type Measured, type RunSpec } from './lib/proc.js';
import { CATEGORIES, readProfiles, type Breakdown } from './lib/profile.js';
import { bytes, median, ms, NO_TERRAFORM, ratio, secs, type Benchmark, type BenchOptions, type Section } from './lib/report.js';

/** The seed example's resources and their references, as `terraform_data` (data sources become locals). */
export const SEED_TWIN = `locals {
  zone_id       = "cn-hangzhou-i"
  image_id      = "ubuntu_22_04_x64_20G_alibase_20240926.vhd"
  instance_type = "ecs.sn1ne.large"
}

resource "terraform_data" "vpc" {
  input = { vpc_name = "terraform-example", cidr_block = "172.17.3.0/24" }
}

resource "terraform_data" "vswitch" {
  input = { vswitch_name = "terraform-example", cidr_block = "172.17.3.0/24", vpc_id = terraform_data.vpc.id, zone_id = local.zone_id }
}

resource "terraform_data" "security_group" {
  input = { name = "terraform-example", vpc_id = terraform_data.vpc.id }
}

resource "terraform_data" "instance" {
  input = {
    availability_zone          = local.zone_id
    instance_name              = "terraform-example"
    image_id                   = local.image_id
    instance_type              = local.instance_type
    security_groups            = [terraform_data.security_group.id]
    vswitch_id                 = terraform_data.vswitch.id
    internet_max_bandwidth_out = 10
  }
}

resource "terraform_data" "image" {
  input = { instance_id = terraform_data.instance.id, image_name = "terraform-example", description = "terraform-example" }
}

resource "terraform_data" "image_copy" {
  input = {
    source_image_id  = terraform_data.image.id
    source_region_id = "cn-hangzhou"
    image_name       = "terraform-example"
    description      = "terraform-example"
    tags             = { FinanceDept = "FinanceDeptJoshua" }
  }
}

output "image_copy_id" {
  description = "The ID of the copied image in cn-shanghai."
  value       = terraform_data.image_copy.id
}
`;

/** One timed command of the cold-start table. */
interface Command {
  readonly label: string;
  readonly engine: Engine;
  readonly spec: RunSpec;
}

/** Median figures of one command over the repetitions (`all`: every wall time). */
export interface ColdStartMedian {
  readonly seconds: number;
  readonly cpuSeconds: number | null;
  readonly maxRssBytes: number | null;
  readonly all: readonly number[];
}

/** The cold-start figures: medians per command and the two profiles. */
export interface ColdStartFigures {
  readonly reps: number;
  /** Median wall seconds (and peak RSS) per command label and engine. */
  readonly medians: Readonly<Record<string, Partial<Record<Engine, ColdStartMedian>>>>;
  readonly profiles: { readonly validate: Breakdown; readonly plan: Breakdown };
  readonly profiledSeconds: { readonly validate: number; readonly plan: number };
}

const VALIDATE_SEED = 'validate — seed (alicloud)';
const PLAN_SEED = 'plan -refresh=false — seed, -emulator';
const VALIDATE_TWIN = 'validate — terraform_data twin';
const PLAN_TWIN = 'plan -refresh=false — terraform_data twin';

function ok(what: string, m: Measured): Measured {
  if (m.code !== 0) throw new Error(`${what} failed (exit ${m.code}):\n${(m.stderr || m.stdout).trim().split('\n').slice(-10).join('\n')}`);
  return m;
}

/** Copies the seed example's configuration files (not its state or emulator data) into a temp dir. */
function seedDir(): string {
  const d = tempDir('seed');
  const src = join(repoRoot, 'examples', 'image-copy');
  for (const f of readdirSync(src)) if (f.endsWith('.tf')) copyFileSync(join(src, f), join(d, f));
  return d;
}

/** Runs the benchmark with `reps` repetitions per command. */
export async function runColdStart(reps: number, withTerraform: boolean, log: (l: string) => void): Promise<ColdStartFigures> {
  const seed = seedDir();
  const twin = tempDir('twin');
  writeFileSync(join(twin, 'main.tf'), SEED_TWIN);
  if (withTerraform) terraformInit(twin);
  const cmd = (label: string, engine: Engine, op: Operation, dir: string, extra: readonly string[] = []): Command => ({ label, engine, spec: engineCommand(engine, op, dir, extra) });
  const commands: Command[] = [
    cmd(VALIDATE_SEED, 'minitf', 'validate', seed),
    cmd(PLAN_SEED, 'minitf', 'plan-norefresh', seed, ['-emulator']),
    cmd(VALIDATE_TWIN, 'minitf', 'validate', twin),
    ...(withTerraform ? [cmd(VALIDATE_TWIN, 'terraform', 'validate', twin)] : []),
    cmd(PLAN_TWIN, 'minitf', 'plan-norefresh', twin),
    ...(withTerraform ? [cmd(PLAN_TWIN, 'terraform', 'plan-norefresh', twin)] : []),
  ];
  const runs = new Map<string, Measured[]>();
  for (let r = 0; r < reps; r++) {
    // Alternate: even repetitions run the list forwards, odd ones backwards.
    const order = r % 2 === 0 ? commands : [...commands].reverse();
    for (const c of order) {
      log(`coldstart: ${c.engine} ${c.label} (run ${r + 1}/${reps})`);
      const key = `${c.label}\u0000${c.engine}`;
      runs.set(key, [...(runs.get(key) ?? []), ok(`${c.engine} ${c.label}`, await measure(c.spec))]);
    }
  }
  const medians: Record<string, Partial<Record<Engine, ColdStartMedian>>> = {};
  for (const [key, ms] of runs) {
    const [label, engine] = key.split('\u0000') as [string, Engine];
    const of = (pick: (m: Measured) => number | null): number | null => median(ms.flatMap((m) => (pick(m) === null ? [] : [pick(m)!])));
    (medians[label] ??= {})[engine] = { seconds: of((m) => m.seconds)!, cpuSeconds: of((m) => m.cpuSeconds), maxRssBytes: of((m) => m.maxRssBytes), all: ms.map((m) => m.seconds) };
  }
  const profile = async (what: string, args: readonly string[]): Promise<{ b: Breakdown; seconds: number }> => {
    const dir = tempDir('cpuprof');
    log(`coldstart: profiling minitf ${what}`);
    const base = minitf(['-no-color', ...args], seed);
    const m = ok(`profiled ${what}`, await measure({ ...base, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...base.args] }));
    return { b: readProfiles(dir), seconds: m.seconds };
  };
  const v = await profile('validate', ['validate']);
  const p = await profile('plan -refresh=false -emulator', ['-emulator', 'plan', '-refresh=false', '-input=false']);
  cleanTemp();
  return { reps, medians, profiles: { validate: v.b, plan: p.b }, profiledSeconds: { validate: v.seconds, plan: p.seconds } };
}

/** The cold-start tables: wall times side by side, and where minitf's time goes. */
export function coldStartSections(f: ColdStartFigures, terraform: string | null): Section[] {
  const rows = [VALIDATE_SEED, PLAN_SEED, VALIDATE_TWIN, PLAN_TWIN].map((label) => {
    const m = f.medians[label]?.minitf;
    const t = f.medians[label]?.terraform;
    return [label, secs(m?.seconds), secs(t?.seconds), ratio(t?.seconds, m?.seconds), secs(m?.cpuSeconds), secs(t?.cpuSeconds), bytes(m?.maxRssBytes), bytes(t?.maxRssBytes)];
  });
  const times: Section = {
    name: 'coldstart',
    title: `Cold start: one command in a fresh process (median of ${f.reps})`,
    header: ['command', 'minitf', 'terraform', 'tf/minitf', 'minitf CPU', 'terraform CPU', 'minitf RSS', 'terraform RSS'],
    rows,
    notes: [
      'The seed plan uses -emulator (the embedded emulator answers its three data sources); the twin has the same 6 resources as terraform_data, data sources as locals.',
      'minitf runs node bin/minitf.js: the dist/ bundle when it is fresh (npm ci builds it), else the sources through tsx. CPU = user + system (GNU time), steadier than wall time on a shared machine.',
      ...(terraform ? [] : [NO_TERRAFORM]),
    ],
    figures: f,
  };
  const { validate: v, plan: p } = f.profiles;
  const cell = (x: number): string => (x >= 0.5 ? ms(x) : '');
  const breakdown: Section = {
    name: 'coldstart-profile',
    title: 'Where minitf start-up time goes (main thread self time, one --cpu-prof run each, seed example)',
    header: ['category', 'validate: before main()', 'validate: in main()', 'plan: before main()', 'plan: in main()'],
    rows: [
      ...CATEGORIES.map((c) => [c, cell(v.beforeMain[c]), cell(v.inMain[c]), cell(p.beforeMain[c]), cell(p.inMain[c])]),
      ['main() starts at', ms(v.mainStartsMs), '', ms(p.mainStartsMs), ''],
      ['profile length / process wall', `${ms(v.totalMs)} / ${secs(f.profiledSeconds.validate)}`, '', `${ms(p.totalMs)} / ${secs(f.profiledSeconds.plan)}`, ''],
      ['other threads busy (hcl2json worker; tsx loader from source)', ms(v.otherThreadsBusyMs), '', ms(p.otherThreadsBusyMs), ''],
      ['  of which hcl2json (Go WebAssembly)', ms(v.otherThreads['hcl2json (Go WebAssembly)']), '', ms(p.otherThreads['hcl2json (Go WebAssembly)']), ''],
    ],
    notes: [
      '"before main()" is loading the static module graph (bin/minitf.js → src/cli/main.ts); "in main()" is the command, with its lazy imports (providers, SDK). hcl2json runs in a worker thread: its time is in the other-threads rows, and the main thread waits for it (idle).',
      'Each profile is a single run (with some profiling overhead): the shares are what counts. Process wall − profile length ≈ Node start.',
    ],
    figures: null,
  };
  return [times, breakdown];
}

/** The cold-start benchmark as the runner sees it. */
export const coldStartBenchmark: Benchmark = {
  name: 'coldstart',
  summary: 'validate and plan -refresh=false in a fresh process, beside terraform validate; where the time goes',
  async run(opts: BenchOptions) {
    const f = await runColdStart(opts.reps, opts.terraform !== null, opts.log);
    return coldStartSections(f, opts.terraform);
  },
};
