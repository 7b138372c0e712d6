import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';

// `minitf get [-update]`: the module step of init, as `terraform get` prints it.
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function stack(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'minitf-get-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

const MODULES = {
  'main.tf': 'module "zz" {\n  source = "./mod"\n}\nmodule "b" {\n  source = "./mod/sub"\n}\n',
  'mod/main.tf': 'module "inner" {\n  source = "./sub"\n}\n',
  'mod/sub/main.tf': 'resource "terraform_data" "b" {}\n',
};

describe('minitf get', () => {
  test.each([[[]], [['-update']], [['-update', '-no-color']]])('lists every module call depth first, args %j, and leaves nothing behind', async (flags) => {
    const cwd = stack(MODULES);
    const r = await runMinitf(['get', ...flags], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('- b in mod/sub\n- zz in mod\n- zz.inner in mod/sub\n');
    expect(readdirSync(cwd).sort()).toEqual(['main.tf', 'mod']);
  });

  test('a configuration without modules prints nothing and exits 0', async () => {
    const r = await runMinitf(['get'], { cwd: stack({ 'main.tf': 'resource "terraform_data" "a" {}\n' }) });
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });

  test('a missing module directory, or a registry module, is an error at the module call', async () => {
    const missing = await runMinitf(['get', '-no-color'], { cwd: stack({ 'main.tf': 'module "x" {\n  source = "./nope"\n}\n' }) });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Error: Unreadable module directory');
    expect(missing.stderr).toContain('on main.tf line 2, in module "x":');
    const remote = await runMinitf(['get', '-no-color'], { cwd: stack({ 'main.tf': 'module "x" {\n  source = "hashicorp/foo/aws"\n}\n' }) });
    expect(remote.code).toBe(1);
    expect(remote.stderr).toContain('Error: Unsupported module source');
  });
});
