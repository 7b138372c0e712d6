import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/index.js';

const root = join(import.meta.dirname, '..', '..');
const FORMATS = {
  hcl: join(root, 'examples', 'image-copy'),
  json: join(root, 'test', 'fixtures', 'config', 'seed', 'json'),
  yaml: join(root, 'test', 'fixtures', 'config', 'seed', 'yaml'),
} as const;

/** Keys that hold positions or locations rather than meaning. */
const POSITIONAL = new Set(['range', 'loc', 'keyLoc', 's', 'e', 'origin', 'lineStarts', 'r', 'dir', 'sourceDir', 'files']);

/**
 * A plain, comparable form of a model: Maps become sorted objects, positions and directories are
 * dropped, everything else (expression trees included) is kept.
 */
function canonical(v: unknown, seen = new Set<unknown>()): unknown {
  if (v instanceof Map) return canonical(Object.fromEntries([...v.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)))), seen);
  if (Array.isArray(v)) return v.map((x) => canonical(x, seen));
  if (v && typeof v === 'object') {
    if (seen.has(v)) return '[cycle]';
    seen.add(v);
    const out: Record<string, unknown> = {};
    const keys = new Set<string>([...Object.keys(v)]);
    for (const k of [...keys].sort()) {
      if (POSITIONAL.has(k)) continue;
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'function' || x === undefined) continue;
      out[k] = canonical(x, seen);
    }
    seen.delete(v);
    const ctor = (v as object).constructor?.name;
    return ctor && ctor !== 'Object' ? { [`<${ctor}>`]: out } : out;
  }
  return v;
}

describe('the seed in three forms', () => {
  test.each([['json'], ['yaml']] as const)('HCL and %s load into equal modules', async (format) => {
    const hcl = await loadConfig(FORMATS.hcl);
    const other = await loadConfig(FORMATS[format]);
    expect(hcl.diagnostics).toEqual([]);
    expect(other.diagnostics).toEqual([]);
    const a = canonical(hcl.value.root);
    const b = canonical(other.value.root);
    expect(b).toEqual(a);
    // The comparison is not vacuous: the models hold the seed's resources and expressions.
    expect(Object.keys((a as { managedResources: object }).managedResources)).toHaveLength(6);
    expect(JSON.stringify(a)).toContain('"root":"alicloud_vpc"');
  });

  test('the comparison sees a changed value', async () => {
    const hcl = canonical((await loadConfig(FORMATS.hcl)).value.root);
    const json = (await loadConfig(FORMATS.json)).value.root;
    const vpc = json.managedResources.get('alicloud_vpc.default')!;
    const changed = { ...json, managedResources: new Map([...json.managedResources, ['alicloud_vpc.default', { ...vpc, name: 'other' }]]) };
    expect(canonical(changed)).not.toEqual(hcl);
  });

  test.each(Object.entries(FORMATS))('%s: every block and argument has a file and line', async (_f, dir) => {
    const { value } = await loadConfig(dir);
    const m = value.root;
    const blocks = [...m.managedResources.values(), ...m.dataResources.values(), ...m.providers, ...m.outputs.values()];
    expect(blocks.length).toBe(6 + 3 + 2 + 1);
    for (const b of blocks) {
      expect(b.range.file).toMatch(/^main\.tf(\.json|\.yaml)?$/);
      expect(b.range.start.line).toBeGreaterThan(1);
    }
    for (const r of m.managedResources.values()) {
      for (const a of Object.values(r.config.attributes)) expect(a.range.start.line).toBeGreaterThan(r.range.start.line);
    }
  });

  test('HCL lines match the file', async () => {
    const m = (await loadConfig(FORMATS.hcl)).value.root;
    const copy = m.managedResources.get('alicloud_image_copy.default')!;
    expect(copy.range.start.line).toBe(69);
    expect(copy.config.attributes.source_image_id!.range.start.line).toBe(71);
    expect(copy.config.attributes.tags!.range.start.line).toBe(75);
    expect(copy.provider).toMatchObject({ name: 'alicloud', alias: 'sh' });
    expect(m.providers.map((p) => [p.alias, p.range.start.line])).toEqual([['sh', 5], ['hz', 10]]);
  });
});
