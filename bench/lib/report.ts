/**
 * What every benchmark hands back to the runner (a titled table, its figures as JSON, notes), the
 * options they all receive, and the formatting of numbers and tables for stdout.
 */

/** Options every benchmark receives from the runner. */
export interface BenchOptions {
  /** Resource counts of the scaling benchmark (default 1,000 and 3,000; `--large` adds 10,000). */
  readonly sizes: readonly number[];
  /** Tiny workloads everywhere (the smoke test): checks the code paths, measures nothing useful. */
  readonly tiny: boolean;
  /** Terraform's version when it is on PATH and wanted, else null (minitf's figures only). */
  readonly terraform: string | null;
  /** Run Terraform at every size and shape, however long it takes (default: see `scale.ts`). */
  readonly terraformAll: boolean;
  /** Repetitions of the cheap measurements (cold start); the median is reported. */
  readonly reps: number;
  /**
   * When Terraform runs must be over (`performance.now()` milliseconds; the runner's budget less what
   * the other benchmarks need): a Terraform run predicted to end later is skipped, and said so (never
   * with `terraformAll`).
   */
  readonly deadline: number;
  /** Progress lines (stderr). */
  log(line: string): void;
}

/** A benchmark's result: a table for people and figures for `latest.json`. */
export interface Section {
  readonly name: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly notes: readonly string[];
  readonly figures: unknown;
}

/** A runnable benchmark. */
export interface Benchmark {
  readonly name: string;
  /** One line saying what it measures (for `--help`). */
  readonly summary: string;
  /** Runs it; one or more tables. Rejects when an engine fails (the runner reports it and goes on). */
  run(opts: BenchOptions): Promise<readonly Section[]>;
}

/** The note printed when Terraform did not run at all. */
export const NO_TERRAFORM = 'Terraform not run (not on PATH, or --no-terraform): minitf figures only.';

/** Seconds with two decimals (`12.34 s`), or `—` for null. */
export function secs(s: number | null | undefined): string {
  return s === null || s === undefined ? '—' : `${s.toFixed(2)} s`;
}

/** Milliseconds without decimals (`734 ms`), or `—`. */
export function ms(s: number | null | undefined): string {
  return s === null || s === undefined ? '—' : `${Math.round(s)} ms`;
}

/** A byte count in binary units (`1.3 MiB`), or `—`. */
export function bytes(b: number | null | undefined): string {
  if (b === null || b === undefined) return '—';
  if (b < 1024) return `${b} B`;
  if (b < 1024 ** 2) return `${(b / 1024).toFixed(1)} KiB`;
  if (b < 1024 ** 3) return `${(b / 1024 ** 2).toFixed(1)} MiB`;
  return `${(b / 1024 ** 3).toFixed(2)} GiB`;
}

/** `a / b` with two decimals and an `×` (`7.31×`), or `—` when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): string {
  const r = ratioValue(a, b);
  return r === null ? '—' : `${r.toFixed(2)}×`;
}

/** `a / b`, or null when either is missing or b is 0. */
export function ratioValue(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;
}

/** The median of `xs` (the mean of the middle two for an even count); null when empty. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A plain-text table with its title and notes: columns padded, numbers right-aligned. */
export function renderSection(s: Section): string {
  const all = [s.header, ...s.rows];
  const widths = s.header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const numeric = (t: string): boolean => /^[-\d.,]+\s*(s|ms|B|KiB|MiB|GiB|×|%|\/s)?$/.test(t) || t === '—';
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (i > 0 && numeric(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [`## ${s.title}`, '', line(s.header), rule, ...s.rows.map(line), ...(s.notes.length ? ['', ...s.notes.map((n) => `- ${n}`)] : []), ''].join('\n');
}
