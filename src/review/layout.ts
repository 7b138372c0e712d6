import dagre from '@dagrejs/dagre';
import type { ReviewGraph, ReviewNode } from './graph.js';

/** A node with its box: centre `x`, `y` and size, in pixels. */
export interface PlacedNode extends ReviewNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An edge with the points of its polyline, from the dependent node to its dependency. */
export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** A laid-out graph: every node and edge placed in a `width` × `height` drawing. */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/** Font size of labels, px; labels are drawn in a monospace font so their width is known here. */
export const FONT_SIZE = 12;
/** Advance of one monospace character at {@link FONT_SIZE} (0.6 em). */
const CHAR_WIDTH = FONT_SIZE * 0.6;
const BOX_HEIGHT = 28;

function size(n: ReviewNode): { width: number; height: number } {
  const text = [...n.label].length * CHAR_WIDTH;
  return n.shape === 'diamond' ? { width: Math.ceil(text + 56), height: BOX_HEIGHT + 16 } : { width: Math.ceil(text + 20), height: BOX_HEIGHT };
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * Lays a graph out with dagre (layered, right to left as `terraform graph`'s DOT asks: dependencies on
 * the left), deterministically for the same input. Edges between the same two nodes in both directions
 * (cycles) are laid out as they come. Costs roughly linear time in nodes and edges for sparse graphs;
 * callers bound the size (see {@link MAX_LAYOUT_NODES}).
 */
export function layoutGraph(g: ReviewGraph): Layout {
  const d = new dagre.graphlib.Graph({ multigraph: false, directed: true });
  d.setGraph({ rankdir: 'RL', nodesep: 14, ranksep: 48, marginx: 8, marginy: 8 });
  d.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes) d.setNode(n.id, size(n));
  for (const e of g.edges) d.setEdge(e.from, e.to);
  dagre.layout(d);
  const nodes = g.nodes.map((n): PlacedNode => {
    const p = d.node(n.id);
    return { ...n, x: round(p.x), y: round(p.y), width: p.width, height: p.height };
  });
  const edges = g.edges.map((e): PlacedEdge => ({ ...e, points: (d.edge(e.from, e.to)?.points ?? []).map((p: { x: number; y: number }) => ({ x: round(p.x), y: round(p.y) })) }));
  const graph = d.graph();
  return { width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0), nodes, edges };
}

/** The most nodes {@link layoutGraph} is asked to place in one drawing (a few seconds of layout). */
export const MAX_LAYOUT_NODES = 2_000;
