/**
 * The HTML plan review at scale: a plan of 5,000 resource changes (creates, in-place updates,
 * replacements and destroys across 10 modules and two provider instances, every one with a sensitive
 * attribute) and its configuration graph of 500 resources, made into the page by `src/review`
 * in process; then the page is opened from disk in headless Chromium (Debian's `chromium`, through
 * playwright-core) and filtered. Figures: the page's size, the time to build it, the time from
 * navigation to the list drawn (`body[data-ready]`), and each filter's time until the next frame.
 * Targets (issue 21): under 5 MB, open under 2 s, filter under 200 ms. Without Chromium the browser
 * figures are `—` and a note says so.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigGraphNode } from '../src/config/index.js';
import { Dag } from '../src/graph/index.js';
import type { Plan, ResourceChange } from '../src/plans/model.js';
import { buildReview, layoutGraph, renderHtml, renderSvg, reviewGraph } from '../src/review/index.js';
import { tempDir } from './lib/engines.js';
import { bytes, ms, type Benchmark, type BenchOptions, type Section } from './lib/report.js';

const CHROMIUM = process.env.MINITF_CHROMIUM ?? '/usr/bin/chromium';
const MODULES = 10;
const INSTANCES = 10;

/** The review benchmark's figures (milliseconds, bytes). */
export interface ReviewFigures {
  readonly changes: number;
  readonly graphNodes: number;
  readonly pageBytes: number;
  readonly buildMs: number;
  readonly layoutMs: number;
  /** Null without a browser. */
  readonly openMs: number | null;
  readonly filters: readonly { readonly name: string; readonly shown: number; readonly ms: number }[];
  readonly browser: string | null;
}

/** A plan of `n` changes: `INSTANCES` instances per resource, resources spread over `MODULES` modules. */
export function reviewPlan(n: number): { plan: Plan; graph: Dag<ConfigGraphNode> } {
  const changes: ResourceChange[] = [];
  const graph = new Dag<ConfigGraphNode>();
  const providers = ['provider["registry.terraform.io/aliyun/alicloud"].hz', 'provider["registry.terraform.io/aliyun/alicloud"].sh'];
  for (const p of ['provider.alicloud.hz', 'provider.alicloud.sh']) graph.addNode(p, { id: p, kind: 'provider', label: providers[p.endsWith('hz') ? 0 : 1]! });
  const prior = (i: number) => ({ id: `i-${i}`, name: `box-${i}`, size: 1, password: 'bench-secret', tags: { index: String(i), team: `team-${i % 13}` } });
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / INSTANCES);
    const module = `module.m${r % MODULES}`;
    const name = `r${Math.floor(r / MODULES)}`;
    const node = `${module}.alicloud_instance.${name}`;
    if (!graph.hasNode(node)) {
      graph.addNode(node, { id: node, kind: 'resource', label: node });
      graph.addEdge(node, r % 2 ? 'provider.alicloud.sh' : 'provider.alicloud.hz');
      if (r >= MODULES) graph.addEdge(node, `${module}.alicloud_instance.r${Math.floor(r / MODULES) - 1}`);
    }
    const kind = i % 11 === 0 ? 'replace' : i % 7 === 0 ? 'delete' : i % 5 === 0 ? 'update' : 'create';
    const before = kind === 'create' ? null : prior(i);
    const after = kind === 'delete' ? null : { ...prior(i), id: kind === 'update' ? `i-${i}` : null, size: kind === 'create' ? 1 : 2 };
    changes.push({
      address: `${module}.alicloud_instance.${name}[${i % INSTANCES}]`,
      module,
      mode: 'managed',
      type: 'alicloud_instance',
      name,
      index: i % INSTANCES,
      providerAddr: providers[r % 2]!,
      actions: kind === 'create' ? ['create'] : kind === 'update' ? ['update'] : kind === 'delete' ? ['delete'] : ['delete', 'create'],
      before,
      after,
      afterUnknown: kind === 'delete' || kind === 'update' ? false : { id: true },
      beforeSensitive: before ? { password: true } : false,
      afterSensitive: after ? { password: true } : false,
      ...(kind === 'replace' ? { replacePaths: [['size']] } : {}),
    });
  }
  const plan: Plan = {
    mode: 'normal',
    resourceChanges: changes,
    resourceDrift: [],
    outputChanges: [],
    variables: {},
    targets: [],
    excludes: [],
    replaceAddrs: [],
    stateLineage: '',
    stateSerial: 0,
    configDigest: '',
    timestamp: new Date(0).toISOString(),
    errored: false,
    complete: true,
    applyable: true,
    diagnostics: [],
  };
  return { plan, graph };
}

