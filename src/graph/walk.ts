import { BugError } from '../diag/index.js';
import type { Dag } from './dag.js';

/** Options of `walk`. */
export interface WalkOptions {
  /** Most visits running at once (Terraform's `-parallelism`); at least 1. */
  readonly parallelism: number;
  /** When it aborts, no further visit starts; visits already running receive it and finish. */
  readonly signal?: AbortSignal;
  /** Start order among nodes that are ready together; default code-unit order of the ids. */
  readonly compare?: (a: string, b: string) => number;
}

/**
 * What became of a node: `succeeded`, `failed` (its visit threw or returned `false`), `skipped` (a
 * dependency did not succeed) or `cancelled` (the walk was aborted before it started).
 */
export type WalkOutcome = 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** The result of a walk. Every node of the graph has an outcome. */
export interface WalkResult {
  readonly outcomes: ReadonlyMap<string, WalkOutcome>;
  /** What each failed visit threw (visits that returned `false` have no entry). */
  readonly errors: ReadonlyMap<string, unknown>;
  /** For each skipped node, a dependency that did not succeed. */
  readonly skippedBecause: ReadonlyMap<string, string>;
  /** True when the signal aborted the walk. */
  readonly aborted: boolean;
}

/** Visits one node; a thrown error or a `false` result marks the node failed. */
export type Visitor = (id: string, signal: AbortSignal) => Promise<boolean | void>;

/**
 * Walks a graph in dependency order with at most `parallelism` visits running at once: a node is
 * visited only after all its dependencies succeeded; when one fails, its transitive dependents are
 * marked `skipped` and independent work carries on. When `signal` aborts, nothing new starts, the
 * visits already running are awaited, and every node not yet started is `cancelled`. Resolves once
 * nothing is running; never rejects because of a visit. Throws a BugError for a cyclic graph.
 */
export async function walk<T>(graph: Dag<T>, opts: WalkOptions, visit: Visitor): Promise<WalkResult> {
  if (graph.cycles().length) throw new BugError('walk called on a graph with a cycle.');
  const parallelism = Math.max(1, Math.floor(opts.parallelism) || 1);
  const compare = opts.compare ?? ((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0));
  const outcomes = new Map<string, WalkOutcome>();
  const errors = new Map<string, unknown>();
  const skippedBecause = new Map<string, string>();
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const id of graph.nodes()) {
    const n = graph.dependencies(id).size;
    waiting.set(id, n);
    if (n === 0) ready.push(id);
  }
  const inner = new AbortController();
  const onAbort = (): void => inner.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) onAbort();

  const skip = (id: string, cause: string): void => {
    const stack = [id];
    skippedBecause.set(id, cause);
    outcomes.set(id, 'skipped');
    while (stack.length) {
      const n = stack.pop()!;
      for (const r of graph.dependents(n)) {
        if (outcomes.has(r)) continue;
        outcomes.set(r, 'skipped');
        skippedBecause.set(r, n);
        stack.push(r);
      }
    }
  };

  let running = 0;
  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (!inner.signal.aborted && running < parallelism && ready.length) {
        ready.sort(compare);
        const id = ready.shift()!;
        if (outcomes.has(id)) continue;
        running++;
        void run(id);
      }
      if (running === 0) resolve();
    };
    const finish = (id: string, ok: boolean): void => {
      running--;
      outcomes.set(id, ok ? 'succeeded' : 'failed');
      for (const r of graph.dependents(id)) {
        if (!ok) {
          if (!outcomes.has(r)) skip(r, id);
          continue;
        }
        const n = waiting.get(r)! - 1;
        waiting.set(r, n);
        if (n === 0 && !outcomes.has(r)) ready.push(r);
      }
      pump();
    };
    const run = async (id: string): Promise<void> => {
      let ok = true;
      try {
        ok = (await visit(id, inner.signal)) !== false;
      } catch (e) {
        ok = false;
        errors.set(id, e);
      }
      finish(id, ok);
    };
    pump();
  });
  opts.signal?.removeEventListener('abort', onAbort);
  for (const id of graph.nodes()) if (!outcomes.has(id)) outcomes.set(id, 'cancelled');
  return { outcomes, errors, skippedBecause, aborted: inner.signal.aborted };
}
