/**
 * Plan review: views of a plan meant for people rather than terminals — the Markdown pull-request
 * comment (`markdown.ts`), the dependency graph laid out and drawn as SVG (`layout.ts`, `svg.ts`) and
 * the self-contained HTML review page (`html.ts` with its inline style and script). They all start
 * from one {@link Review} (`model.ts`): the changes the terminal plan shows, each already rendered by
 * the terminal renderer of `plans`, so every view carries the same diff text and none sees a raw
 * attribute value. Computing and rendering plans belongs to `plans`; the configuration graph itself
 * to `config` (`configGraph`); the commands that print these views to `cli`.
 */
export { buildReview, configNodeId, ACTION_LABELS, REVIEW_ACTIONS, type Review, type ReviewAction, type ReviewChange, type ReviewDiagnostic, type ReviewOptions, type ReviewSummary } from './model.js';
export { renderMarkdown, GITHUB_COMMENT_LIMIT, type MarkdownOptions } from './markdown.js';
export { escapeHtml } from './escape.js';
export { reviewGraph, type ReviewGraph, type ReviewNode } from './graph.js';
export { layoutGraph, HUB_COLUMN_NODES, MAX_LAYOUT_NODES, type Layout, type PlacedEdge, type PlacedNode } from './layout.js';
export { renderSvg, ACTION_COLOURS, type SvgOptions } from './svg.js';
export { renderGraphPage } from './graph-page.js';
export { renderHtml, type HtmlOptions } from './html.js';
