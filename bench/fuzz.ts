/**
 * Configuration fuzzing at scale: `npx tsx bench/fuzz.ts [N]` (default 10,000) loads and validates N
 * mutated configurations (HCL, JSON and YAML: truncation, byte flips, deleted braces and quotes,
 * wrong types, huge numbers, deep nesting, …) and checks that every failure is a diagnostic with a
 * file and line, never an exception. Prints a summary; exits 1 on the first counterexample.
 * `run({ cases, seed })` returns the figures for a bench runner.
 */
import fc from 'fast-check';
import { pathToFileURL } from 'node:url';
import { CORPUS, checkCase, fuzzCaseArb, type FuzzCase } from '../test/config/fuzz-property.js';

/** Figures of one fuzz run. */
export interface FuzzFigures {
  readonly cases: number;
  readonly seed: number;
  readonly seconds: number;
  readonly casesPerSecond: number;
  readonly rejected: number;
  readonly accepted: number;
  readonly diagnostics: number;
  readonly byCorpus: Record<string, number>;
  readonly byMutation: Record<string, number>;
  readonly topSummaries: [string, number][];
  readonly failure?: string;
}

/** Runs `cases` fuzz cases (fast-check, the given seed) and returns the figures. */
export async function run(opts: { cases?: number; seed?: number } = {}): Promise<FuzzFigures> {
  const cases = opts.cases ?? 10_000;
  const seed = opts.seed ?? Date.now() % 2 ** 31;
  const byCorpus: Record<string, number> = {};
  const byMutation: Record<string, number> = {};
  const summaries = new Map<string, number>();
  let rejected = 0;
  let diagnostics = 0;
  const t0 = performance.now();
  let failure: string | undefined;
  try {
    await fc.assert(
      fc.asyncProperty(fuzzCaseArb, async (c: FuzzCase) => {
        const out = await checkCase(c);
        const name = CORPUS[c.base]!.name;
        byCorpus[name] = (byCorpus[name] ?? 0) + 1;
        for (const m of c.mutations) byMutation[m.kind] = (byMutation[m.kind] ?? 0) + 1;
        diagnostics += out.diagnostics.length;
        if (out.diagnostics.some((d) => d.severity === 'error')) rejected++;
        for (const d of out.diagnostics) summaries.set(d.summary, (summaries.get(d.summary) ?? 0) + 1);
      }),
      { numRuns: cases, seed, endOnFailure: true },
    );
  } catch (e) {
    failure = (e as Error).message;
  }
  const seconds = (performance.now() - t0) / 1000;
  const ran = Object.values(byCorpus).reduce((a, b) => a + b, 0);
  return {
    cases: ran,
    seed,
    seconds,
    casesPerSecond: ran / seconds,
    rejected,
    accepted: ran - rejected,
    diagnostics,
    byCorpus,
    byMutation,
    topSummaries: [...summaries].sort((a, b) => b[1] - a[1]).slice(0, 15),
    ...(failure ? { failure } : {}),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 10_000);
  const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : undefined;
  const f = await run({ cases: Number.isFinite(n) && n > 0 ? n : 10_000, ...(seed !== undefined ? { seed } : {}) });
  const lines = [
    `minitf config fuzz: ${f.cases} cases (seed ${f.seed}) in ${f.seconds.toFixed(1)} s, ${f.casesPerSecond.toFixed(0)} cases/s`,
    `  rejected with errors: ${f.rejected}, accepted: ${f.accepted}, diagnostics: ${f.diagnostics}`,
    `  uncaught exceptions: ${f.failure ? 'YES' : 0}`,
    `  by corpus: ${Object.entries(f.byCorpus).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  by mutation: ${Object.entries(f.byMutation).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '  most frequent summaries:',
    ...f.topSummaries.map(([s, c]) => `    ${String(c).padStart(7)}  ${s}`),
  ];
  console.log(lines.join('\n'));
  if (f.failure) {
    console.error(`\nCounterexample found:\n${f.failure}`);
    process.exitCode = 1;
  }
}
