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
 * Above this many nodes, provider configurations are placed in a column of their own and their edges
 * drawn straight: every resource's edge to its provider spans many ranks, and dagre orders one dummy
 * node per rank crossed, which takes seconds (500 resources: 4.8 s of CPU with them, 0.2 s without).
 */
export const HUB_COLUMN_NODES = 150;
const RANKSEP = 48;
const MARGIN = 8;

/**
 * Lays a graph out with dagre (layered, right to left as `terraform graph`'s DOT asks: dependencies on
 * the left), deterministically for the same input. Edges between the same two nodes in both directions
 * (cycles) are laid out as they come. Graphs of more than {@link HUB_COLUMN_NODES} nodes get their
 * provider configurations (diamonds) in a column left of the rest, spread over its height, with
 * straight edges. Callers bound the size (see {@link MAX_LAYOUT_NODES}).
 */
export function layoutGraph(g: ReviewGraph): Layout {
  const hubs = new Set(g.nodes.length > HUB_COLUMN_NODES ? g.nodes.filter((n) => n.shape === 'diamond').map((n) => n.id) : []);
  const d = new dagre.graphlib.Graph({ multigraph: false, directed: true });
  d.setGraph({ rankdir: 'RL', nodesep: 14, ranksep: RANKSEP, marginx: MARGIN, marginy: MARGIN });
  d.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes) if (!hubs.has(n.id)) d.setNode(n.id, size(n));
  for (const e of g.edges) if (!hubs.has(e.from) && !hubs.has(e.to)) d.setEdge(e.from, e.to);
  dagre.layout(d);
  const graph = d.graph();
  let width = graph.width ?? 0;
  let height = graph.height ?? 0;
  let shift = 0;
  const placed = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const n of g.nodes) if (!hubs.has(n.id)) placed.set(n.id, d.node(n.id));
  if (hubs.size > 0) {
    // The column: as wide as the widest hub, the rest shifted right to make room for it.
    const sizes = g.nodes.filter((n) => hubs.has(n.id)).map((n) => ({ id: n.id, ...size(n) }));
    const column = Math.max(...sizes.map((s) => s.width)) + RANKSEP;
    shift = column;
    for (const [id, p] of placed) placed.set(id, { ...p, x: p.x + column });
    const stack = sizes.reduce((h, s) => h + s.height, 0) + 14 * (sizes.length - 1);
    height = Math.max(height, stack + 2 * MARGIN);
    let y = (height - stack) / 2;
    for (const s of sizes) {
      placed.set(s.id, { x: MARGIN + (column - RANKSEP) / 2, y: y + s.height / 2, width: s.width, height: s.height });
      y += s.height + 14;
    }
    width += column;
  }
  const nodes = g.nodes.map((n): PlacedNode => {
    const p = placed.get(n.id)!;
    return { ...n, x: round(p.x), y: round(p.y), width: p.width, height: p.height };
  });
  const straight = (from: string, to: string) => {
    const a = placed.get(from)!;
    const b = placed.get(to)!;
    // From the dependent's side facing the dependency to the dependency's facing side.
    const dir = b.x < a.x ? -1 : 1;
    return [
      { x: round(a.x + (dir * a.width) / 2), y: round(a.y) },
      { x: round(b.x - (dir * b.width) / 2), y: round(b.y) },
    ];
  };
  const edges = g.edges.map((e): PlacedEdge => ({
    ...e,
    points: hubs.has(e.from) || hubs.has(e.to) ? straight(e.from, e.to) : (d.edge(e.from, e.to)?.points ?? []).map((p: { x: number; y: number }) => ({ x: round(p.x + shift), y: round(p.y) })),
  }));
  return { width: Math.ceil(width), height: Math.ceil(height), nodes, edges };
}

/**
 * The most nodes {@link layoutGraph} is asked to place in one drawing. Layout time grows with the
 * edges' rank spans (dagre orders one dummy node per rank an edge crosses); `npm run bench -- review`
 * lays out 500 resources in chains of 50.
 */
export const MAX_LAYOUT_NODES = 1_000;
