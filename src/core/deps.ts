import type { ConfigGraph } from './nodes.js';

/**
 * For every resource node, the resource (and data) nodes it depends on, following references through
 * variables, locals, outputs, module calls and providers without stopping at them. These are the
 * `dependencies` recorded in state and the ordering of apply.
 */
export function resourceDependencies(g: ConfigGraph): Map<string, Set<string>> {
  const memo = new Map<string, Set<string>>();
  const through = (id: string, seen: Set<string>): Set<string> => {
    const out = new Set<string>();
    for (const d of g.deps.get(id) ?? []) {
      if (seen.has(d)) continue;
      seen.add(d);
      const n = g.nodes.get(d);
      if (!n) continue;
      if (n.kind === 'resource') out.add(d);
      else for (const x of through(d, seen)) out.add(x);
    }
    return out;
  };
  for (const [id, n] of g.nodes) {
    if (n.kind !== 'resource') continue;
    memo.set(id, through(id, new Set([id])));
  }
  return memo;
}

/**
 * The `dependencies` Terraform records in state for a resource node: every resource (and data) node it
 * depends on directly or through other resources, sorted (Terraform's AttachDependenciesTransformer
 * walks all ancestors). `resourceDeps` is `resourceDependencies`' result.
 */
export function stateDependencies(resourceDeps: ReadonlyMap<string, ReadonlySet<string>>, id: string): string[] {
  const out = new Set<string>();
  const stack = [...(resourceDeps.get(id) ?? [])];
  while (stack.length) {
    const x = stack.pop()!;
    if (out.has(x) || x === id) continue;
    out.add(x);
    stack.push(...(resourceDeps.get(x) ?? []));
  }
  return [...out].sort();
}

/** Every node that depends (transitively) on any of `ids`. */
export function dependents(g: ConfigGraph, ids: Iterable<string>): Set<string> {
  const rev = new Map<string, string[]>();
  for (const [id, ds] of g.deps) for (const d of ds) (rev.get(d) ?? rev.set(d, []).get(d)!).push(id);
  const out = new Set<string>();
  const stack = [...ids];
  while (stack.length) {
    const x = stack.pop()!;
    for (const y of rev.get(x) ?? []) if (!out.has(y)) {
      out.add(y);
      stack.push(y);
    }
  }
  return out;
}

/** Every node that `ids` depend on (transitively), including `ids`. */
export function dependencyClosure(g: ConfigGraph, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const stack = [...ids];
  while (stack.length) {
    const x = stack.pop()!;
    if (out.has(x)) continue;
    out.add(x);
    for (const d of g.deps.get(x) ?? []) stack.push(d);
  }
  return out;
}

/**
 * Runs `fn` on every node after all its dependencies, at most `parallelism` at once. A node whose
 * dependency failed is skipped (reported through `onSkip`); independent work continues. Stops
 * scheduling new nodes when `signal` aborts. Cycles must have been rejected before.
 */
export async function walkGraph(
  deps: ReadonlyMap<string, ReadonlySet<string>>,
  parallelism: number,
  fn: (id: string) => Promise<boolean>,
  opts: { signal?: AbortSignal; onSkip?: (id: string) => void } = {},
): Promise<void> {
  const waiting = new Map<string, number>();
  const rev = new Map<string, string[]>();
  for (const [id, ds] of deps) {
    let n = 0;
    for (const d of ds) {
      if (!deps.has(d)) continue;
      n++;
      (rev.get(d) ?? rev.set(d, []).get(d)!).push(id);
    }
    waiting.set(id, n);
  }
  const failed = new Set<string>();
  const ready: string[] = [...waiting].filter(([, n]) => n === 0).map(([id]) => id);
  let running = 0;
  let done = 0;
  const total = waiting.size;
  await new Promise<void>((resolveAll) => {
    const finish = (id: string, ok: boolean) => {
      running--;
      done++;
      if (!ok) failed.add(id);
      for (const dep of rev.get(id) ?? []) {
        const n = waiting.get(dep)! - 1;
        waiting.set(dep, n);
        if (n === 0) ready.push(dep);
      }
      pump();
    };
    const pump = () => {
      while (ready.length && running < Math.max(1, parallelism)) {
        const id = ready.shift()!;
        const skip = [...(deps.get(id) ?? [])].some((d) => failed.has(d)) || opts.signal?.aborted;
        if (skip) {
          opts.onSkip?.(id);
          running++;
          finish(id, false);
          continue;
        }
        running++;
        fn(id).then(
          (ok) => finish(id, ok),
          () => finish(id, false),
        );
      }
      if (done === total && running === 0) resolveAll();
      else if (running === 0 && ready.length === 0) {
        // A cycle: nothing can become ready. Report the rest as skipped so callers never hang.
        for (const [id, n] of waiting) if (n > 0) {
          waiting.set(id, -1);
          opts.onSkip?.(id);
          done++;
        }
        resolveAll();
      }
    };
    pump();
    if (total === 0) resolveAll();
  });
}
