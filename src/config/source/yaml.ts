import { createRequire } from 'node:module';
import type { Document, Node as YNode } from 'yaml';

/** The yaml package, loaded on first use (only configurations with YAML files need it). */
let yamlLib: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
import { error, warning, type Diagnostic } from '../../diag/index.js';
import { MAX_DEPTH, type Loc, type PEntry, type PNode } from './pnode.js';

/** Most nodes a YAML file may expand to (aliases included), so alias bombs stay cheap. */
const MAX_NODES = 200_000;

/**
 * Parses a `.tf.yaml`/`.tf.yml` file into positioned nodes (Terraform's JSON structure written in
 * YAML). Syntax errors are `Invalid YAML syntax` diagnostics at the parser's line and column; keys
 * must be scalars; numbers must be finite; aliases are expanded (within a node budget). An empty file
 * is an empty object. Tags (`!foo`) are errors; other YAML warnings become warnings. Nothing is
 * printed. Never throws for bad input.
 */
export function parseYAML(file: string, text: string): { value: PNode | undefined; diagnostics: Diagnostic[] } {
  const lc = new (yaml().LineCounter)();
  let doc: Document.Parsed;
  try {
    doc = yaml().parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' });
  } catch (e) {
    return { value: undefined, diagnostics: [error('Invalid YAML syntax', `The YAML parser failed: ${(e as Error).message}`, { subject: { file, start: { line: 1, column: 1 } } })] };
  }
  const at = (offset: number | undefined): Loc => {
    const o = Math.max(0, Math.min(offset ?? 0, text.length));
    const p = lc.linePos(o);
    return { line: p.line, column: p.col, byte: o };
  };
  if (doc.errors.length) {
    const diags = doc.errors.slice(0, 10).map((e) =>
      error('Invalid YAML syntax', `${e.message.split('\n')[0]} (${e.code}).`, { subject: { file, start: at(e.pos[0]) } }),
    );
    return { value: undefined, diagnostics: diags };
  }
  const diags: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  for (const w of doc.warnings.slice(0, 10)) {
    const subject = { file, start: at(w.pos[0]) };
    if (w.code === 'TAG_RESOLVE_FAILED') diags.push(error('Unsupported YAML tag', `${w.message.split('\n')[0]}. Configuration files use plain YAML values; remove the tag.`, { subject }));
    else warnings.push(warning('YAML warning', `${w.message.split('\n')[0]} (${w.code}).`, { subject }));
  }
  let budget = MAX_NODES;
  const fail = (summary: string, detail: string, loc: Loc): PNode => {
    if (diags.length < 20) diags.push(error(summary, detail, { subject: { file, start: loc } }));
    return { kind: 'scalar', loc, value: null };
  };
  const convert = (n: unknown, depth: number, fallback: Loc): PNode => {
    if (--budget < 0) return fail('YAML document too large', `The document expands to more than ${MAX_NODES} values (aliases included).`, fallback);
    if (depth > MAX_DEPTH) return fail('Nesting too deep', `Values may be nested at most ${MAX_DEPTH} levels deep.`, fallback);
    if (n === null || n === undefined) return { kind: 'scalar', loc: fallback, value: null };
    const node = n as YNode;
    const loc = node.range ? at(node.range[0]) : fallback;
    if (yaml().isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) return fail('Invalid YAML syntax', `The alias *${node.source} refers to no anchor.`, loc);
      return convert(target, depth + 1, loc);
    }
    if (yaml().isMap(node)) {
      const entries: PEntry[] = [];
      for (const item of node.items) {
        if (!yaml().isPair(item)) continue;
        const k = item.key as YNode | null;
        const keyLoc = k && k.range ? at(k.range[0]) : loc;
        if (k !== null && !yaml().isScalar(k)) {
          fail('Invalid YAML key', 'Mapping keys must be plain strings, not lists or mappings.', keyLoc);
          continue;
        }
        const key = k === null || k.value === null ? '' : String(k.value);
        entries.push({ key, keyLoc, value: convert(item.value, depth + 1, keyLoc) });
      }
      return { kind: 'object', loc, entries };
    }
    if (yaml().isSeq(node)) return { kind: 'array', loc, items: node.items.map((x) => convert(x, depth + 1, loc)) };
    if (yaml().isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) return fail('Invalid number', `The number ${String(node.source ?? v)} cannot be represented; use a finite number.`, loc);
        return { kind: 'scalar', loc, value: v };
      }
      if (typeof v === 'string' || typeof v === 'boolean' || v === null) return { kind: 'scalar', loc, value: v };
      if (typeof v === 'bigint') return { kind: 'scalar', loc, value: Number(v) };
      return { kind: 'scalar', loc, value: String(v) };
    }
    return fail('Invalid YAML syntax', 'This YAML node is not supported.', loc);
  };
  const root = doc.contents === null ? ({ kind: 'object', loc: { line: 1, column: 1, byte: 0 }, entries: [] } as PNode) : convert(doc.contents, 0, { line: 1, column: 1, byte: 0 });
  if (diags.length) return { value: undefined, diagnostics: [...diags, ...warnings] };
  return { value: root, diagnostics: warnings };
}
