import type { Dag } from './dag.js';

/** How one node is drawn. */
export interface NodeStyle {
  readonly label: string;
  /** `box` (default) or `diamond`. */
  readonly shape?: 'box' | 'diamond';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Renders a graph in Graphviz DOT, in the layout of `terraform graph` (right-to-left, edges from a
 * node to what it depends on), nodes and edges sorted by id so the text is stable.
 */
export function toDot<T>(graph: Dag<T>, style: (id: string, data: T | undefined) => NodeStyle): string {
  const lines = ['digraph G {', '  rankdir = "RL";', '  node [shape = rect, fontname = "sans-serif"];'];
  for (const id of [...graph.nodes()].sort(cmp)) {
    const s = style(id, graph.get(id));
    lines.push(`  ${dotString(id)} [label=${dotString(s.label)}${s.shape === 'diamond' ? ', shape = diamond' : ''}];`);
  }
  for (const e of graph.edges()) lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * Renders a graph as a Mermaid flowchart (`flowchart RL`): node ids are the graph ids with every
 * character other than letters, digits and `_` replaced by `_` (a numeric suffix keeps them unique),
 * labels are quoted with `#quot;` for double quotes, diamonds use Mermaid's `{…}` shape.
 */
export function toMermaid<T>(graph: Dag<T>, style: (id: string, data: T | undefined) => NodeStyle): string {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const id of [...graph.nodes()].sort(cmp)) {
    const base = id.replace(/[^A-Za-z0-9_]/g, '_') || 'n';
    let m = base;
    for (let i = 2; used.has(m); i++) m = `${base}_${i}`;
    used.add(m);
    ids.set(id, m);
  }
  const lines = ['flowchart RL'];
  for (const [id, m] of ids) {
    const s = style(id, graph.get(id));
    const label = `"${s.label.replace(/"/g, '#quot;')}"`;
    lines.push(s.shape === 'diamond' ? `  ${m}{${label}}` : `  ${m}[${label}]`);
  }
  for (const e of graph.edges()) lines.push(`  ${ids.get(e.from)} --> ${ids.get(e.to)}`);
  return lines.join('\n') + '\n';
}
