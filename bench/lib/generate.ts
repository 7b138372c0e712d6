/**
 * Generates the benchmark configurations: `terraform_data` resources in three shapes, each a single
 * `main.tf` that minitf and Terraform both read unchanged, and the large configuration the parsing
 * benchmark loads.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The shapes of the scaling benchmark:
 * - `count`: one block with `count = N` and an object `input`;
 * - `hubs`: 10 hub instances referenced by N leaf instances (`hub[count.index % 10].output`), so the
 *   leaves' inputs are unknown until the hubs exist;
 * - `blocks`: N distinct resource blocks (N graph nodes of one instance each).
 */
export type Shape = 'count' | 'hubs' | 'blocks';

/** Every shape, in the order the benchmark runs them. */
export const SHAPES: readonly Shape[] = ['count', 'hubs', 'blocks'];

/** The `.tf` text of `shape` with `n` resources (plus the 10 hubs for `hubs`). */
export function scaleConfig(shape: Shape, n: number): string {
  switch (shape) {
    case 'count':
      return [
        'resource "terraform_data" "item" {',
        `  count = ${n}`,
        '  input = {',
        '    name  = "item-${count.index}"',
        '    index = count.index',
        '    tags  = { env = "bench", shard = tostring(count.index % 10) }',
        '  }',
        '}',
        '',
      ].join('\n');
    case 'hubs':
      return [
        'resource "terraform_data" "hub" {',
        '  count = 10',
        '  input = "hub-${count.index}"',
        '}',
        '',
        'resource "terraform_data" "leaf" {',
        `  count = ${n}`,
        '  input = {',
        '    hub   = terraform_data.hub[count.index % 10].output',
        '    index = count.index',
        '  }',
        '}',
        '',
      ].join('\n');
    case 'blocks': {
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        parts.push(`resource "terraform_data" "r${i}" {\n  input = { name = "r-${i}", index = ${i} }\n}\n`);
      }
      return parts.join('\n');
    }
  }
}

/** Writes `main.tf` of `shape` with `n` resources into `dir`. */
export function writeScaleConfig(dir: string, shape: Shape, n: number): void {
  writeFileSync(join(dir, 'main.tf'), scaleConfig(shape, n));
}

/**
 * A parsing workload of `blocks` blocks (about 240 bytes each: 5,000 blocks make ~1.2 MB) in one
 * `.tf` file: variables, locals and resources whose arguments use references, templates, function
 * calls, conditionals and for-expressions, so the loader compiles real expressions.
 */
export function parseConfig(blocks: number): string {
  const out: string[] = ['variable "prefix" {\n  type    = string\n  default = "bench"\n}\n'];
  for (let i = 1; i < blocks; i++) {
    switch (i % 4) {
      case 0:
        out.push(`locals {\n  name_${i} = "\${var.prefix}-${i}"\n  tags_${i} = { env = "bench", index = "${i}", owner = upper("team-${i % 13}") }\n  note_${i} = "generated local block ${i} of the minitf parsing benchmark"\n}\n`);
        break;
      case 1:
        out.push(
          `resource "terraform_data" "a${i}" {\n  input = {\n    name    = "\${var.prefix}-a-${i}"\n    size    = ${i} % 7 == 0 ? ${i} * 2 : ${i}\n` +
            `    zones   = [for z in ["a", "b", "c"] : "cn-hangzhou-\${z}"]\n    labels  = merge({ role = "app" }, { index = "${i}" })\n    comment = "generated resource block ${i} of the minitf parsing benchmark"\n  }\n}\n`,
        );
        break;
      case 2:
        out.push(
          `resource "terraform_data" "b${i}" {\n  triggers_replace = [terraform_data.a${i - 1}.id]\n  input = {\n` +
            `    parent = terraform_data.a${i - 1}.output.name\n    joined = join("-", ["b", "${i}", var.prefix])\n    port   = 8000 + ${i % 1000}\n    note   = "generated dependent block ${i} of the minitf parsing benchmark"\n  }\n}\n`,
        );
        break;
      default:
        out.push(`output "o${i}" {\n  description = "Output number ${i} of the parsing benchmark."\n  value       = terraform_data.b${i - 1}.output.parent\n}\n`);
    }
  }
  return out.join('\n');
}
