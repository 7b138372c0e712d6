/**
 * Expression benchmark: parses and evaluates a realistic mix of expressions (references, templates,
 * function calls, conditionals, for-expressions, splats) and reports expressions per second.
 * Run standalone with `npx tsx bench/expr.ts [count]`; `run(opts)` returns the figures.
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../src/diag/index.js';
import { evaluate, fromJSON, parseExpression, type Scope, type Value } from '../src/lang/index.js';

const hasErrorsIn = (d: readonly Diagnostic[]): boolean => d.some((x) => x.severity === 'error');

/** Options of a benchmark run. */
export interface ExprBenchOptions {
  /** How many expressions each round parses and evaluates (default 100,000). */
  readonly count?: number;
  /** Expressions evaluated untimed first, to warm the JIT (default 100,000). */
  readonly warmup?: number;
  /** Timed rounds; the figures are those of the fastest round (default 5). */
  readonly rounds?: number;
}

/** The figures of a run (those of its fastest round, which the shared machine disturbed least). */
export interface ExprBenchResult {
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** CPU time of that round (user + system, all threads: includes the garbage collector's helpers). */
  readonly cpuSeconds: number;
  readonly perCpuSecond: number;
  /** Time to parse the same expressions without evaluating them. */
  readonly parseSeconds: number;
  /** Expressions per second of every round, in order. */
  readonly roundsPerSecond: readonly number[];
}

const SHAPES: readonly ((i: number) => string)[] = [
  (i) => `var.name_${i % 50}`,
  (i) => `local.tags_${i % 20}["env"]`,
  (i) => `"\${var.prefix}-web-\${count.index + ${i % 7}}"`,
  (i) => `alicloud_vpc.main_${i % 10}.id`,
  (i) => `data.alicloud_zones.default.zones[${i % 3}].id`,
  (i) => `var.enabled_${i % 5} ? var.size_${i % 9} * ${i % 4 + 1} : 0`,
  (i) => `lookup(local.tags_${i % 20}, "owner", "team-${i % 13}")`,
  (i) => `merge(local.tags_${i % 20}, { Name = "node-\${each.key}-${i}" })`,
  (i) => `[for s in var.subnets : s.cidr if s.zone != "z${i % 4}"]`,
  (i) => `{ for k, v in local.tags_${i % 20} : upper(k) => v }`,
  (i) => `length(var.subnets) > ${i % 5} && contains(["a", "b"], "a")`,
  (i) => `format("%s-%03d", var.prefix, ${i % 1000})`,
  (i) => `cidrsubnet("10.${i % 200}.0.0/16", 8, ${i % 250})`,
  (i) => `join(",", compact([var.prefix, "x${i}", ""]))`,
  () => `var.subnets[*].zone`,
  (i) => `coalesce(var.maybe, "fallback-${i}")`,
  (i) => `try(local.tags_${i % 20}.missing, "none")`,
  (i) => `"%{ if var.enabled_${i % 5} }on-${i}%{ else }off%{ endif }"`,
  (i) => `${i} + ${i % 17} * 2 - 1`,
  (i) => `"arn:acs:ram::\${var.account}:role/r${i}"`,
];

/** The scope the benchmark expressions evaluate in. */
export function makeScope(): Scope {
  const vars: Record<string, unknown> = { prefix: 'demo', account: '123456', maybe: null, subnets: [] };
  for (let i = 0; i < 50; i++) vars[`name_${i}`] = `name-${i}`;
  for (let i = 0; i < 5; i++) vars[`enabled_${i}`] = i % 2 === 0;
  for (let i = 0; i < 9; i++) vars[`size_${i}`] = i * 10;
  vars.subnets = [0, 1, 2, 3].map((i) => ({ cidr: `10.0.${i}.0/24`, zone: `z${i}` }));
  const locals: Record<string, unknown> = {};
  for (let i = 0; i < 20; i++) locals[`tags_${i}`] = { env: 'prod', team: `t${i}`, owner: i % 2 ? 'ops' : undefined };
  const vpcs: Record<string, unknown> = {};
  for (let i = 0; i < 10; i++) vpcs[`main_${i}`] = { id: `vpc-${i}`, cidr_block: '10.0.0.0/8' };
  const roots: Record<string, Value> = {
    var: fromJSON(vars),
    local: fromJSON(JSON.parse(JSON.stringify(locals))),
    alicloud_vpc: fromJSON(vpcs),
    data: fromJSON({ alicloud_zones: { default: { zones: [{ id: 'cn-hz-a' }, { id: 'cn-hz-b' }, { id: 'cn-hz-c' }] } } }),
    count: fromJSON({ index: 3 }),
    each: fromJSON({ key: 'k1', value: 'v1' }),
  };
  return { get: (r) => roots[r], baseDir: '.' };
}

/** The i-th benchmark expression source. */
export function expressionSource(i: number): string {
  return SHAPES[i % SHAPES.length]!(i);
}

/** Parses and evaluates `count` expressions per round; throws when any expression reports an error. */
export function run(opts: ExprBenchOptions = {}): ExprBenchResult {
  const count = opts.count ?? 100_000;
  const warmup = opts.warmup ?? 100_000;
  const rounds = Math.max(1, opts.rounds ?? 5);
  const scope = makeScope();
  const origin = { file: 'bench.tf', line: 1, column: 1 };
  const once = (i: number): void => {
    const p = parseExpression(expressionSource(i), origin);
    const r = evaluate(p.value, scope);
    if (hasErrorsIn(p.diagnostics) || hasErrorsIn(r.diagnostics)) {
      throw new Error(`bench expression failed: ${expressionSource(i)}: ${[...p.diagnostics, ...r.diagnostics].map((d) => `${d.summary}: ${d.detail}`).join('; ')}`);
    }
  };
  for (let i = 0; i < warmup; i++) once(i + count);
  const sources = Array.from({ length: count }, (_, i) => expressionSource(i));
  let best: { seconds: number; cpuSeconds: number } | undefined;
  const roundsPerSecond: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    // Parse and evaluate each expression, as configuration loading and planning do.
    for (let i = 0; i < count; i++) evaluate(parseExpression(sources[i]!, origin).value, scope);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    roundsPerSecond.push(Math.round(count / seconds));
    if (!best || seconds < best.seconds) best = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  }
  const t1 = performance.now();
  for (let i = 0; i < count; i++) parseExpression(sources[i]!, origin);
  const parseSeconds = (performance.now() - t1) / 1000;
  return {
    count,
    seconds: best!.seconds,
    perSecond: Math.round(count / best!.seconds),
    cpuSeconds: best!.cpuSeconds,
    perCpuSecond: Math.round(count / best!.cpuSeconds),
    parseSeconds,
    roundsPerSecond,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  const r = run(n ? { count: n } : {});
  console.log(`expressions: ${r.count}`);
  console.log(`fastest of ${r.roundsPerSecond.length} rounds: ${r.seconds.toFixed(3)} s (parsing alone: ${r.parseSeconds.toFixed(3)} s); rounds: ${r.roundsPerSecond.join(', ')} per second`);
  console.log(`expressions per second: ${r.perSecond} (per CPU second: ${r.perCpuSecond})`);
}
