/**
 * The property behind the configuration fuzz test (`fuzz.test.ts`, 1,000 cases) and `bench/fuzz.ts`
 * (10,000 by default): mutated valid configurations in HCL, JSON and YAML must load and validate
 * without throwing, and every problem must be a diagnostic with a summary, a file among the inputs
 * and a line inside it — never an exception or a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { configGraph, loadConfig, memorySource, validateConfig } from '../../src/config/index.js';
import { diagnosticJSON, renderDiagnostic, type Diagnostic } from '../../src/diag/index.js';

const repo = join(import.meta.dirname, '..', '..');
const read = (...p: string[]): string => readFileSync(join(repo, ...p), 'utf8');

/** A configuration: files by path relative to the module directory. */
export type Files = Readonly<Record<string, string>>;

const POOL_MODULE = `variable "size" {
  type    = number
  default = 2
}

resource "terraform_data" "member" {
  count = var.size
  input = "member-\${count.index}"
  lifecycle {
    ignore_changes = [input]
  }
}

output "ids" {
  value = terraform_data.member[*].id
}
`;

/** Valid configurations the mutations start from. */
export const CORPUS: readonly { readonly name: string; readonly main: string; readonly files: Files }[] = [
  { name: 'seed.tf', main: 'main.tf', files: { 'main.tf': read('examples', 'image-copy', 'main.tf') } },
  { name: 'seed.tf.json', main: 'main.tf.json', files: { 'main.tf.json': read('test', 'fixtures', 'config', 'seed', 'json', 'main.tf.json') } },
  { name: 'seed.tf.yaml', main: 'main.tf.yaml', files: { 'main.tf.yaml': read('test', 'fixtures', 'config', 'seed', 'yaml', 'main.tf.yaml') } },
  {
    name: 'modules.tf',
    main: 'main.tf',
    files: {
      'main.tf': `terraform {
  required_providers {
    alicloud = { source = "aliyun/alicloud" }
  }
  backend "local" {
    path = "state/terraform.tfstate"
  }
}

variable "regions" {
  type    = set(string)
  default = ["cn-hangzhou", "cn-shanghai"]
}

provider "alicloud" {
  alias    = "by_region"
  for_each = var.regions
  region   = each.key
}

locals {
  prefix = "minitf"
  tags   = { Owner = "team", Env = "dev" }
}

module "pool" {
  source = "./modules/pool"
  size   = 3
}

resource "terraform_data" "web" {
  for_each = toset(["blue", "green"])
  input    = { name = "\${local.prefix}-\${each.key}", ids = module.pool.ids }
  triggers_replace = [local.tags]
  depends_on = [module.pool]
}

moved {
  from = terraform_data.old
  to   = terraform_data.web["blue"]
}

import {
  to = terraform_data.adopted
  id = "abc"
}

resource "terraform_data" "adopted" {}

check "health" {
  assert {
    condition     = length(module.pool.ids) > 0
    error_message = "The pool is empty."
  }
}

output "web" {
  value     = { for k, v in terraform_data.web : k => v.id }
  sensitive = false
}
`,
      'modules/pool/main.tf': POOL_MODULE,
    },
  },
];

/** One way of damaging a text. */
export type Mutation =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly char: string }
  | { readonly kind: 'delete'; readonly what: string; readonly nth: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'wrongType'; readonly pick: number; readonly value: unknown }
  | { readonly kind: 'hugeNumber'; readonly at: number; readonly text: string }
  | { readonly kind: 'deepNesting'; readonly at: number; readonly depth: number }
  | { readonly kind: 'duplicateLine'; readonly line: number };

const FRAGMENTS = ['${', '}', '{', '[', ']', '"', "'", '%{', '<<EOT\n', '<<-EOF\n', '#', '//', '/*', '*/', '\\', '\n', '=', ':', ',', '- ', '&a', '*a', '!!binary', '---\n', '? ', '\t', '\u0000', '\uFEFF', '\uD800', '${var.', 'resource "', '"//": 1,', 'null', 'true'];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), char: fc.oneof(fc.constantFrom(...'{}[]()"\':,=#$%\\\n\t <>|&*!?-'.split('')), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))) }),
  fc.record({ kind: fc.constant('delete' as const), what: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '=', '\n', '$', '  '), nth: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })) }),
  fc.record({ kind: fc.constant('wrongType' as const), pick: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<unknown>(1e308, -1e-308, 2 ** 53 + 1, '', '${', '${var.nope}', [], {}, null, true)) }),
  fc.record({ kind: fc.constant('hugeNumber' as const), at: fc.nat(), text: fc.constantFrom('1e999999', '1e-999999', '9'.repeat(600), '1e400', '-0', '0x1F', '.inf', 'NaN', '1' + '0'.repeat(320), '123456789012345678901234567890', '1e1000', '0.' + '0'.repeat(380) + '1') }),
  fc.record({ kind: fc.constant('deepNesting' as const), at: fc.nat(), depth: fc.oneof(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 140, max: 400 }), fc.constant(5000)) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
);

