import { BugError } from '../diag/index.js';
import { findCycles } from './cycles.js';

/** An edge: `from` depends on `to` (so `to` comes first in topological order). */
export interface Edge {
  readonly from: string;
  readonly to: string;
}

/**
 * A directed graph of string ids, each with optional data of type `T`. Edges point from a node to
 * one of its dependencies. Adding an edge to an unknown node adds that node (without data). Nothing
 * stops cycles from being added; `cycles()` finds them and the ordering operations refuse them.
 */
export class Dag<T = undefined> {
  private readonly data = new Map<string, T | undefined>();
  private readonly deps = new Map<string, Set<string>>();
  private readonly rdeps = new Map<string, Set<string>>();

  /** Adds a node (or replaces its data when it exists, keeping its edges). */
  addNode(id: string, data?: T): this {
    if (!this.data.has(id)) {
      this.deps.set(id, new Set());
      this.rdeps.set(id, new Set());
    }
    if (data !== undefined || !this.data.has(id)) this.data.set(id, data);
    return this;
  }

  /** True when the node exists. */
  hasNode(id: string): boolean {
    return this.data.has(id);
  }

  /** The data of a node, or undefined (unknown node or no data). */
  get(id: string): T | undefined {
    return this.data.get(id);
  }

  /** Node ids in insertion order. */
  nodes(): string[] {
    return [...this.data.keys()];
  }

  /** Number of nodes. */
  get size(): number {
    return this.data.size;
  }

  /** Records that `from` depends on `to`, adding either node when missing. Duplicate edges are kept once. */
  addEdge(from: string, to: string): this {
    this.addNode(from);
    this.addNode(to);
    this.deps.get(from)!.add(to);
    this.rdeps.get(to)!.add(from);
    return this;
  }

  /** Removes the edge `from → to` if it exists (the nodes stay). */
  removeEdge(from: string, to: string): this {
    this.deps.get(from)?.delete(to);
    this.rdeps.get(to)?.delete(from);
    return this;
  }

  /** True when the edge `from → to` exists. */
  hasEdge(from: string, to: string): boolean {
    return this.deps.get(from)?.has(to) ?? false;
  }

  /** Removes a node and every edge touching it; a no-op for unknown ids. */
  removeNode(id: string): this {
    if (!this.data.has(id)) return this;
    for (const d of this.deps.get(id)!) this.rdeps.get(d)!.delete(id);
    for (const r of this.rdeps.get(id)!) this.deps.get(r)!.delete(id);
    this.deps.delete(id);
    this.rdeps.delete(id);
    this.data.delete(id);
    return this;
  }

  /** Direct dependencies of a node (empty for unknown ids). */
  dependencies(id: string): ReadonlySet<string> {
    return this.deps.get(id) ?? new Set();
  }

  /** Direct dependents of a node (empty for unknown ids). */
  dependents(id: string): ReadonlySet<string> {
    return this.rdeps.get(id) ?? new Set();
  }

  /** Every edge, sorted by `from` then `to`. */
  edges(): Edge[] {
    const out: Edge[] = [];
    for (const [from, tos] of this.deps) for (const to of tos) out.push({ from, to });
    return out.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
  }

  /** All nodes reachable by following dependencies from `id` (not including `id` unless on a cycle). */
  transitiveDependencies(id: string): Set<string> {
    return this.reach(id, this.deps);
  }

  /** All nodes that depend on `id`, directly or not. */
  transitiveDependents(id: string): Set<string> {
    return this.reach(id, this.rdeps);
  }

  /**
   * The cycles of the graph: each strongly connected component with more than one node, and each node
   * with an edge to itself, as a sorted list of ids; the list is sorted by first member.
   */
  cycles(): string[][] {
    return findCycles(this.nodes(), (id) => this.dependencies(id));
  }

  /**
   * The nodes ordered so that every node comes after its dependencies. Among nodes that are ready at
   * the same time the smaller id (by `compare`, default code-unit order) comes first, so the order
   * is deterministic. Throws a BugError when the graph has a cycle (check `cycles()` first).
   */
  topologicalOrder(compare: (a: string, b: string) => number = cmp): string[] {
    const remaining = new Map<string, number>();
    for (const [id, ds] of this.deps) remaining.set(id, ds.size);
    const ready = [...remaining].filter(([, n]) => n === 0).map(([id]) => id);
    const out: string[] = [];
    while (ready.length) {
      ready.sort(compare);
      const id = ready.shift()!;
      out.push(id);
      for (const r of this.rdeps.get(id)!) {
        const n = remaining.get(r)! - 1;
        remaining.set(r, n);
        if (n === 0) ready.push(r);
      }
    }
    if (out.length !== this.data.size) throw new BugError('topologicalOrder called on a graph with a cycle.');
    return out;
  }

  /** The nodes ordered so that every node comes before its dependencies (destroy order). */
  reverseTopologicalOrder(compare: (a: string, b: string) => number = cmp): string[] {
    return this.topologicalOrder(compare).reverse();
  }

  private reach(id: string, edges: Map<string, Set<string>>): Set<string> {
    const seen = new Set<string>();
    const stack = [...(edges.get(id) ?? [])];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const m of edges.get(n) ?? []) if (!seen.has(m)) stack.push(m);
    }
    return seen;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
