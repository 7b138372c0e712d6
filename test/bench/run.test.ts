// Smoke test of the benchmark runner: every benchmark at tiny sizes (Terraform too when it is on
// PATH), checking that the figures exist and hang together. No timing is asserted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ColdStartFigures } from '../../bench/coldstart.js';
import type { LatencyFigures } from '../../bench/latency.js';
import { parseConfig } from '../../bench/lib/generate.js';
import { hasProcIo } from '../../bench/lib/proc.js';
import type { ParseFigures } from '../../bench/parse.js';
import type { ReviewFigures } from '../../bench/review.js';
import { existsSync } from 'node:fs';
import { parseArgs, runBenchmarks, type BenchResults } from '../../bench/run.js';
import type { ScaleCase, ScalingFigure } from '../../bench/scale.js';

const out = mkdtempSync(join(tmpdir(), 'minitf-bench-smoke-'));
let results: BenchResults;
let printed = '';

beforeAll(async () => {
  results = await runBenchmarks({ tiny: true, sizes: [2, 4], out: join(out, 'latest.json'), print: (t) => void (printed += t + '\n'), log: () => {} });
}, 900_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const figures = <T>(name: string): T => results.sections.find((s) => s.name === name)!.figures as T;

describe('benchmark runner (tiny sizes)', () => {
  test('runs every benchmark without errors and prints each table', () => {
    expect(results.errors).toEqual([]);
    const names = results.sections.map((s) => s.name);
    expect(names).toEqual(['scale', 'scale-memory', 'scale-written', 'scale-growth', 'latency', 'coldstart', 'coldstart-profile', 'parse', 'expr', 'review']);
    for (const s of results.sections) {
      expect(printed).toContain(`## ${s.title}`);
      for (const row of s.rows) expect(row.length).toBe(s.header.length);
    }
  });

  test('writes the results file with the machine and versions', () => {
    const file = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as BenchResults;
    expect(file.machine.cores).toBe(cpus().length);
    expect(file.node).toBe(process.version);
    expect(file.sections.length).toBe(results.sections.length);
    expect(file.terraform).toBe(results.terraform);
  });

  test('scaling: both engines applied every shape and size, and planned no changes', () => {
    const cases = figures<ScaleCase[]>('scale');
    expect(cases.map((c) => `${c.shape}:${c.n}`)).toEqual(['count:2', 'count:4', 'hubs:2', 'hubs:4', 'blocks:2', 'blocks:4']);
    for (const c of cases) {
      const engines = results.terraform ? [c.minitf, c.terraform] : [c.minitf];
      for (const e of engines) {
        expect(e).toBeDefined();
        expect(e!.apply.seconds).toBeGreaterThan(0);
        expect(e!.plan.seconds).toBeGreaterThan(0);
        expect(e!.stateBytes).toBeGreaterThan(0);
        // The apply wrote the state at least once.
        if (hasProcIo) expect(e!.apply.fileBytes).toBeGreaterThanOrEqual(e!.stateBytes!);
      }
    }
    const growth = figures<ScalingFigure[]>('scale-growth');
    const countApply = growth.find((g) => g.shape === 'count' && g.engine === 'minitf' && g.op === 'apply')!;
    expect(countApply.ratio).toBeCloseTo(countApply.largeSeconds / countApply.smallSeconds, 10);
  });

  test('latency: one create and one read per security group, measured no faster than the bound', () => {
    const f = figures<LatencyFigures>('latency');
    expect(f.callsByAction).toEqual({ CreateSecurityGroup: f.resources, DescribeSecurityGroups: f.resources });
    expect(f.failedCalls).toBe(0);
    expect(f.boundMs).toBe((2 * f.resources * f.latencyMs) / f.parallelism);
    expect(f.measuredMs).toBeGreaterThanOrEqual(f.boundMs);
  });

  test('cold start: every command timed, profiles found main()', () => {
    const f = figures<ColdStartFigures>('coldstart');
    expect(Object.keys(f.medians)).toHaveLength(4);
    for (const m of Object.values(f.medians)) expect(m.minitf!.seconds).toBeGreaterThan(0);
    for (const p of [f.profiles.validate, f.profiles.plan]) {
      expect(p.mainStartsMs).toBeGreaterThan(0);
      expect(p.totalMs).toBeGreaterThan(p.mainStartsMs!);
      // hcl2json's WebAssembly runs in its worker thread, never in the main one.
      expect(p.inMain['hcl2json (Go WebAssembly)'] + p.beforeMain['hcl2json (Go WebAssembly)']).toBe(0);
      expect(p.otherThreads['hcl2json (Go WebAssembly)']).toBeGreaterThan(0);
    }
  });

  test('parsing: the whole generated file was loaded', () => {
    const f = figures<ParseFigures>('parse');
    const text = parseConfig(f.blocks);
    expect(f.load.resources).toBe(text.match(/^resource "/gm)!.length);
    expect(f.load.outputs).toBe(text.match(/^output "/gm)!.length);
    expect(f.load.peakRssBytes).toBeGreaterThanOrEqual(f.load.rssBeforeBytes);
  });
});

describe('review benchmark (tiny)', () => {
  test('built the page of every change, and opened and filtered it when Chromium is there', () => {
    const f = results.sections.find((s) => s.name === 'review')!.figures as ReviewFigures;
    expect(f.changes).toBe(50);
    expect(f.pageBytes).toBeGreaterThan(0);
    if (existsSync(process.env.MINITF_CHROMIUM ?? '/usr/bin/chromium')) {
      expect(f.openMs).toBeGreaterThan(0);
      expect(f.filters.map((x) => x.name)).toHaveLength(6);
      // Clearing a filter shows every change again.
      expect(f.filters.find((x) => x.name === 'text cleared')!.shown).toBe(50);
    } else expect(f.openMs).toBeNull();
  });
});

describe('runner command line', () => {
  test.each([
    [['scale', '--large'], { large: true, only: ['scale'] }],
    [['--sizes=10,20', '--reps=2', '--no-terraform', '--budget=60'], { sizes: [10, 20], reps: 2, terraform: false, budget: 60 }],
    [['--terraform-all', '--tiny', '--out=/tmp/x.json'], { terraformAll: true, tiny: true, out: '/tmp/x.json' }],
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });
  test.each([[['--sizes=0']], [['--reps=x']], [['--budget=-1']], [['--frobnicate']], [['scale', 'nope']]])('rejects %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow();
  });
});