/** A fuzz case: a corpus entry, the file to damage and the mutations applied in order. */
export interface FuzzCase {
  readonly base: number;
  readonly mutations: readonly Mutation[];
}

/** Arbitrary fuzz cases (1 to 3 mutations of one corpus configuration). */
export const fuzzCaseArb: fc.Arbitrary<FuzzCase> = fc.record({
  base: fc.nat({ max: CORPUS.length - 1 }),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
});

/** Replaces one value somewhere in a JSON-like structure (the `pick`-th node in walk order). */
function replaceValue(root: unknown, pick: number, value: unknown): unknown {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach((x, i) => (nodes.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (nodes.push({ parent: v as Record<string, unknown>, key: k }), walk(x));
  };
  walk(root);
  if (!nodes.length) return value;
  const n = nodes[pick % nodes.length]!;
  (n.parent as Record<string | number, unknown>)[n.key] = value;
  return root;
}

function hclLiteral(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(hclLiteral).join(', ')}]`;
  return `{ ${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)} = ${hclLiteral(x)}`).join(', ')} }`;
}

/** Applies one mutation to a file's text. */
export function mutate(name: string, text: string, m: Mutation): string {
  const at = (n: number): number => (text.length ? n % (text.length + 1) : 0);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'flip': {
      const i = text.length ? m.at % text.length : 0;
      return text.slice(0, i) + m.char + text.slice(i + 1);
    }
    case 'delete': {
      let idx = -1;
      for (let k = 0; k <= m.nth; k++) {
        const next = text.indexOf(m.what, idx + 1);
        if (next < 0) break;
        idx = next;
      }
      return idx < 0 ? text : text.slice(0, idx) + text.slice(idx + m.what.length);
    }
    case 'insert':
    case 'hugeNumber': {
      const i = at(m.at);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'wrongType': {
      if (name.endsWith('.json') || name.endsWith('.yaml')) {
        try {
          const doc = name.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { logLevel: 'silent' });
          const out = replaceValue(doc, m.pick, m.value);
          return name.endsWith('.json') ? JSON.stringify(out, null, 2) : stringifyYaml(out);
        } catch {
          return text;
        }
      }
      const lines = text.split('\n');
      const withValue = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[\w-]+\s*=\s*\S/.test(l));
      if (!withValue.length) return text;
      const [line, i] = withValue[m.pick % withValue.length]!;
      lines[i] = line.replace(/=\s*.*$/, `= ${hclLiteral(m.value)}`);
      return lines.join('\n');
    }
    case 'deepNesting': {
      const i = at(m.at);
      const open = name.endsWith('.yaml') ? '['.repeat(m.depth) : '['.repeat(m.depth);
      return text.slice(0, i) + open + '1' + ']'.repeat(m.depth) + text.slice(i);
    }
    case 'duplicateLine': {
      const lines = text.split('\n');
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
  }
}

/** The files of a case after its mutations (applied to the corpus entry's main file). */
export function caseFiles(c: FuzzCase): { files: Files; base: string } {
  const entry = CORPUS[c.base]!;
  let text = entry.files[entry.main]!;
  for (const m of c.mutations) text = mutate(entry.main, text, m);
  return { files: { ...entry.files, [entry.main]: text }, base: entry.name };
}

/** What a case produced. */
export interface CaseOutcome {
  readonly diagnostics: readonly Diagnostic[];
}

const ROOT = '/minitf-fuzz';
const STACK = /\n\s+at .+(:\d+:\d+\)?)$/m;

/**
 * Loads, validates, graphs and renders a case; throws (failing the property) when anything throws
 * or a diagnostic lacks a summary, a file from the inputs or a line within that file, or carries a
 * stack trace.
 */
export async function checkCase(c: FuzzCase): Promise<CaseOutcome> {
  const { files } = caseFiles(c);
  const r = await loadConfig(ROOT, memorySource(ROOT, files));
  const diags = [...r.diagnostics, ...validateConfig(r.value)];
  configGraph(r.value);
  const sources = new Map(Object.entries(files));
  for (const d of diags) {
    if (!d.summary) throw new Error('diagnostic without a summary');
    if (!d.subject) throw new Error(`diagnostic without a file: ${d.summary}`);
    const text = files[d.subject.file];
    if (text === undefined) throw new Error(`diagnostic names an unknown file ${d.subject.file}: ${d.summary}`);
    const lines = text.split('\n').length;
    if (!(d.subject.start.line >= 1 && d.subject.start.line <= lines + 1)) throw new Error(`line ${d.subject.start.line} outside ${d.subject.file} (${lines} lines): ${d.summary}`);
    if (STACK.test(d.detail ?? '') || STACK.test(d.summary)) throw new Error(`stack trace in a diagnostic: ${d.summary}`);
    renderDiagnostic(d, sources);
    JSON.stringify(diagnosticJSON(d, sources));
  }
  return { diagnostics: diags };
}
