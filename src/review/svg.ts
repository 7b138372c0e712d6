import { escapeHtml } from './escape.js';
import { FONT_SIZE, type Layout, type PlacedNode } from './layout.js';
import type { ReviewAction } from './model.js';

/** Colours of the actions, light and dark (stroke, fill): the terminal's green, yellow, red … */
export const ACTION_COLOURS: Readonly<Record<ReviewAction, { readonly light: readonly [string, string]; readonly dark: readonly [string, string] }>> = {
  create: { light: ['#1a7f37', '#dafbe1'], dark: ['#3fb950', '#0f2d1a'] },
  update: { light: ['#9a6700', '#fff8c5'], dark: ['#d29922', '#2e2308'] },
  replace: { light: ['#8250df', '#fbefff'], dark: ['#bc8cff', '#2a1a45'] },
  delete: { light: ['#cf222e', '#ffebe9'], dark: ['#f85149', '#3a1113'] },
  read: { light: ['#0969da', '#ddf4ff'], dark: ['#58a6ff', '#0c2645'] },
  forget: { light: ['#6e7781', '#f0f1f3'], dark: ['#8b949e', '#21262d'] },
  import: { light: ['#1b7c83', '#d8f6f8'], dark: ['#39c5cf', '#0b2e31'] },
  move: { light: ['#6e7781', '#f0f1f3'], dark: ['#8b949e', '#21262d'] },
};

function style(): string {
  const rules = (scheme: 'light' | 'dark') =>
    Object.entries(ACTION_COLOURS)
      .map(([a, c]) => `.minitf-graph .act-${a} > .shape { stroke: ${c[scheme][0]}; fill: ${c[scheme][1]}; stroke-width: 2; }`)
      .join('\n');
  return [
    `.minitf-graph { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: ${FONT_SIZE}px; }`,
    '.minitf-graph .shape { stroke: #57606a; fill: #ffffff; stroke-width: 1; }',
    '.minitf-graph text { fill: #1f2328; dominant-baseline: central; text-anchor: middle; }',
    '.minitf-graph .edge { stroke: #8c959f; stroke-width: 1; fill: none; }',
    '.minitf-graph .arrow { fill: #8c959f; }',
    rules('light'),
    '@media (prefers-color-scheme: dark) {',
    '.minitf-graph .shape { stroke: #8b949e; fill: #161b22; }',
    '.minitf-graph text { fill: #e6edf3; }',
    '.minitf-graph .edge { stroke: #6e7681; }',
    '.minitf-graph .arrow { fill: #6e7681; }',
    rules('dark'),
    '}',
  ].join('\n');
}

function title(n: PlacedNode): string {
  const acts = Object.entries(n.actions).map(([a, k]) => `${k} ${a}`);
  return acts.length ? `${n.label}: ${acts.join(', ')}` : n.label;
}

function shape(n: PlacedNode): string {
  const l = n.x - n.width / 2;
  const t = n.y - n.height / 2;
  if (n.shape === 'diamond') {
    const pts = [[l, n.y], [n.x, t], [l + n.width, n.y], [n.x, t + n.height]].map((p) => p.join(',')).join(' ');
    return `<polygon class="shape" points="${pts}"/>`;
  }
  return `<rect class="shape" x="${l}" y="${t}" width="${n.width}" height="${n.height}" rx="4"/>`;
}

/** Options of {@link renderSvg}. */
export interface SvgOptions {
  /** An accessible name for the drawing (default "Dependency graph"). */
  readonly title?: string;
}

/**
 * Draws a laid-out graph as a standalone SVG document (no external reference: fonts are the system's
 * monospace, styles inline, dark mode through `prefers-color-scheme`). Each node is a `<g class="node">`
 * with `data-id` (its graph id) and, when planned, `act-ACTION`; each edge a `<path class="edge">`
 * with `data-from` and `data-to`, from the dependent node to its dependency, ending in an arrow.
 */
export function renderSvg(layout: Layout, opts: SvgOptions = {}): string {
  const w = Math.max(layout.width, 1);
  const h = Math.max(layout.height, 1);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="minitf-graph" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeHtml(opts.title ?? 'Dependency graph')}">`,
    `<style>\n${style()}\n</style>`,
    '<defs><marker id="minitf-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M0,0L10,5L0,10z"/></marker></defs>',
    '<g class="edges">',
  ];
  for (const e of layout.edges) {
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join('');
    out.push(`<path class="edge" data-from="${escapeHtml(e.from)}" data-to="${escapeHtml(e.to)}" d="${d}" marker-end="url(#minitf-arrow)"/>`);
  }
  out.push('</g>', '<g class="nodes">');
  for (const n of layout.nodes) {
    out.push(
      `<g class="node${n.action ? ` act-${n.action}` : ''}" data-id="${escapeHtml(n.id)}"><title>${escapeHtml(title(n))}</title>${shape(n)}<text x="${n.x}" y="${n.y}">${escapeHtml(n.label)}</text></g>`,
    );
  }
  out.push('</g>', '</svg>');
  return out.join('\n') + '\n';
}
