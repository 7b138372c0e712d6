/**
 * The expression benchmark of the expression-language issue (`bench/expr.ts`, owned by `src/lang`'s
 * authors) wrapped for the runner: expressions parsed and evaluated per second.
 */
import { run } from './expr.js';
import { secs, type Benchmark, type BenchOptions } from './lib/report.js';

/** The expression benchmark as the runner sees it. */
export const exprBenchmark: Benchmark = {
  name: 'expr',
  summary: 'parse and evaluate a realistic mix of expressions (bench/expr.ts)',
  async run(opts: BenchOptions) {
    opts.log('expr: parsing and evaluating expressions in this process');
    const r = run(opts.tiny ? { count: 2000, warmup: 200 } : {});
    return [
      {
        name: 'expr',
        title: 'Expressions: parse + evaluate (in process, after a JIT warm-up)',
        header: ['expressions', 'wall', 'per second', 'CPU', 'per CPU second', 'parsing alone'],
        rows: [[String(r.count), secs(r.seconds), `${r.perSecond.toLocaleString('en-US')}/s`, secs(r.cpuSeconds), `${r.perCpuSecond.toLocaleString('en-US')}/s`, secs(r.parseSeconds)]],
        notes: ['bench/expr.ts: 20 expression shapes (references, templates, functions, conditionals, for-expressions, splats).'],
        figures: r,
      },
    ];
  },
};
