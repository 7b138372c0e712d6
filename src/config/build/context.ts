import { error, type Diagnostic, type SourceRange } from '../../diag/index.js';
import { asIndexedTraversal, asTraversal, compileJSON, parseExpression, type Expression } from '../../lang/index.js';
import type { Attribute, ProviderRefExpr } from '../model.js';
import { toPlain, type Loc, type PEntry, type PNode, type PObject } from '../source/pnode.js';

/** One block found in a file: its labels, body and header position. */
export interface FoundBlock {
  readonly labels: readonly string[];
  readonly body: PObject;
  readonly loc: Loc;
}

/**
 * Reading helpers for one configuration file: ranges, expression compilation, literal readers and
 * the JSON-syntax block forms. Every problem is appended to `diags`; readers return undefined when
 * the value cannot be used.
 */
export class FileContext {
  readonly diags: Diagnostic[] = [];

  constructor(
    /** File name relative to the root module directory. */
    readonly file: string,
    readonly format: 'hcl' | 'json' | 'yaml',
  ) {}

  range(loc: Loc): SourceRange {
    return { file: this.file, start: loc.byte !== undefined ? { line: loc.line, column: loc.column, byte: loc.byte } : { line: loc.line, column: loc.column } };
  }

  error(summary: string, detail: string, loc: Loc, context?: string): void {
    this.diags.push(error(summary, detail, { subject: this.range(loc), ...(context ? { context } : {}) }));
  }

  /** An attribute: the compiled expression and, for constant values, the value as written. */
  attribute(name: string, node: PNode, keyLoc: Loc, context?: string): Attribute {
    const plain = toPlain(node);
    return { name, expr: this.expr(node, context), range: this.range(keyLoc), ...(isConstant(plain) ? { constant: { value: plain } } : {}) };
  }

  /**
   * Compiles a value as an expression (strings are templates). Strings nested deeper than
   * MAX_EXPR_DEPTH brackets are refused before parsing (a `Nesting too deep` diagnostic and a null
   * expression), so no input can exhaust the parser's stack.
   */
  expr(node: PNode, context?: string): Expression {
    const plain = toPlain(node);
    const origin = { file: this.file, line: node.loc.line, column: node.loc.column };
    if (tooDeep(plain)) {
      this.error('Nesting too deep', `Expressions may nest brackets and braces at most ${MAX_EXPR_DEPTH} levels deep.`, node.loc, context);
      return compileJSON(null, origin).value;
    }
    const r = compileJSON(plain, origin);
    for (const d of r.diagnostics) this.diags.push(context && !d.context ? { ...d, context } : d);
    return r.value;
  }

  /**
   * Compiles a value written as a bare expression in HCL and as a string holding it in JSON/YAML
   * (`depends_on` items, `provider`, `moved.from`, variable `type`): `"${x}"` and `"x"` both give `x`.
   * Returns the expression and its text.
   */
  bareExpr(node: PNode, what: string, context?: string): { expr: Expression; text: string } | undefined {
    if (node.kind !== 'scalar' || typeof node.value !== 'string') {
      this.error('Invalid expression', `${what} must be written as an expression (in JSON and YAML, a string holding it).`, node.loc, context);
      return undefined;
    }
    if (tooDeep(node.value)) {
      this.error('Nesting too deep', `Expressions may nest brackets and braces at most ${MAX_EXPR_DEPTH} levels deep.`, node.loc, context);
      return undefined;
    }
    const s = node.value;
    const origin = { file: this.file, line: node.loc.line, column: node.loc.column };
    if (s.includes('${')) {
      const r = compileJSON(s, origin);
      const inner = s.trim().slice(2, -1).trim();
      if (r.diagnostics.length === 0 && s.trim().startsWith('${') && s.trim().endsWith('}') && asTraversal(r.value) !== undefined) return { expr: r.value, text: inner };
      const p = s.trim().startsWith('${') && s.trim().endsWith('}') ? parseExpression(inner, origin) : r;
      for (const d of p.diagnostics) this.diags.push(context && !d.context ? { ...d, context } : d);
      return p.diagnostics.length ? undefined : { expr: p.value, text: inner };
    }
    const r = parseExpression(s, origin);
    for (const d of r.diagnostics) this.diags.push(context && !d.context ? { ...d, context } : d);
    return r.diagnostics.length ? undefined : { expr: r.value, text: s.trim() };
  }

