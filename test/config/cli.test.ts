import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const hook = join(import.meta.dirname, 'hooks', 'record-imports.mjs');
const seed = join(root, 'examples', 'image-copy');
const invalid = (name: string): string => join(root, 'test', 'fixtures', 'config', 'invalid', name);
const tmp = mkdtempSync(join(tmpdir(), 'minitf-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `node --import hook …args` in a fresh process; returns output and the @alicloud modules it loaded. */
async function fresh(args: string[], name: string): Promise<{ code: number; stdout: string; stderr: string; alicloud: string[] }> {
  const log = join(tmp, `${name}.log`);
  let code = 0;
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await run(process.execPath, ['--import', hook, ...args], { cwd: root, env: { ...process.env, MINITF_IMPORT_LOG: log }, timeout: 60_000 }));
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    ({ code, stdout, stderr } = x);
  }
  const alicloud = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { code, stdout, stderr, alicloud };
}

describe('minitf validate in a fresh process', () => {
  test('the seed is valid and no Alibaba SDK module is loaded', async () => {
    const r = await fresh(['bin/minitf.js', '-chdir=examples/image-copy', 'validate'], 'seed');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Success! The configuration is valid.\n\n');
    expect(r.code).toBe(0);
    expect(r.alicloud).toEqual([]);
  });

  test('the detector sees an Alibaba SDK import (control)', async () => {
    const r = await fresh(['--input-type=module', '-e', "await import('@alicloud/ecs20140526')"], 'control');
    expect(r.code).toBe(0);
    expect(r.alicloud.some((l) => l.startsWith('resolve @alicloud/ecs20140526'))).toBe(true);
    expect(r.alicloud.some((l) => l.startsWith('cache ') && l.includes('ecs20140526'))).toBe(true);
  });
});

describe('minitf validate', () => {
  test('an invalid configuration prints Terraform-style diagnostics and exits 1', async () => {
    const r = await runCli([`-chdir=${invalid('image-name-http')}`, 'validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('\nError: Invalid value for argument\n\n  on main.tf line 4, in resource "alicloud_image_copy" "default":\n   4:   image_name       = "http://example.com/image"');
    expect(r.stderr.replace(/\s+/g, ' ')).toContain('"image_name" must be 2 to 128 characters long, start with a letter');
  });

  test('-json has the validate shape, with ranges and snippets', async () => {
    const r = await runCli([`-chdir=${invalid('undeclared-resource')}`, 'validate', '-json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ format_version: '1.0', valid: false, error_count: 1, warning_count: 0 });
    const [d] = out.diagnostics as Record<string, unknown>[];
    expect(d).toMatchObject({
      severity: 'error',
      summary: 'Reference to undeclared resource',
      range: { filename: 'main.tf', start: { line: 2, column: 22 } },
      snippet: { context: 'resource "alicloud_image_copy" "default"', start_line: 2, highlight_start_offset: 21 },
    });
  });

  test('-json on the seed is valid', async () => {
    const r = await runCli([`-chdir=${seed}`, 'validate', '-json']);
    expect(JSON.parse(r.stdout)).toEqual({ format_version: '1.0', valid: true, error_count: 0, warning_count: 0, diagnostics: [] });
    expect(r.code).toBe(0);
  });
});

describe('minitf graph', () => {
  const edges = (dot: string): string[] => [...dot.matchAll(/^ {2}"([^"]+)" -> "([^"]+)";$/gm)].map((m) => `${m[1]} -> ${m[2]}`);

  test('DOT of the seed: image copy on alicloud.sh after the image; every hz object on alicloud.hz', async () => {
    const r = await runCli([`-chdir=${seed}`, 'graph']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('digraph G {\n')).toBe(true);
    const e = edges(r.stdout);
    expect(e).toContain('alicloud_image_copy.default -> alicloud_image.default');
    expect(e).toContain('alicloud_image_copy.default -> provider.alicloud.sh');
    expect(e).not.toContain('alicloud_image_copy.default -> provider.alicloud.hz');
    const hz = ['alicloud_vpc.default', 'alicloud_vswitch.default', 'alicloud_security_group.default', 'alicloud_instance.default', 'alicloud_image.default', 'data.alicloud_zones.default', 'data.alicloud_instance_types.default', 'data.alicloud_images.default'];
    for (const n of hz) {
      expect(e).toContain(`${n} -> provider.alicloud.hz`);
      expect(e).not.toContain(`${n} -> provider.alicloud.sh`);
    }
    expect(r.stdout).toContain('"provider.alicloud.sh" [label="provider[\\"registry.terraform.io/aliyun/alicloud\\"].sh", shape = diamond];');
    // Stable: the same text twice.
    expect((await runCli([`-chdir=${seed}`, 'graph'])).stdout).toBe(r.stdout);
  });

  test('Mermaid of the seed', async () => {
    const r = await runCli([`-chdir=${seed}`, 'graph', '-format=mermaid']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('flowchart RL');
    expect(r.stdout).toContain('  alicloud_image_copy_default --> provider_alicloud_sh\n');
    expect(r.stdout).toContain('  provider_alicloud_hz{"provider[#quot;registry.terraform.io/aliyun/alicloud#quot;].hz"}\n');
  });

  test('an unknown format and an invalid configuration exit 1', async () => {
    expect((await runCli([`-chdir=${seed}`, 'graph', '-format=png'])).code).toBe(1);
    const bad = await runCli([`-chdir=${invalid('cycle')}`, 'graph']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error: Cycle: terraform_data.a, terraform_data.b');
  });
});
