import { afterAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sax from 'sax';
import { configGraph, loadConfig, type ConfigGraphNode } from '../../src/config/index.js';
import { toDot, type Dag, type NodeStyle } from '../../src/graph/index.js';
import { buildReview, HUB_COLUMN_NODES, layoutGraph, renderGraphPage, renderSvg, reviewGraph, type Layout } from '../../src/review/index.js';
import { Dag as Graph } from '../../src/graph/index.js';
import { samplePlan, schemas } from './fixture.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A configuration with references, depends_on, a module, a data source and two provider configurations. */
const MAIN = `
terraform {
  required_providers {
    x = { source = "example/x" }
  }
}
provider "x" {
  alias = "hz"
}
resource "terraform_data" "base" {
  input = "base"
}
resource "terraform_data" "app" {
  input      = terraform_data.base.output
  depends_on = [terraform_data.gate]
}
resource "terraform_data" "gate" {}
data "terraform_remote_state" "net" {
  backend = "local"
  config  = { path = "other.tfstate" }
}
module "pool" {
  source = "./pool"
  seed   = terraform_data.app.id
}
resource "terraform_data" "quote\\"d" {
  input = module.pool.ids
}
`;
const POOL = `
variable "seed" {
  type = string
}
resource "terraform_data" "member" {
  count = 2
  input = var.seed
}
output "ids" {
  value = terraform_data.member[*].id
}
`;

async function graphOf(files: Record<string, string>): Promise<Dag<ConfigGraphNode>> {
  const dir = mkdtempSync(join(tmpdir(), 'minitf-review-svg-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const r = await loadConfig(dir);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return configGraph(r.value).graph;
}

interface Parsed {
  readonly root: string;
  readonly nodes: string[];
  readonly edges: string[];
  readonly acted: Record<string, string>;
}

/** Parses SVG with a strict XML parser (throws on anything not well formed). */
function parseSvg(svg: string): Parsed {
  const out: Parsed = { root: '', nodes: [], edges: [], acted: {} };
  let root = '';
  const p = sax.parser(true);
  p.onerror = (e) => {
    throw e;
  };
  p.onopentag = (t) => {
    if (!root) root = t.name;
    const cls = (t.attributes.class ?? '').split(' ');
    if (t.name === 'g' && cls[0] === 'node') {
      out.nodes.push(t.attributes['data-id']!);
      const act = cls.find((c) => c.startsWith('act-'));
      if (act) out.acted[t.attributes['data-id']!] = act.slice(4);
    }
    if (t.name === 'path' && cls[0] === 'edge') out.edges.push(`${t.attributes['data-from']} -> ${t.attributes['data-to']}`);
  };
  p.write(svg).close();
  return { ...out, root };
}

/** The nodes and edges of `graph -format=dot` text. */
function parseDot(dot: string): { nodes: string[]; edges: string[] } {
  const unq = (s: string) => JSON.parse(s) as string;
  const str = '"(?:[^"\\\\]|\\\\.)*"';
  const nodes = [...dot.matchAll(new RegExp(`^  (${str}) \\[label=`, 'gm'))].map((m) => unq(m[1]!));
  const edges = [...dot.matchAll(new RegExp(`^  (${str}) -> (${str});$`, 'gm'))].map((m) => `${unq(m[1]!)} -> ${unq(m[2]!)}`);
  return { nodes, edges };
}

const dotStyle = (id: string, n: ConfigGraphNode | undefined): NodeStyle => ({ label: n?.label ?? id, ...(n?.kind === 'provider' ? { shape: 'diamond' as const } : {}) });

describe('graph -format=svg', () => {
  test('is well-formed XML with one node per graph node and the edges of -format=dot', async () => {
    const graph = await graphOf({ 'main.tf': MAIN, 'pool/main.tf': POOL });
    const svg = renderSvg(layoutGraph(reviewGraph(graph)));
    const parsed = parseSvg(svg);
    const dot = parseDot(toDot(graph, dotStyle));
    expect(parsed.root).toBe('svg');
    expect(dot.nodes.length).toBeGreaterThanOrEqual(7);
    expect(dot.nodes).toContain('module.pool.terraform_data.member');
    expect(dot.nodes).toContain('terraform_data.quote"d');
    expect(parsed.nodes).toEqual(dot.nodes);
    expect(parsed.edges.sort()).toEqual(dot.edges.sort());
    expect(parsed.acted).toEqual({});
  });

  test('every node lies inside the drawing and no two boxes overlap', async () => {
    placedApart(layoutGraph(reviewGraph(await graphOf({ 'main.tf': MAIN, 'pool/main.tf': POOL }))));
  });

  test(`over ${HUB_COLUMN_NODES} nodes, provider configurations stand in a column left of the rest, every edge still drawn`, () => {
    const g = new Graph<ConfigGraphNode>();
    for (const p of ['provider.x.a', 'provider.x.b']) g.addNode(p, { id: p, kind: 'provider', label: `provider["example/x"].${p.slice(-1)}` });
    for (let i = 0; i < HUB_COLUMN_NODES + 10; i++) {
      const id = `x_box.b${i}`;
      g.addNode(id, { id, kind: 'resource', label: id });
      g.addEdge(id, i % 2 ? 'provider.x.a' : 'provider.x.b');
      if (i >= 10) g.addEdge(id, `x_box.b${i - 10}`);
    }
    const layout = layoutGraph(reviewGraph(g));
    placedApart(layout);
    const hubs = layout.nodes.filter((n) => n.shape === 'diamond');
    const rest = layout.nodes.filter((n) => n.shape !== 'diamond');
    expect(Math.max(...hubs.map((n) => n.x + n.width / 2))).toBeLessThan(Math.min(...rest.map((n) => n.x - n.width / 2)));
    const parsed = parseSvg(renderSvg(layout));
    expect(parsed.edges.sort()).toEqual(parseDot(toDot(g, dotStyle)).edges.sort());
    for (const e of layout.edges) {
      // Each edge starts at its dependent node's box and ends at its dependency's.
      const from = layout.nodes.find((n) => n.id === e.from)!;
      const to = layout.nodes.find((n) => n.id === e.to)!;
      expect(Math.abs(e.points[0]!.x - from.x)).toBeLessThanOrEqual(from.width / 2 + 0.1);
      expect(Math.abs(e.points.at(-1)!.x - to.x)).toBeLessThanOrEqual(to.width / 2 + 0.1);
    }
  });

  function placedApart(layout: Layout): void {
    for (const n of layout.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + n.height / 2).toBeLessThanOrEqual(layout.height);
    }
    for (const a of layout.nodes)
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) * 2 >= a.width + b.width || Math.abs(a.y - b.y) * 2 >= a.height + b.height;
        expect(apart, `${a.id} / ${b.id}`).toBe(true);
      }
    for (const e of layout.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
  }

  test('-type=plan colours each resource by the most far-reaching action of its instances', async () => {
    const graph = await graphOf({
      'main.tf': 'resource "x_box" "created" {}\nresource "x_box" "updated" {}\nresource "x_box" "unchanged" {}\nmodule "pool" {\n  source = "./pool"\n}\n',
      'pool/main.tf': 'resource "x_box" "member" {\n  for_each = toset(["a", "b"])\n}\n',
    });
    const plan = samplePlan();
    const member = plan.resourceChanges.find((c) => c.address === 'module.pool.x_box.member["b"]')!;
    const mixed = { ...plan, resourceChanges: [...plan.resourceChanges.filter((c) => c !== member), { ...member, actions: ['delete', 'create'] as const, before: member.after }] };
    const parsed = parseSvg(renderSvg(layoutGraph(reviewGraph(graph, buildReview(mixed, { schemas })))));
    expect(parsed.acted).toEqual({ 'x_box.created': 'create', 'x_box.updated': 'update', 'module.pool.x_box.member': 'replace' });
  });

  test('-format=html wraps the same drawing in a page with no script and no external reference', async () => {
    const svg = renderSvg(layoutGraph(reviewGraph(await graphOf({ 'main.tf': MAIN, 'pool/main.tf': POOL }))));
    const page = renderGraphPage(svg);
    expect(page).toContain(svg);
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });
});
