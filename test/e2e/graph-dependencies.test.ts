import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FAST_ENV, REPO } from './helpers.js';

// What `minitf graph` shows is what apply records: for every configuration under examples/ and
// test/fixtures/ that applies on the embedded emulator or with the built-in providers, the
// `dependencies` of each resource in state after a fresh apply are exactly the resources its graph
// node reaches through resource edges (transitively, as Terraform records them).

const CONFIG = /\.tf(\.json|\.ya?ml)?$/;
const hasConfig = (dir: string) => readdirSync(dir).some((f) => CONFIG.test(f) && statSync(join(dir, f)).isFile());

/** Root module directories: configuration directories that are not inside another one (child modules are). */
function roots(base: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (hasConfig(dir)) {
      out.push(dir);
      return;
    }
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) walk(join(dir, e.name));
  };
  walk(base);
  return out;
}

const candidates = [...roots(join(REPO, 'examples')), ...roots(join(REPO, 'test', 'fixtures'))]
  .map((d) => relative(REPO, d))
  // Invalid by design: each exists to produce a diagnostic.
  .filter((d) => !d.startsWith('test/fixtures/config/invalid/'))
  .sort();

/**
 * Configurations that cannot be applied from an empty state here, and why. Every other candidate must
 * apply; a configuration listed here that starts applying fails the test, so the list stays true.
 */
const CANNOT_RUN: Readonly<Record<string, string>> = {
  'test/fixtures/graph-plan/modules-data': 'reads terraform_remote_state from a state file the fixture does not have',
  'test/fixtures/plans/data-read/plan': 'reads terraform_remote_state from a state file the fixture does not have',
  'test/fixtures/plans/aws-create/plan': 'uses the aws provider, which minitf does not have',
  'test/fixtures/plans/aws-update/plan': 'uses the aws provider, which minitf does not have',
  'test/fixtures/plans/errored/plan': 'a postcondition fails by design',
  'test/fixtures/plans/sensitive/plan': 'an output refers to a sensitive value without sensitive = true, by design',
  'test/fixtures/plans/sensitive/step0': 'an output refers to a sensitive value without sensitive = true, by design',
};

const dirs: string[] = [];
const compared: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** `"a" -> "b";` lines of DOT between resource nodes (provider nodes left out). */
function resourceEdges(dot: string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const m of dot.matchAll(/^\s*"([^"]+)" -> "([^"]+)";$/gm)) {
    const [from, to] = [m[1]!, m[2]!];
    if (/(^|\.)provider\./.test(from) || /(^|\.)provider\./.test(to) || from.startsWith('provider') || to.startsWith('provider')) continue;
    (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
  }
  return edges;
}

function closure(edges: Map<string, Set<string>>, id: string): string[] {
  const out = new Set<string>();
  const stack = [...(edges.get(id) ?? [])];
  while (stack.length) {
    const x = stack.pop()!;
    if (out.has(x) || x === id) continue;
    out.add(x);
    stack.push(...(edges.get(x) ?? []));
  }
  return [...out].sort();
}

const ENV = { ...FAST_ENV, MINITF_STATE_KEY: 'graph-deps-test', TF_IN_AUTOMATION: '1' };

describe('state dependencies after apply equal the graph', () => {
  afterAll(() => {
    // Most configurations create something, so the comparison is not vacuous.
    expect(compared.length).toBeGreaterThan(50);
  });

  test('there are configurations to compare', () => {
    expect(candidates.length).toBeGreaterThan(10);
    expect(candidates).toContain('examples/image-copy');
  });

  test.each(candidates)('%s', async (rel) => {
    const dir = mkdtempSync(join(tmpdir(), 'minitf-graph-deps-'));
    dirs.push(dir);
    cpSync(join(REPO, rel), dir, { recursive: true, filter: (src) => !/[\\/](state|\.minitf|\.terraform)$/.test(src) && !src.endsWith('terraform.tfstate') });
    const g = await runCli(['-chdir=' + dir, 'graph', '-format=dot'], ENV);
    const a = g.code === 0 ? await runCli(['-chdir=' + dir, '-emulator', 'apply', '-auto-approve', '-no-color', '-input=false'], ENV) : g;
    const why = CANNOT_RUN[rel];
    if (why !== undefined) {
      expect(a.code, `${rel} is listed as unable to run (${why}) but applied`).not.toBe(0);
      return;
    }
    expect(a.code, `${rel}: graph/apply failed\n${a.stdout}\n${a.stderr}`).toBe(0);
    const edges = resourceEdges(g.stdout);
    // The state as the backend holds it (local file, or OSS in the embedded emulator).
    const pulled = await runCli(['-chdir=' + dir, '-emulator', 'state', 'pull'], ENV);
    expect(pulled.code, pulled.stderr).toBe(0);
    const state = JSON.parse(pulled.stdout) as { resources: { module?: string; mode: string; type: string; name: string; instances: { dependencies?: string[] }[] }[] };
    const managed = state.resources.filter((r) => r.mode === 'managed');
    compared.push(...managed.map((r) => r.name));
    for (const r of managed) {
      const id = `${r.module ? `${r.module.replace(/\[[^\]]*\]/g, '')}.` : ''}${r.type}.${r.name}`;
      for (const i of r.instances) expect({ id, deps: [...(i.dependencies ?? [])].sort() }).toEqual({ id, deps: closure(edges, id) });
    }
  });
});
