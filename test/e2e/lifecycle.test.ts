import { afterAll, describe, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cloudObjects, copyExample, dumpCloud, edit, FAST_ENV, minitf, removeDir, shown, stateList, stateResources, type Run } from './helpers.js';
import type { EmulatorDump } from '../../src/emulator/index.js';

/**
 * The full lifecycle of the image-copy examples, each in a temporary copy, through the `minitf`
 * binary as child processes on the embedded emulator: plan, apply, converge, update tags in place,
 * plan a forced replacement, destroy, and import a copy re-created out of band into a fresh state.
 */
interface Case {
  readonly example: string;
  readonly file: string;
  /** How embedded mode is switched on: the global flag or `MINITF_EMULATOR=1`. */
  readonly via: 'flag' | 'env';
  readonly resources: number;
  /** Image copy address → destination region. */
  readonly copies: Readonly<Record<string, string>>;
  /** Text edits (from → to) that add the tag Stage=e2e to every copy, and that move the source region. */
  readonly addTag: readonly [string, string];
  readonly moveSource: readonly [string, string];
}

const cases: readonly Case[] = [
  {
    example: 'image-copy',
    file: 'main.tf',
    via: 'flag',
    resources: 6,
    copies: { 'alicloud_image_copy.default': 'cn-shanghai' },
    addTag: ['FinanceDept = "FinanceDeptJoshua"', 'FinanceDept = "FinanceDeptJoshua"\n    Stage       = "e2e"'],
    moveSource: ['source_region_id = "cn-hangzhou"', 'source_region_id = "cn-qingdao"'],
  },
  {
    example: 'image-copy-yaml',
    file: 'main.tf.yaml',
    via: 'env',
    resources: 6,
    copies: { 'alicloud_image_copy.default': 'cn-shanghai' },
    addTag: ['FinanceDept: FinanceDeptJoshua', 'FinanceDept: FinanceDeptJoshua\n        Stage: e2e'],
    moveSource: ['source_region_id: cn-hangzhou', 'source_region_id: cn-qingdao'],
  },
  {
    example: 'image-fanout',
    file: 'main.tf',
    via: 'flag',
    resources: 8,
    copies: {
      'alicloud_image_copy.fanout["cn-beijing"]': 'cn-beijing',
      'alicloud_image_copy.fanout["cn-shanghai"]': 'cn-shanghai',
      'alicloud_image_copy.fanout["cn-shenzhen"]': 'cn-shenzhen',
    },
    addTag: ['Region = each.key', 'Region = each.key\n    Stage  = "e2e"'],
    moveSource: ['source_region_id = "cn-hangzhou"', 'source_region_id = "cn-qingdao"'],
  },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** The copies (images with copy information) of a dump, by region. */
function copiesByRegion(d: EmulatorDump): Map<string, { id: string; status: string; tags: Record<string, string>; source?: string }[]> {
  const out = new Map<string, { id: string; status: string; tags: Record<string, string>; source?: string }[]>();
  for (const [region, r] of Object.entries(d.regions)) {
    for (const img of r.images) {
      if (!img.copy) continue;
      const list = out.get(region) ?? [];
      list.push({ id: img.id, status: img.status, tags: Object.fromEntries(img.tags.map((t) => [t.key, t.value])), source: img.copy.sourceRegionId });
      out.set(region, list);
    }
  }
  return out;
}

describe.each(cases)('$example: the lifecycle on the embedded emulator', (c) => {
  const count = Object.keys(c.copies).length;
  const regions = [...new Set(Object.values(c.copies))].sort();
  const cli = (dir: string, args: string[]): Promise<Run> =>
    c.via === 'flag' ? minitf(dir, ['-emulator', ...args]) : minitf(dir, args, { ...FAST_ENV, MINITF_EMULATOR: '1' });

  test('plan → apply → no changes → tags in place → forced replacement → destroy → import', async () => {
    const dir = copyExample(c.example);
    dirs.push(dir);
    const step = async (what: string, args: string[], code: number): Promise<Run> => {
      const r = await cli(dir, args);
      expect(r.code, `${what}: ${shown(r)}`).toBe(code);
      return r;
    };

    // 1. A first plan: everything to create; exit 2 under -detailed-exitcode.
    let r = await step('first plan', ['plan', '-detailed-exitcode'], 2);
    expect(r.stdout).toContain(`Plan: ${c.resources} to add, 0 to change, 0 to destroy.`);
    expect(r.stderr).toContain('no real cloud is touched');

    // 2. Apply creates every resource; the copies are Available in their regions.
    r = await step('apply', ['apply', '-auto-approve'], 0);
    expect(r.stdout).toContain(`Apply complete! Resources: ${c.resources} added, 0 changed, 0 destroyed.`);
    for (const addr of Object.keys(c.copies)) expect(r.stdout).toMatch(new RegExp(`${escape(addr)}: Creation complete after \\d+s \\[id=m-`));
    let cloud = copiesByRegion(await dumpCloud(dir));
    expect([...cloud.keys()].sort()).toEqual(regions);
    for (const region of regions) {
      expect(cloud.get(region)).toHaveLength(1);
      expect(cloud.get(region)![0]).toMatchObject({ status: 'Available', source: 'cn-hangzhou' });
    }
    expect(stateResources(dir).filter((a) => !a.startsWith('data.'))).toHaveLength(c.resources);

    // 3. A second plan finds nothing to do.
    r = await step('plan after apply', ['plan', '-detailed-exitcode'], 0);
    expect(r.stdout).toContain('No changes. Your infrastructure matches the configuration.');

    // 4. A new tag is an in-place update of every copy, and apply makes it so in the cloud.
    edit(dir, c.file, c.addTag[0], c.addTag[1]);
    r = await step('plan with a new tag', ['plan', '-detailed-exitcode'], 2);
    for (const addr of Object.keys(c.copies)) expect(r.stdout).toContain(`# ${addr} will be updated in-place`);
    expect(r.stdout).toMatch(/~ tags\s+= \{/);
    expect(r.stdout).toMatch(/\+ "?Stage"?\s+= "e2e"/);
    expect(r.stdout).toContain(`Plan: 0 to add, ${count} to change, 0 to destroy.`);
    const ids = new Map([...copiesByRegion(await dumpCloud(dir))].map(([region, l]) => [region, l[0]!.id]));
    r = await step('apply the new tag', ['apply', '-auto-approve'], 0);
    expect(r.stdout).toContain(`Apply complete! Resources: 0 added, ${count} changed, 0 destroyed.`);
    cloud = copiesByRegion(await dumpCloud(dir));
    for (const region of regions) {
      expect(cloud.get(region)![0]!.id, 'an in-place update keeps the image').toBe(ids.get(region));
      expect(cloud.get(region)![0]!.tags).toMatchObject({ Stage: 'e2e' });
    }

    // 5. Another source region forces replacement (planned only: the image is not in that region).
    edit(dir, c.file, c.moveSource[0], c.moveSource[1]);
    r = await step('plan with another source region', ['plan', '-detailed-exitcode'], 2);
    for (const addr of Object.keys(c.copies)) expect(r.stdout).toContain(`# ${addr} must be replaced`);
    expect(r.stdout).toContain('-/+ resource "alicloud_image_copy"');
    expect(r.stdout).toMatch(/~ source_region_id\s+= "cn-hangzhou" -> "cn-qingdao" # forces replacement/);
    expect(r.stdout).toContain(`Plan: ${count} to add, 0 to change, ${count} to destroy.`);
    edit(dir, c.file, c.moveSource[1], c.moveSource[0]);

    // 6. Destroy leaves no user resource in the cloud (the images' snapshots apart: delete_auto_snapshot
    //    is false, as in the cloud) and none in state.
    r = await step('destroy', ['destroy', '-auto-approve'], 0);
    expect(r.stdout).toContain(`Destroy complete! Resources: ${c.resources} destroyed.`);
    const after = await dumpCloud(dir);
    expect(cloudObjects(after)).toEqual([]);
    for (const s of cloudObjects(after, ['snapshots'])) expect(s).toMatch(/ snapshots s-/);
    expect(stateResources(dir), 'no resource, and no data source either').toEqual([]);

    // 7. Re-created out of band (another state file), a copy is imported into a fresh state.
    await step('out-of-band apply', ['apply', '-auto-approve', '-state=out-of-band.tfstate'], 0);
    rmSync(join(dir, 'state'), { recursive: true, force: true });
    const [addr, region] = Object.entries(c.copies)[0]!;
    const id = copiesByRegion(await dumpCloud(dir)).get(region)![0]!.id;
    r = await step('import', ['import', addr, id], 0);
    expect(r.stdout).toContain(`${addr}: Importing from ID "${id}"...`);
    expect(r.stdout).toContain('Import successful!');
    expect(await stateList(dir)).toEqual([addr]);
    r = await minitf(dir, ['state', 'show', addr]);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain(`id`);
    expect(r.stdout).toContain(`"${id}"`);
    expect(r.stdout).toMatch(/status\s+= "Available"/);
    expect(r.stdout).toMatch(/"?Stage"?\s+= "e2e"/);
  }, 900_000);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
