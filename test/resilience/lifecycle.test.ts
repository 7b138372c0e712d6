import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ResourceKind } from '../../src/emulator/index.js';
import { useTestCloud } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';
import { runMinitf } from '../helpers/process.js';
import { cloudEnv, readState, stateObjects, workdir } from './support.js';

const cloud = useTestCloud();

/** The number of `Error:` diagnostics in CLI output. */
function errorCount(text: string): number {
  return text.split('\n').filter((l) => /^Error: /.test(l)).length;
}

describe('the seed lifecycle at the engine level (issue 7)', () => {
  test.each([
    { deleted: 'alicloud_image_copy.default', kind: 'image', plan: 'Plan: 1 to add, 0 to change, 0 to destroy.', created: ['alicloud_image_copy.default'], replaced: [] },
    {
      deleted: 'alicloud_instance.default',
      kind: 'instance',
      plan: 'Plan: 3 to add, 0 to change, 2 to destroy.',
      created: ['alicloud_instance.default'],
      replaced: ['alicloud_image.default', 'alicloud_image_copy.default'],
    },
  ] as const)('$deleted deleted out of band: the next plan proposes to create it again', async ({ deleted, kind, plan, created, replaced }) => {
    const { emu } = cloud;
    const dir = workdir('examples/image-copy');
    const cli = (...args: string[]) => runCli([`-chdir=${dir}`, ...args, '-no-color'], cloudEnv(emu));
    const a = await cli('apply', '-auto-approve');
    expect(a.code, a.stdout + a.stderr).toBe(0);
    const id = stateObjects((await readState(dir)).state).find((o) => o.address === deleted)!.id!;
    expect(emu.control.deleteResource(kind as ResourceKind, id)).toBe(true);

    const r = await cli('plan', '-detailed-exitcode');
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toContain(plan);
    for (const c of created) expect(r.stdout).toContain(`# ${c} will be created`);
    for (const c of replaced) expect(r.stdout).toContain(`# ${c} must be replaced`);
    // Refresh dropped the vanished object from state; nothing else was lost.
    const objs = stateObjects((await readState(dir)).state).map((o) => o.address);
    expect(objs).toContain('alicloud_vpc.default');
  }, 60_000);

  test('missing credentials: one clear diagnostic naming the provider and what to set, and no request reaches the cloud', async () => {
    const { emu } = cloud;
    const dir = workdir('examples/image-copy');
    const r = await runCli([`-chdir=${dir}`, 'plan', '-no-color'], cloudEnv(emu, { ALICLOUD_ACCESS_KEY: undefined, ALICLOUD_SECRET_KEY: undefined, HOME: dir }));
    expect(r.code).toBe(1);
    expect(errorCount(r.stderr), r.stderr).toBe(1);
    expect(r.stderr).toContain('Error: No credentials for the Alibaba Cloud provider');
    expect(r.stderr).toMatch(/provider\["registry\.terraform\.io\/aliyun\/alicloud"\]\.(hz|sh) has no access key/);
    expect(r.stderr).toContain('ALICLOUD_ACCESS_KEY');
    expect(r.stderr).toContain('Nothing was sent to\nthe cloud.');
    expect(emu.control.requestLog()).toEqual([]);
  });

  test('rejected credentials: one diagnostic per provider, and no call after the first rejection', async () => {
    const { emu } = cloud;
    const dir = workdir('examples/image-copy');
    const r = await runCli([`-chdir=${dir}`, 'plan', '-no-color'], cloudEnv(emu, { ALICLOUD_SECRET_KEY: 'not-the-secret' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The cloud rejected the credentials of');
    expect(r.stderr).not.toContain('not-the-secret');
    const log = emu.control.requestLog();
    expect(log.every((e) => e.code === 'SignatureDoesNotMatch')).toBe(true);
    // The three data sources use one provider (hz): one rejection is enough to know.
    expect(errorCount(r.stderr), r.stderr).toBe(1);
    expect(log).toHaveLength(1);
  });
});

describe('commands that need no cloud never load the Alibaba Cloud SDK (issue 7)', () => {
  const probe = new URL('./load-probe.mjs', import.meta.url).href;

  /** Runs minitf as a process with the load probe; returns the result and the `@alicloud/*` files it loaded. */
  async function probed(dir: string, args: string[], env: Record<string, string | undefined>) {
    const out = join(dir, 'loaded.json');
    const r = await runMinitf(args, { cwd: dir, env: { ...env, NODE_OPTIONS: `--import=${probe}`, MINITF_LOAD_PROBE: out } });
    return { ...r, loaded: JSON.parse(readFileSync(out, 'utf8')) as string[] };
  }

  test.each([
    { name: 'validate on the seed', fixture: 'examples/image-copy', args: ['validate'], creds: true, code: 0, says: 'Success! The configuration is valid.' },
    { name: 'plan -refresh=false on the seed without data sources, empty state', fixture: 'nodata', args: ['plan', '-refresh=false', '-no-color'], creds: true, code: 0, says: 'Plan: 6 to add, 0 to change, 0 to destroy.' },
    { name: 'plan -refresh=false on the seed without credentials: the data sources need the cloud', fixture: 'examples/image-copy', args: ['plan', '-refresh=false', '-no-color'], creds: false, code: 1, says: 'Error: No credentials for the Alibaba Cloud provider' },
  ])('$name', async ({ fixture, args, creds, code, says }) => {
    const { emu } = cloud;
    const dir = workdir(fixture);
    const r = await probed(dir, args, creds ? cloudEnv(emu) : {});
    expect(r.code, r.stdout + r.stderr).toBe(code);
    expect(r.stdout + r.stderr).toContain(says);
    expect(r.loaded).toEqual([]);
    expect(emu.control.requestLog()).toEqual([]);
  }, 60_000);

  test('plan -refresh=false with a state of six objects loads nothing; a refreshing plan does load the SDK (the probe sees it)', async () => {
    const { emu } = cloud;
    const dir = workdir('nodata');
    const a = await runCli([`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color'], cloudEnv(emu));
    expect(a.code, a.stdout + a.stderr).toBe(0);
    emu.control.clearRequestLog();
    const quiet = await probed(dir, ['plan', '-refresh=false', '-detailed-exitcode', '-no-color'], cloudEnv(emu));
    expect(quiet.code, quiet.stdout + quiet.stderr).toBe(0);
    expect(quiet.loaded).toEqual([]);
    expect(emu.control.requestLog()).toEqual([]);
    const refreshing = await probed(dir, ['plan', '-detailed-exitcode', '-no-color'], cloudEnv(emu));
    expect(refreshing.code, refreshing.stdout + refreshing.stderr).toBe(0);
    expect(refreshing.loaded.some((f) => f.includes('/@alicloud/ecs20140526/'))).toBe(true);
    expect(emu.control.requestLog().length).toBeGreaterThan(0);
  }, 60_000);
});
