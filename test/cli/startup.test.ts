import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';
import { ROOT } from '../resilience/support.js';

const probe = new URL('../resilience/load-probe.mjs', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'minitf-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs minitf as a process; returns the files of packages matching `match` its main thread loaded. */
async function loaded(args: string[], match: string): Promise<{ code: number | null; files: string[] }> {
  const out = join(dir, `loaded-${Math.random().toString(36).slice(2)}.json`);
  const r = await runMinitf(args, { cwd: ROOT, env: { NODE_OPTIONS: `--import=${probe}`, MINITF_LOAD_PROBE: out, MINITF_LOAD_PROBE_MATCH: match } });
  return { code: r.code, files: JSON.parse(readFileSync(out, 'utf8')) as string[] };
}

describe('start-up stays light', () => {
  test('the probe sees what the main thread loads (commander, for any command)', async () => {
    const r = await loaded(['version'], '/commander/');
    expect(r.code).toBe(0);
    expect(r.files.length).toBeGreaterThan(0);
  }, 60_000);

  test.each([
    ['version', ['version']],
    ['validate of the seed (HCL is parsed in a worker thread)', ['-chdir=examples/image-copy', 'validate']],
  ])('%s does not load hcl2json\'s WebAssembly in the main thread', async (_n, args) => {
    const r = await loaded(args, '/@cdktf/hcl2json/');
    expect(r.code).toBe(0);
    expect(r.files).toEqual([]);
  }, 60_000);
});