/** Opens the page and filters it; null when there is no Chromium. */
async function measureInBrowser(file: string): Promise<{ openMs: number; filters: ReviewFigures['filters']; browser: string } | null> {
  if (!existsSync(CHROMIUM)) return null;
  const { chromium } = await import('playwright-core');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: root ? ['--no-sandbox'] : [] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A first navigation warms the browser process up, so the figure is the page's own.
    await page.goto('about:blank');
    const t0 = performance.now();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready=true]');
    const openMs = performance.now() - t0;
    const filters: { name: string; shown: number; ms: number }[] = [];
    // Each step runs in the page and is timed to the next frame after the change (rendering included).
    const step = (name: string, act: string) =>
      page.evaluate(async ([a]) => {
        const t = performance.now();
        new Function(a!)();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return { ms: performance.now() - t, shown: document.querySelectorAll('#list .row').length, status: document.getElementById('status')!.textContent ?? '' };
      }, [act]).then((r) => filters.push({ name, shown: Number(/Showing (?:all )?(\d+)/.exec(r.status)?.[1] ?? r.shown), ms: r.ms }));
    const type = (text: string) => `var s = document.getElementById('search'); s.value = ${JSON.stringify(text)}; s.dispatchEvent(new Event('input'));`;
    await step('text "team-7"', type('team-7'));
    await step('text "r4[3]"', type('r4[3]'));
    await step('text cleared', type(''));
    await step('action replace', "document.querySelector('button.chip[data-action=replace]').click();");
    await step('action replace + delete', "document.querySelector('button.chip[data-action=delete]').click();");
    await step('actions cleared', "document.querySelector('button.chip[data-action=replace]').click(); document.querySelector('button.chip[data-action=delete]').click();");
    return { openMs, filters, browser: browser.version() };
  } finally {
    await browser.close();
  }
}

export const reviewBenchmark: Benchmark = {
  name: 'review',
  summary: 'the HTML plan review of a 5,000-change plan: page size, open and filter times in headless Chromium',
  async run(opts: BenchOptions): Promise<Section[]> {
    const n = opts.tiny ? 50 : 5_000;
    const { plan, graph } = reviewPlan(n);
    const t0 = performance.now();
    const review = buildReview(plan, { schemas: () => undefined });
    const t1 = performance.now();
    const svg = renderSvg(layoutGraph(reviewGraph(graph, review)));
    const t2 = performance.now();
    const html = renderHtml(review, { graphSvg: svg, source: 'bench.tfplan' });
    const t3 = performance.now();
    if (html.includes('bench-secret')) throw new Error('the page holds a sensitive value');
    const file = join(tempDir('review'), 'plan.html');
    writeFileSync(file, html);
    opts.log(`review: ${n} changes, page ${bytes(Buffer.byteLength(html))}; opening it in ${CHROMIUM}`);
    const b = await measureInBrowser(file);
    const figures: ReviewFigures = {
      changes: review.changes.length,
      graphNodes: graph.nodes().length,
      pageBytes: Buffer.byteLength(html),
      buildMs: t1 - t0 + (t3 - t2),
      layoutMs: t2 - t1,
      openMs: b?.openMs ?? null,
      filters: b?.filters ?? [],
      browser: b?.browser ?? null,
    };
    const rows: string[][] = [
      ['page size', bytes(figures.pageBytes), '< 5 MiB'],
      ['review + page built (in process)', ms(figures.buildMs), ''],
      [`graph laid out and drawn (${figures.graphNodes} nodes)`, ms(figures.layoutMs), ''],
      ['open: navigation to list drawn', ms(figures.openMs), '< 2 s'],
      ...figures.filters.map((f) => [`filter: ${f.name} (${f.shown} shown)`, ms(f.ms), '< 200 ms']),
    ];
    return [
      {
        name: 'review',
        title: `HTML plan review: ${figures.changes} changes`,
        header: ['measure', 'value', 'target'],
        rows,
        notes: [
          b ? `Chromium ${b.browser}, headless, viewport 1280×900; filter times run from the change to the next frame.` : `No Chromium at ${CHROMIUM}: open and filter times not measured.`,
        ],
        figures,
      },
    ];
  },
};
