import type { ConfigGraphNode } from '../config/index.js';
import type { Dag } from '../graph/index.js';
import type { Review, ReviewAction } from './model.js';

/** One node to draw: a resource, data source or provider configuration of the configuration graph. */
export interface ReviewNode {
  readonly id: string;
  readonly label: string;
  readonly shape: 'box' | 'diamond';
  /** The planned action that colours the node (the most far-reaching of its instances'), if any. */
  readonly action?: ReviewAction;
  /** How many of its instances have each action (`{ create: 2, update: 1 }`); empty without a plan. */
  readonly actions: Readonly<Partial<Record<ReviewAction, number>>>;
}

/** The graph a review draws: the nodes and edges of `minitf graph`, edges from a node to what it depends on. */
export interface ReviewGraph {
  readonly nodes: readonly ReviewNode[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

/** Actions by how far they reach: a node with instances of several takes the first. */
const PRECEDENCE: readonly ReviewAction[] = ['replace', 'delete', 'update', 'create', 'read', 'forget', 'import', 'move'];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The configuration graph as `graph -format=dot` prints it (same nodes, same edges, nodes sorted by
 * id), each node coloured by the actions the review plans for its instances when a review is given.
 */
export function reviewGraph(graph: Dag<ConfigGraphNode>, review?: Review): ReviewGraph {
  const tally = new Map<string, Partial<Record<ReviewAction, number>>>();
  for (const c of review?.changes ?? []) {
    const t = tally.get(c.node) ?? {};
    t[c.action] = (t[c.action] ?? 0) + 1;
    tally.set(c.node, t);
  }
  const nodes = [...graph.nodes()].sort(cmp).map((id): ReviewNode => {
    const n = graph.get(id);
    const actions = tally.get(id) ?? {};
    const action = PRECEDENCE.find((a) => actions[a]);
    return { id, label: n?.label ?? id, shape: n?.kind === 'provider' ? 'diamond' : 'box', actions, ...(action ? { action } : {}) };
  });
  return { nodes, edges: graph.edges().map((e) => ({ from: e.from, to: e.to })) };
}