  /** A static traversal (`terraform_data.web["blue"]`): its parts and text, or a diagnostic. */
  traversal(node: PNode, what: string, context?: string): { parts: (string | number)[]; text: string; expr: Expression } | undefined {
    const e = this.bareExpr(node, what, context);
    if (!e) return undefined;
    const parts = asTraversal(e.expr);
    if (!parts) {
      this.error('Invalid reference', `${what} must be a static reference such as terraform_data.example, not "${e.text.slice(0, 80)}".`, node.loc, context);
      return undefined;
    }
    return { parts, text: e.text, expr: e.expr };
  }

  /** A provider reference: `alicloud`, `alicloud.hz`, `alicloud.by_region[each.key]` (bare or quoted). */
  providerRef(node: PNode, context?: string): ProviderRefExpr | undefined {
    const e = this.bareExpr(node, 'A provider reference', context);
    if (!e) return undefined;
    const t = asIndexedTraversal(e.expr);
    let parts = t?.parts ?? [];
    let key = t?.key;
    // A literal instance key (`alicloud.by_region["cn-beijing"]`) is part of the static traversal.
    if (!key && parts.length === 3 && typeof parts[1] === 'string') {
      key = compileJSON(parts[2], { file: this.file, line: node.loc.line, column: node.loc.column }).value;
      parts = parts.slice(0, 2);
    }
    const ok = parts.length >= 1 && parts.length <= 2 && parts.every((p) => typeof p === 'string') && !(key && parts.length < 2);
    if (!t || !ok) {
      this.error('Invalid provider reference', `A provider reference must be a provider local name, optionally followed by an alias and an instance key (alicloud, alicloud.hz, alicloud.by_region["cn-beijing"]), not "${e.text.slice(0, 80)}".`, node.loc, context);
      return undefined;
    }
    return { name: parts[0] as string, ...(parts[1] !== undefined ? { alias: parts[1] as string } : {}), ...(key ? { key } : {}), range: this.range(node.loc) };
  }

  /** A literal string (`description`, `source`, `alias`). */
  string(node: PNode, name: string, context?: string): string | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string' && !node.value.includes('${')) return node.value;
    if (node.kind === 'scalar' && typeof node.value === 'number') return String(node.value);
    this.error('Invalid value', `The argument "${name}" must be a literal string here; expressions and other types are not allowed.`, node.loc, context);
    return undefined;
  }

