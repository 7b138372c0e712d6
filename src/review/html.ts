import { escapeHtml } from './escape.js';
import { ACTION_LABELS, REVIEW_ACTIONS, type Review, type ReviewChange } from './model.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';
import { ACTION_COLOURS } from './svg.js';

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /** The dependency graph drawn by `renderSvg` (coloured by this review's actions), if any. */
  readonly graphSvg?: string;
  /** Why there is no graph, shown in its place (`graphSvg` absent). */
  readonly graphNote?: string;
  /** The page title (default "minitf plan review"). */
  readonly title?: string;
  /** What the plan is (`plan.tfplan`), shown under the title. */
  readonly source?: string;
}

/** JSON safe inside a `<script>` element: `<`, `>`, `&` and line separators escaped. */
function scriptJSON(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Changes in page order: grouped by module, then provider instance, display order within a group. */
function grouped(changes: readonly ReviewChange[]): ReviewChange[] {
  const groups = new Map<string, ReviewChange[]>();
  for (const c of changes) {
    const k = `${c.module}\0${c.provider}`;
    const list = groups.get(k) ?? [];
    list.push(c);
    groups.set(k, list);
  }
  return [...groups.values()].flat();
}

function actionColours(): string {
  const vars = (scheme: 'light' | 'dark') => Object.entries(ACTION_COLOURS).map(([a, c]) => `--${a}: ${c[scheme][0]}; --${a}-bg: ${c[scheme][1]};`).join(' ');
  return `:root { ${vars('light')} }\n@media (prefers-color-scheme: dark) { :root { ${vars('dark')} } }`;
}

/**
 * Renders the review as one self-contained HTML page: inline style and script, no network request,
 * no external font, so it works opened from disk or as a CI artifact. The changes travel as JSON of
 * their rendered text (the terminal renderer's, sensitive values already `(sensitive value)`) and are
 * drawn by the page's script in chunks as the list scrolls, so 5,000 changes open and filter at once.
 * Without JavaScript the summary, outputs, diagnostics and graph still show.
 */
export function renderHtml(review: Review, opts: HtmlOptions = {}): string {
  const changes = grouped(review.changes);
  const modules: string[] = [];
  const providers: string[] = [];
  const nodes: string[] = [];
  const index = (list: string[], v: string) => {
    let i = list.indexOf(v);
    if (i < 0) i = list.push(v) - 1;
    return i;
  };
  const moduleIdx = new Map<string, number>();
  const providerIdx = new Map<string, number>();
  const nodeIdx = new Map<string, number>();
  const cached = (m: Map<string, number>, list: string[], v: string) => {
    let i = m.get(v);
    if (i === undefined) m.set(v, (i = index(list, v)));
    return i;
  };
  const data = {
    actions: REVIEW_ACTIONS.map((a) => [a, ACTION_LABELS[a].label, ACTION_LABELS[a].symbol]),
    modules,
    providers,
    nodes,
    // [address, module, provider, action, symbol, flags (1 moved, 2 importing), node, text]
    changes: changes.map((c) => [c.address, cached(moduleIdx, modules, c.module), cached(providerIdx, providers, c.provider), c.action, c.symbol, (c.moved ? 1 : 0) | (c.importing ? 2 : 0), cached(nodeIdx, nodes, c.node), c.text]),
  };
  const title = opts.title ?? 'minitf plan review';
  const counts = REVIEW_ACTIONS.filter((a) => review.summary.counts[a] > 0)
    .map((a) => `<li class="count act-${a}"><span class="sym" aria-hidden="true">${escapeHtml(ACTION_LABELS[a].symbol)}</span> <strong>${review.summary.counts[a]}</strong> to ${escapeHtml(ACTION_LABELS[a].label)}</li>`)
    .join('\n');
  const diagnostics = review.diagnostics
    .map((d) => `<li class="diag ${d.severity}"><pre>${escapeHtml(d.text)}</pre></li>`)
    .join('\n');
  const warnings = review.diagnostics.filter((d) => d.severity === 'warning').length;
  const errors = review.diagnostics.length - warnings;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    // Nothing may load from anywhere: the page is one file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${actionColours()}\n${PAGE_STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#changes">Skip to the changes</a>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${opts.source ? `<code>${escapeHtml(opts.source)}</code> · ` : ''}${review.mode === 'normal' ? '' : `${escapeHtml(review.mode)} plan · `}made ${escapeHtml(review.timestamp)}</p>`,
    review.errored ? '<p class="errored" role="alert">Planning failed: this plan is incomplete and cannot be applied.</p>' : '',
    `<p class="summary" id="summary">${escapeHtml(review.summary.line)}</p>`,
    `<ul class="counts" aria-label="Changes by action">\n${counts}\n</ul>`,
    '</header>',
    '<main>',
    review.diagnostics.length
      ? `<section id="diagnostics" aria-labelledby="diagnostics-h"><h2 id="diagnostics-h">Diagnostics <span class="n">${[errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ')}</span></h2><ul class="diags">\n${diagnostics}\n</ul></section>`
      : '',
    '<section id="changes" aria-labelledby="changes-h">',
    `<h2 id="changes-h">Resource changes <span class="n">${review.changes.length}</span></h2>`,
    '<div class="controls" role="search">',
    '<div class="filters" role="group" aria-label="Filter by action" id="filters"></div>',
    '<label class="search"><span>Search</span> <input id="search" type="search" placeholder="address, type or attribute  ( / )" autocomplete="off" spellcheck="false"></label>',
    '<span class="node-filter" id="node-filter" hidden></span>',
    '<button type="button" id="expand-all">Expand shown</button> <button type="button" id="collapse-all">Collapse all</button>',
    '</div>',
    '<p class="status" id="status" role="status" aria-live="polite"></p>',
    '<div class="list" id="list" role="list" aria-labelledby="changes-h"></div>',
    '<noscript><p>The list of changes needs JavaScript; <code>minitf show PLANFILE</code> prints the same diffs.</p></noscript>',
    '</section>',
    review.drift.length
      ? `<section id="drift" aria-labelledby="drift-h"><h2 id="drift-h">Objects changed outside minitf <span class="n">${review.drift.length}</span></h2><p class="hint">Found by refresh; the plan above may undo or respond to them.</p>${review.drift.map((d) => `<details class="drift"><summary><code>${escapeHtml(d.address)}</code></summary><pre class="diff">${escapeHtml(d.text)}</pre></details>`).join('\n')}</section>`
      : '',
    review.outputs ? `<section id="outputs" aria-labelledby="outputs-h"><h2 id="outputs-h">Changes to outputs</h2><pre class="diff">${escapeHtml(review.outputs)}</pre></section>` : '',
    '<section id="graph" aria-labelledby="graph-h">',
    '<h2 id="graph-h">Dependency graph</h2>',
    opts.graphSvg
      ? `<p class="hint">Resources coloured by planned action; select one to list only its changes.</p><div class="graph" id="graph-box">${opts.graphSvg}</div>`
      : `<p class="hint">${escapeHtml(opts.graphNote ?? 'No graph: the configuration was not available.')}</p>`,
    '</section>',
    '</main>',
    `<script type="application/json" id="plan-data">${scriptJSON(data)}</script>`,
    `<script>\n${PAGE_SCRIPT}\n</script>`,
    '</body>',
    '</html>',
  ]
    .filter((l) => l !== '')
    .join('\n') + '\n';
}
