/**
 * Parsing: loading a 5,000-block configuration (~1.2 MB in one `.tf` file, `lib/generate.ts`) with
 * `loadConfig` from `src/config`, in a fresh child process: the first load (hcl2json's WebAssembly
 * start included), a second load in the same process, the resident memory before loading and the
 * peak. Beside it, `minitf validate` and `terraform validate` of the same directory as whole processes.
 *
 * This file is also the child: `node --import tsx bench/parse.ts --child DIR` prints its figures as JSON.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cleanTemp, engineCommand, repoRoot, terraformInit, tempDir, type Engine } from './lib/engines.js';
import { parseConfig } from './lib/generate.js';
import { measure, type Measured } from './lib/proc.js';
import { bytes, NO_TERRAFORM, ratio, secs, type Benchmark, type BenchOptions } from './lib/report.js';

/** What the child process measures around `loadConfig`. */
export interface LoadFigures {
  readonly firstSeconds: number;
  readonly secondSeconds: number;
  /** CPU time (user + system, all threads) of each load: steadier than wall time on a busy machine. */
  readonly firstCpuSeconds: number;
  readonly secondCpuSeconds: number;
  readonly rssBeforeBytes: number;
  readonly peakRssBytes: number;
  readonly heapUsedAfterBytes: number;
  /** Resources, locals and outputs loaded (a check that the whole file was read). */
  readonly resources: number;
  readonly locals: number;
  readonly outputs: number;
}

/** The parsing benchmark's figures. */
export interface ParseFigures {
  readonly blocks: number;
  readonly configBytes: number;
  readonly load: LoadFigures;
  readonly validate: Partial<Record<Engine, { readonly seconds: number; readonly cpuSeconds: number | null; readonly maxRssBytes: number | null }>>;
}

/** The child's work: loads `dir` twice and reports. Throws when the configuration has errors. */
async function child(dir: string): Promise<LoadFigures> {
  const { loadConfig } = await import('../src/config/index.js');
  const rssBeforeBytes = process.memoryUsage().rss;
  const cpu = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1e6;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await loadConfig(dir);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  await loadConfig(dir);
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`the parsing workload has errors: ${errors[0]!.summary}: ${errors[0]!.detail ?? ''}`);
  return {
    firstSeconds: (t1 - t0) / 1000,
    secondSeconds: (t2 - t1) / 1000,
    firstCpuSeconds: cpu(c1) - cpu(c0),
    secondCpuSeconds: cpu(c2) - cpu(c1),
    rssBeforeBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    heapUsedAfterBytes: process.memoryUsage().heapUsed,
    resources: r.value.root.managedResources.size,
    locals: r.value.root.locals.size,
    outputs: r.value.root.outputs.size,
  };
}

function checked(what: string, m: Measured): Measured {
  if (m.code !== 0) throw new Error(`${what} failed (exit ${m.code}):\n${(m.stderr || m.stdout).trim().split('\n').slice(-10).join('\n')}`);
  return m;
}

/** Generates the workload and measures it (`blocks` blocks). */
export async function runParse(blocks: number, withTerraform: boolean, log: (l: string) => void): Promise<ParseFigures> {
  const dir = tempDir('parse');
  const text = parseConfig(blocks);
  writeFileSync(join(dir, 'main.tf'), text);
  log(`parse: loadConfig of ${blocks} blocks (${text.length} bytes) in a child process`);
  const self = fileURLToPath(import.meta.url);
  const m = checked('the loadConfig child', await measure({ cmd: process.execPath, args: ['--import', 'tsx', self, '--child', dir], cwd: repoRoot }));
  const load = JSON.parse(m.stdout.trim().split('\n').pop()!) as LoadFigures;
  const validate: ParseFigures['validate'] = {};
  const engines: Engine[] = withTerraform ? ['terraform', 'minitf'] : ['minitf'];
  if (withTerraform) terraformInit(dir);
  for (const e of engines) {
    log(`parse: ${e} validate`);
    const v = checked(`${e} validate`, await measure(engineCommand(e, 'validate', dir)));
    validate[e] = { seconds: v.seconds, cpuSeconds: v.cpuSeconds, maxRssBytes: v.maxRssBytes };
  }
  cleanTemp();
  return { blocks, configBytes: Buffer.byteLength(text), load, validate };
}

/** The parsing benchmark as the runner sees it. */
export const parseBenchmark: Benchmark = {
  name: 'parse',
  summary: 'load a 5,000-block (~1.2 MB) configuration: time and peak memory; validate beside Terraform',
  async run(opts: BenchOptions) {
    const f = await runParse(opts.tiny ? 40 : 5000, opts.terraform !== null, opts.log);
    const mt = f.validate.minitf;
    const tf = f.validate.terraform;
    return [
      {
        name: 'parse',
        title: `Parsing: ${f.blocks} blocks, ${bytes(f.configBytes)} in one .tf`,
        header: ['measure', 'minitf', 'terraform', 'tf/minitf'],
        rows: [
          ['loadConfig, first (hcl2json start included)', secs(f.load.firstSeconds), '', ''],
          ['loadConfig, first, CPU', secs(f.load.firstCpuSeconds), '', ''],
          ['loadConfig, second (same process)', secs(f.load.secondSeconds), '', ''],
          ['loadConfig, second, CPU', secs(f.load.secondCpuSeconds), '', ''],
          ['RSS before loading → peak', `${bytes(f.load.rssBeforeBytes)} → ${bytes(f.load.peakRssBytes)}`, '', ''],
          ['validate, whole process', secs(mt?.seconds), secs(tf?.seconds), ratio(tf?.seconds, mt?.seconds)],
          ['validate, whole process, CPU', secs(mt?.cpuSeconds), secs(tf?.cpuSeconds), ratio(tf?.cpuSeconds, mt?.cpuSeconds)],
          ['validate, peak RSS', bytes(mt?.maxRssBytes), bytes(tf?.maxRssBytes), ratio(tf?.maxRssBytes, mt?.maxRssBytes)],
        ],
        notes: [
          'loadConfig runs in a fresh child process (node --import tsx), timed around the call; peak RSS from process.resourceUsage(). Nearly all of it is hcl2json (Go compiled to WebAssembly) parsing the file.',
          ...(opts.terraform ? [] : [NO_TERRAFORM]),
        ],
        figures: f,
      },
    ];
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--child') {
  const figures = await child(process.argv[3]!);
  process.stdout.write(JSON.stringify(figures) + '\n');
}
