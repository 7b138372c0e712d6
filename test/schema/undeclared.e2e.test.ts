import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { getRawSchema, listTypes, type JsonSchemaNode, type SchemaKind } from '../../src/schema/index.js';
import { runMinitf } from '../helpers/process.js';

// Every type minitf knows, resources and data sources and providers alike, gets an argument its schema
// does not declare, with a value that needs evaluation (so it is unknown when validate runs), at the
// top level, in every nested block type and in the content of a `dynamic` block of that type. Each one
// must be `Unsupported argument` on its own line: never dropped, whatever the value.

const EXPRESSIONS = ['var.name', '[var.name]', '{ k = var.name }', '"${var.name}-x"', 'upper(var.name)', 'local.name', 'length(var.list) + 1'];

/** The nested block types of a raw schema node, with their nesting. */
function blocksOf(node: JsonSchemaNode): { name: string; node: JsonSchemaNode }[] {
  return Object.entries(node.properties ?? {})
    .filter(([, p]) => p['x-block'])
    .map(([name, p]) => ({ name, node: p['x-block'] === 'list' ? p.items! : p }));
}

/**
 * A configuration holding one block per type, and the lines where an undeclared argument is written.
 * `staticTimeouts: false` leaves out the static `timeouts` blocks, whose undeclared names the loader
 * already rejects (plan and apply stop there, before the schema checks).
 */
function configuration(staticTimeouts = true): { text: string; lines: number[]; types: string[] } {
  const out = ['variable "name" {', '  default = "a"', '}', 'variable "list" {', '  default = ["a"]', '}', 'locals {', '  name = "b"', '}'];
  const lines: number[] = [];
  const types: string[] = [];
  let n = 0;
  const undeclared = (indent: string, name: string, expr?: string): void => {
    out.push(`${indent}${name} = ${expr ?? EXPRESSIONS[n++ % EXPRESSIONS.length]}`);
    lines.push(out.length);
  };
  const kinds: [SchemaKind, string][] = [
    ['resource', 'resource'],
    ['data', 'data'],
    ['provider', 'provider'],
  ];
  for (const [kind, keyword] of kinds) {
    for (const type of listTypes(kind)) {
      const raw = getRawSchema(kind, type)!;
      types.push(`${kind} ${type}`);
      out.push(kind === 'provider' ? `${keyword} "${type}" {` : `${keyword} "${type}" "u" {`);
      undeclared('  ', `undeclared_${type}`);
      for (const b of blocksOf(raw)) {
        if (staticTimeouts || b.name !== 'timeouts') {
          out.push(`  ${b.name} {`);
          undeclared('    ', `undeclared_in_${b.name}`);
          out.push('  }');
        }
        out.push(`  dynamic "${b.name}" {`, '    for_each = var.list', '    content {');
        undeclared('      ', `undeclared_in_dynamic_${b.name}`, `${b.name}.value`);
        out.push('    }', '  }');
      }
      out.push('}');
    }
  }
  return { text: out.join('\n') + '\n', lines, types };
}

/** The lines of `main.tf` that human output reports as `Unsupported argument`, in order of output. */
function reported(text: string): number[] {
  return [...text.matchAll(/Error: Unsupported argument\n\n {2}on main\.tf line (\d+)/g)].map((m) => Number(m[1]));
}

const dir = mkdtempSync(join(tmpdir(), 'minitf-undeclared-'));
const planDir = mkdtempSync(join(tmpdir(), 'minitf-undeclared-plan-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(planDir, { recursive: true, force: true });
});
const { text, lines, types } = configuration();
writeFileSync(join(dir, 'main.tf'), text);
const forPlan = configuration(false);
writeFileSync(join(planDir, 'main.tf'), forPlan.text);
const sorted = (a: readonly number[]): number[] => [...a].sort((x, y) => x - y);

describe('an undeclared argument with an expression value, in every type', () => {
  test('the walk covers every resource type, data source and provider, and nested blocks', () => {
    expect(types.filter((t) => t.startsWith('resource ')).length).toBeGreaterThanOrEqual(8);
    expect(types).toContain('resource terraform_data');
    expect(types).toContain('data alicloud_zones');
    expect(types.filter((t) => t.startsWith('data ')).length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('disk_device_mapping {');
    expect(text).toContain('dynamic "endpoints" {');
  });

  test('validate: Unsupported argument at each line, exit 1', async () => {
    const r = await runMinitf(['validate', '-json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as { diagnostics: { summary: string; detail: string; range?: { filename: string; start: { line: number } } }[] };
    const unsupported = json.diagnostics.filter((d) => d.summary === 'Unsupported argument');
    for (const d of unsupported) {
      expect(d.range?.filename).toBe('main.tf');
      expect(d.detail).toMatch(/^An argument named "undeclared_\w+" is not expected here\./);
    }
    expect(sorted(unsupported.map((d) => d.range!.start.line))).toEqual(lines);
  });

  test.each([['plan'], ['apply', '-auto-approve']])('%s refuses with the same errors and touches nothing', async (...args) => {
    const r = await runMinitf(['-emulator', ...args], { cwd: planDir });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(sorted(reported(r.stderr))).toEqual(forPlan.lines);
    expect(forPlan.lines.length).toBeGreaterThanOrEqual(20);
    expect(r.stdout).not.toMatch(/will be created|Apply complete/);
    expect(existsSync(join(planDir, 'terraform.tfstate'))).toBe(false);
  });
});
