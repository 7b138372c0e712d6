import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMinitf } from '../helpers/process.js';

// `workspace select -or-create[=BOOL]` and `workspace new -no-color`, as Terraform 1.11 parses them.
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function stack(): string {
  const d = mkdtempSync(join(tmpdir(), 'minitf-ws-flags-'));
  dirs.push(d);
  writeFileSync(join(d, 'main.tf'), 'resource "terraform_data" "a" {\n  input = "x"\n}\n');
  return d;
}

describe('workspace flags', () => {
  test('select -or-create=true creates a missing workspace and switches to it; an existing one is switched to', async () => {
    const cwd = stack();
    const r = await runMinitf(['workspace', 'select', '-or-create=true', 'dev'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Created and switched to workspace "dev"!');
    expect((await runMinitf(['workspace', 'show'], { cwd })).stdout).toBe('dev\n');
    const again = await runMinitf(['workspace', 'select', '-or-create', 'default'], { cwd });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('Switched to workspace "default".\n');
    const bare = await runMinitf(['workspace', 'select', '-or-create', 'qa'], { cwd });
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stdout).toContain('Created and switched to workspace "qa"!');
    expect((await runMinitf(['workspace', 'list'], { cwd })).stdout).toBe('  default\n  dev\n* qa\n\n');
  });

  test('select -or-create=false refuses a missing workspace; a value that is not a bool is a flag error', async () => {
    const cwd = stack();
    const no = await runMinitf(['workspace', 'select', '-or-create=false', 'dev'], { cwd });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('Workspace "dev" doesn\'t exist.');
    const bad = await runMinitf(['workspace', 'select', '-or-create=maybe', 'dev'], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error parsing command-line flags: invalid boolean value "maybe" for -or-create: parse error');
    expect((await runMinitf(['workspace', 'show'], { cwd })).stdout).toBe('default\n');
  });

  test('new -no-color creates the workspace and prints no escape sequences', async () => {
    const cwd = stack();
    const r = await runMinitf(['workspace', 'new', '-no-color', 'dev4'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Created and switched to workspace "dev4"!');
    expect(r.stdout + r.stderr).not.toContain('\u001b[');
    const dup = await runMinitf(['workspace', 'new', '-no-color', 'dev4'], { cwd });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('Workspace "dev4" already exists');
  });
});