  /** A literal bool (`sensitive`, `create_before_destroy`); `"true"`/`"${true}"` are accepted. */
  bool(node: PNode, name: string, context?: string): boolean | undefined {
    if (node.kind === 'scalar') {
      const v = node.value;
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === '${true}') return true;
      if (v === 'false' || v === '${false}') return false;
    }
    this.error('Incorrect attribute value type', `Inappropriate value for attribute "${name}": a literal bool (true or false) is required.`, node.loc, context);
    return undefined;
  }

  /**
   * The entries of a body, without `//` comments; a repeated key is an `Attribute redefined` error
   * (the first one wins). Entries that are not an object give `Incorrect JSON value type`.
   */
  entries(node: PNode, context?: string): PEntry[] {
    if (node.kind !== 'object') {
      this.error('Incorrect JSON value type', 'A JSON object is required here, holding the contents of the block.', node.loc, context);
      return [];
    }
    const seen = new Map<string, PEntry>();
    const out: PEntry[] = [];
    for (const e of node.entries) {
      if (e.key === '//') continue;
      const prev = seen.get(e.key);
      if (prev) {
        this.error('Attribute redefined', `The argument "${e.key}" was already set at ${this.file}:${prev.keyLoc.line},${prev.keyLoc.column}. Each argument may be set only once.`, e.keyLoc, context);
        continue;
      }
      seen.set(e.key, e);
      out.push(e);
    }
    if (this.format === 'hcl') out.sort((a, b) => a.keyLoc.line - b.keyLoc.line || a.keyLoc.column - b.keyLoc.column);
    return out;
  }

  /**
   * The blocks written under one key in any of Terraform's JSON forms: `{label: {…}}` per label, the
   * body an object or an array of objects, arrays allowed at every level. `//` keys are ignored at
   * every level. The header position is the key of the last label (or the key of the block type).
   */
  blocks(node: PNode, labels: number, keyLoc: Loc, what: string, prefix: readonly string[] = []): FoundBlock[] {
    // hcl2json nests one object per label and ends in an array of bodies; any other shape is a block
    // with too few or too many labels, which the loader reports from the scanned headers.
    if (this.format === 'hcl' && (prefix.length === labels ? node.kind === 'object' : node.kind === 'array')) return [];
    if (prefix.length === labels) {
      if (node.kind === 'object') return [{ labels: prefix, body: node, loc: this.format === 'hcl' ? node.loc : keyLoc }];
      if (node.kind === 'array') {
        const out: FoundBlock[] = [];
        for (const item of node.items) {
          if (item.kind === 'object') out.push({ labels: prefix, body: item, loc: item.loc });
          else this.error('Incorrect JSON value type', `Either a JSON object or a JSON array of objects is required here, representing the contents of one or more "${what}" blocks.`, item.loc);
        }
        return out;
      }
      this.error('Incorrect JSON value type', `Either a JSON object or a JSON array of objects is required here, representing the contents of one or more "${what}" blocks.`, node.loc);
      return [];
    }
    if (node.kind === 'object') {
      const out: FoundBlock[] = [];
      for (const e of node.entries) {
        if (e.key === '//') continue;
        out.push(...this.blocks(e.value, labels, e.keyLoc, what, [...prefix, e.key]));
      }
      return out;
    }
    if (node.kind === 'array') return node.items.flatMap((item) => this.blocks(item, labels, item.loc, what, prefix));
    this.error('Incorrect JSON value type', `Either a JSON object or a JSON array of objects is required here, to specify the labels of this "${what}" block.`, node.loc);
    return [];
  }
}

/** Deepest bracket nesting accepted inside one expression string. */
export const MAX_EXPR_DEPTH = 100;

/** True when some string in a plain value nests brackets deeper than MAX_EXPR_DEPTH. */
export function tooDeep(v: unknown): boolean {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'string') {
      if (!x.includes('${') && !x.includes('%{') && !/[[({]/.test(x)) continue;
      let depth = 0;
      for (let i = 0; i < x.length; i++) {
        const c = x.charCodeAt(i);
        if (c === 40 || c === 91 || c === 123) {
          if (++depth > MAX_EXPR_DEPTH) return true;
        } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
      }
    } else if (Array.isArray(x)) for (const y of x) stack.push(y);
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) stack.push(k, y);
  }
  return false;
}

/** True when a plain value holds no template sequence (`${`, `%{`) in any string or key. */
export function isConstant(v: unknown): boolean {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'string') {
      if (x.includes('${') || x.includes('%{')) return false;
    } else if (Array.isArray(x)) for (const y of x) stack.push(y);
    else if (x && typeof x === 'object') {
      for (const [k, y] of Object.entries(x)) {
        if (k.includes('${') || k.includes('%{')) return false;
        stack.push(y);
      }
    }
  }
  return true;
}

/** `resource "t" "n"`-style header text for diagnostics' context. */
export function header(type: string, labels: readonly string[]): string {
  return [type, ...labels.map((l) => JSON.stringify(l))].join(' ');
}
