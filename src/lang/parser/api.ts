import { error, type Diagnostic, type Result, type SourceRange } from '../../diag/index.js';
import type { Expression, Origin } from '../model.js';
import { fromDouble } from '../values/number.js';
import { FALSE, NULL, TRUE, num, str } from '../values/value.js';
import type { Node, ObjItem } from './ast.js';
import { ParseError, Parser } from './expression.js';
import { Source } from './source.js';
import { parseText } from './template.js';

/** A compiled expression: its syntax tree and the source its offsets index. */
export class Compiled implements Expression {
  constructor(
    readonly node: Node,
    readonly src: Source,
  ) {}
  private r: SourceRange | undefined;
  /** The expression's range in its file. */
  get range(): SourceRange {
    return (this.r ??= this.src.range(this.node.s, this.node.e));
  }
}

/** Views a public expression as a compiled one (every Expression comes from this module). */
export function compiled(e: Expression): Compiled {
  if (!(e instanceof Compiled)) throw new TypeError('lang: not an expression compiled by lang');
  return e;
}

const ERR_NODE: Node = { k: 'lit', val: NULL, s: 0, e: 0 };

function run(src: Source, f: (p: Parser) => Node): { node: Node; diagnostics: Diagnostic[] } {
  const p = new Parser(src.text);
  try {
    return { node: f(p), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { node: ERR_NODE, diagnostics: [error(e.summary, e.detail, { subject: src.range(e.s, e.e) })] };
  }
}

/** Parses an HCL native-syntax expression (`var.x + 1`). */
export function parseExpression(text: string, origin: Origin): Result<Expression> {
  const src = new Source(text, origin);
  const r = run(src, (p) => p.parseAll());
  return { value: new Compiled(r.node, src), diagnostics: r.diagnostics };
}

/** Parses a template (the content of a quoted string: `a-${var.x}`, `%{if …}`). */
export function parseTemplate(text: string, origin: Origin): Result<Expression> {
  const src = new Source(text, origin);
  const r = run(src, parseText);
  return { value: new Compiled(r.node, src), diagnostics: r.diagnostics };
}

/**
 * Compiles a value from hcl2json / JSON / YAML: strings are templates (a lone `${expr}` keeps the
 * expression's type), arrays are tuple constructors, objects are object constructors (keys may be
 * `${…}` interpolations, `"${(expr)}"` as hcl2json writes them), other scalars are literals.
 */
export function compileJSON(json: unknown, origin: Origin): Result<Expression> {
  const root = new Source('', origin);
  const diagnostics: Diagnostic[] = [];
  const template = (text: string): Node => {
    if (!text.includes('{')) return { k: 'lit', val: str(text), s: 0, e: 0 };
    const src = new Source(text, origin);
    const r = run(src, parseText);
    diagnostics.push(...r.diagnostics);
    return { k: 'src', src, x: r.node, s: 0, e: 0 };
  };
  const walk = (j: unknown): Node => {
    if (typeof j === 'string') return template(j);
    if (typeof j === 'number') return { k: 'lit', val: num(fromDouble(j)), s: 0, e: 0 };
    if (typeof j === 'boolean') return { k: 'lit', val: j ? TRUE : FALSE, s: 0, e: 0 };
    if (j === null || j === undefined) return { k: 'lit', val: NULL, s: 0, e: 0 };
    if (Array.isArray(j)) return { k: 'tuple', items: j.map(walk), s: 0, e: 0 };
    if (typeof j === 'object') {
      const items: ObjItem[] = Object.entries(j as Record<string, unknown>).map(([k, v]) => ({
        key: template(k),
        ident: false,
        val: walk(v),
      }));
      return { k: 'object', items, s: 0, e: 0 };
    }
    throw new TypeError(`lang: compileJSON cannot compile a ${typeof j}`);
  };
  const node = walk(json);
  return { value: new Compiled(node, root), diagnostics };
}
