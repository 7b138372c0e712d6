import { FALSE, NULL, TRUE, num } from '../values/value.js';
import { parseNum } from '../values/number.js';
import type { BinOp, Node, ObjItem, Step } from './ast.js';
import { ParseError, isDigit, isIdPart, isIdStart } from './lexical.js';
import { parseHeredoc, parseQuoted } from './template.js';

export { ParseError } from './lexical.js';

// Binary operator precedence, higher binds tighter.
const PREC: Readonly<Record<BinOp, number>> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

/** Appends a step to a scope traversal node the parser is still building (its steps array is owned). */
function extend(n: Extract<Node, { k: 'scope' }>, step: Step): Node {
  (n.steps as Step[]).push(step);
  (n as { e: number }).e = step.e;
  return n;
}

/** A recursive-descent parser over HCL native expression syntax; offsets index `text`. */
export class Parser {
  pos: number;
  constructor(
    readonly text: string,
    start = 0,
    readonly end = text.length,
  ) {
    this.pos = start;
  }

  fail(summary: string, detail: string, s = this.pos, e = s + 1): never {
    throw new ParseError(summary, detail, s, Math.min(e, this.text.length));
  }

  /** Skips whitespace, newlines and comments. */
  ws(): void {
    const t = this.text;
    const end = this.end;
    let p = this.pos;
    while (p < end) {
      const c = this.at(p);
      if (c > 47) break;
      if (c === 32 || c === 10 || c === 9 || c === 13) p++;
      else if (c === 35 || (c === 47 && this.at(p + 1) === 47)) {
        while (p < end && this.at(p) !== 10) p++;
      } else if (c === 47 && this.at(p + 1) === 42) {
        const j = t.indexOf('*/', p + 2);
        if (j < 0) this.fail('Unterminated comment', 'There is no closing marker for this multi-line comment.', p, p + 2);
        p = j + 2;
      } else break;
    }
    this.pos = p;
  }

  /** The character code at an offset, or -1 past the end (keeps the hot paths free of NaN). */
  at(p: number): number {
    return p < this.end ? this.text.charCodeAt(p) : -1;
  }

  peek(): number {
    return this.pos < this.end ? this.at(this.pos) : -1;
  }

  /** Consumes `s` if it comes next (after whitespace). */
  eat(s: string): boolean {
    this.ws();
    if (this.at(this.pos) === s.charCodeAt(0) && (s.length === 1 || this.text.startsWith(s, this.pos)) && this.pos + s.length <= this.end) {
      this.pos += s.length;
      return true;
    }
    return false;
  }

  expect(s: string, what: string): void {
    if (!this.eat(s)) {
      const found = this.pos >= this.end ? 'the end of the expression' : `"${this.text.slice(this.pos, this.pos + 1)}"`;
      this.fail(what, `Expected "${s}", but found ${found}.`);
    }
  }

  ident(): string | undefined {
    this.ws();
    const t = this.text;
    const s = this.pos;
    if (!isIdStart(this.at(s))) return undefined;
    let p = s + 1;
    while (p < this.end && isIdPart(this.at(p))) p++;
    this.pos = p;
    return t.slice(s, p);
  }

  /** Peeks whether a keyword follows, without consuming it. */
  atKeyword(kw: string): boolean {
    this.ws();
    const p = this.pos;
    return this.text.startsWith(kw, p) && !isIdPart(this.at(p + kw.length));
  }

  /** Parses a whole expression and requires the input to end after it. */
  parseAll(): Node {
    const n = this.expr();
    this.ws();
    if (this.pos < this.end) this.fail('Extra characters after expression', 'An expression was successfully parsed, but extra characters were found after it.', this.pos, this.end);
    return n;
  }

  expr(): Node {
    const c = this.binary(1);
    if (!this.eat('?')) return c;
    const t = this.expr();
    this.expect(':', 'Missing false expression in conditional');
    const f = this.expr();
    return { k: 'cond', s: c.s, e: f.e, c, t, f };
  }

  /** Precedence climbing over the binary operators whose precedence is at least `min`. */
  binary(min: number): Node {
    let l = this.unary();
    for (;;) {
      const save = this.pos;
      const op = this.binop();
      if (op === undefined) return l;
      const prec = PREC[op];
      if (prec < min) {
        this.pos = save;
        return l;
      }
      const r = this.binary(prec + 1);
      l = { k: 'bin', op, s: l.s, e: r.e, l, r };
    }
  }

  /** Consumes the binary operator that follows, if any. */
  binop(): BinOp | undefined {
    this.ws();
    const p = this.pos;
    if (p >= this.end) return undefined;
    const c = this.at(p);
    const c2 = this.at(p + 1);
    let op: BinOp | undefined;
    switch (c) {
      case 124: if (c2 === 124) op = '||'; break;
      case 38: if (c2 === 38) op = '&&'; break;
      case 61: if (c2 === 61) op = '=='; break;
      case 33: if (c2 === 61) op = '!='; break;
      case 60: op = c2 === 61 ? '<=' : c2 === 60 ? undefined : '<'; break;
      case 62: op = c2 === 61 ? '>=' : '>'; break;
      case 43: op = '+'; break;
      case 45: op = '-'; break;
      case 42: op = '*'; break;
      case 47: if (c2 !== 47 && c2 !== 42) op = '/'; break;
      case 37: op = '%'; break;
    }
    if (op !== undefined) this.pos = p + op.length;
    return op;
  }

  unary(): Node {
    this.ws();
    const s = this.pos;
    const c = this.peek();
    if (c === 33 || c === 45) {
      this.pos++;
      const x = this.unary();
      return { k: c === 33 ? 'not' : 'neg', s, e: x.e, x };
    }
    return this.postfix(this.primary());
  }

  /** Parses traversal steps, indexes and splats following a primary expression. */
  postfix(n: Node): Node {
    for (;;) {
      this.ws();
      const c = this.peek();
      if (c === 46 && this.at(this.pos + 1) !== 46) {
        if (this.at(this.pos + 1) === 42) {
          this.pos += 2;
          n = this.splat(n, true);
          continue;
        }
        this.pos++;
        n = this.getAttr(n);
      } else if (c === 91) {
        const s = this.pos;
        this.pos++;
        if (this.eat('*')) {
          this.expect(']', 'Invalid splat');
          n = this.splat(n, false);
          continue;
        }
        const key = this.expr();
        this.expect(']', 'Missing close bracket on index');
        n = this.index(n, key, s);
      } else return n;
    }
  }

  getAttr(n: Node): Node {
    this.ws();
    const s = this.pos;
    if (isDigit(this.peek())) {
      let p = s;
      while (isDigit(this.at(p))) p++;
      this.pos = p;
      const key = num(Number(this.text.slice(s, p)));
      if (n.k === 'scope') return extend(n, { t: 'i', key, s, e: p });
      return { k: 'index', obj: n, key: { k: 'lit', val: key, s, e: p }, s: n.s, e: p };
    }
    const name = this.ident();
    if (name === undefined) this.fail('Invalid attribute name', 'An attribute name is required after a dot.');
    if (n.k === 'scope') return extend(n, { t: 'a', name, s, e: this.pos });
    return { k: 'attr', obj: n, name, s: n.s, e: this.pos };
  }

  index(n: Node, key: Node, s: number): Node {
    if (n.k === 'scope' && key.k === 'lit' && (key.val.t === 'string' || key.val.t === 'number')) {
      return extend(n, { t: 'i', key: key.val, s, e: this.pos });
    }
    return { k: 'index', obj: n, key, s: n.s, e: this.pos };
  }

  /** Parses the traversal applied to each element after `[*]` (full) or `.*` (attributes only). */
  splat(src: Node, legacy: boolean): Node {
    const anon: Node = { k: 'anon', s: this.pos, e: this.pos };
    let each: Node = anon;
    for (;;) {
      this.ws();
      const c = this.peek();
      if (c === 46 && this.at(this.pos + 1) !== 46 && this.at(this.pos + 1) !== 42) {
        this.pos++;
        each = this.getAttr(each);
      } else if (c === 91 && !legacy && this.at(this.pos + 1) !== 42) {
        const s = this.pos;
        this.pos++;
        const key = this.expr();
        this.expect(']', 'Missing close bracket on index');
        each = { k: 'index', obj: each, key, s, e: this.pos };
      } else break;
    }
    return { k: 'splat', src, each, s: src.s, e: this.pos };
  }

  primary(): Node {
    this.ws();
    const s = this.pos;
    const c = this.peek();
    if (isDigit(c)) return this.number();
    if (c === 34) return parseQuoted(this);
    if (c === 60 && this.at(s + 1) === 60) return parseHeredoc(this);
    if (c === 40) {
      this.pos++;
      const x = this.expr();
      this.expect(')', 'Unbalanced parentheses');
      return { k: 'paren', x, s, e: this.pos };
    }
    if (c === 91) return this.tuple();
    if (c === 123) return this.object();
    const name = this.ident();
    if (name === undefined) {
      const found = this.pos >= this.end ? 'the end of the expression' : `"${this.text[this.pos]}"`;
      this.fail('Invalid expression', `Expected the start of an expression, but found ${found}.`);
    }
    const e = this.pos;
    if (name === 'true') return { k: 'lit', val: TRUE, s, e };
    if (name === 'false') return { k: 'lit', val: FALSE, s, e };
    if (name === 'null') return { k: 'lit', val: NULL, s, e };
    this.ws();
    if (this.peek() === 40) return this.call(name, s);
    if (this.text.startsWith('::', this.pos)) this.fail('Call to unknown function', `Provider-defined functions like "${name}::…" are not supported.`, s, this.pos);
    return { k: 'scope', root: name, steps: [], s, e };
  }

  number(): Node {
    const t = this.text;
    const s = this.pos;
    let p = s;
    while (isDigit(this.at(p))) p++;
    if (this.at(p) === 46 && isDigit(this.at(p + 1))) {
      p++;
      while (isDigit(this.at(p))) p++;
    }
    const c = this.at(p);
    if (c === 101 || c === 69) {
      let q = p + 1;
      const sign = this.at(q);
      if (sign === 43 || sign === 45) q++;
      if (isDigit(this.at(q))) {
        while (isDigit(this.at(q))) q++;
        p = q;
      }
    }
    this.pos = p;
    const n = parseNum(t.slice(s, p));
    if (n === undefined) this.fail('Invalid number literal', 'Failed to recognize the value of this number literal.', s, p);
    return { k: 'lit', val: num(n), s, e: p };
  }

  call(name: string, s: number): Node {
    this.pos++;
    const args: Node[] = [];
    let expand = false;
    if (!this.eat(')')) {
      for (;;) {
        args.push(this.expr());
        if (this.eat('...')) {
          expand = true;
          this.expect(')', 'Missing closing parenthesis');
          break;
        }
        if (this.eat(')')) break;
        this.expect(',', 'Missing argument separator');
        if (this.eat(')')) break;
      }
    }
    return { k: 'call', name, args, expand, s, e: this.pos };
  }

  /** True when a `for` expression starts here (the `for` keyword; HCL reserves it in this position). */
  atFor(): boolean {
    return this.atKeyword('for');
  }

  tuple(): Node {
    const s = this.pos;
    this.pos++;
    if (this.atFor()) return this.forExpr(s, false);
    const items: Node[] = [];
    while (!this.eat(']')) {
      items.push(this.expr());
      if (this.eat(']')) break;
      this.expect(',', 'Missing item separator');
    }
    return { k: 'tuple', items, s, e: this.pos };
  }

  object(): Node {
    const s = this.pos;
    this.pos++;
    if (this.atFor()) return this.forExpr(s, true);
    const items: ObjItem[] = [];
    while (!this.eat('}')) {
      const key = this.expr();
      this.ws();
      const c = this.peek();
      if (c === 61 || c === 58) this.pos++;
      else this.fail('Missing key/value separator', 'Expected an equals sign ("=") to mark the beginning of the attribute value.');
      const val = this.expr();
      // A bare identifier is a literal name, and so are the keywords true, false and null there.
      const kw = key.k === 'lit' && key.val.t !== 'number' && key.val.t !== 'string' ? this.text.slice(key.s, key.e) : undefined;
      const name: Node = kw !== undefined ? { k: 'scope', root: kw, steps: [], s: key.s, e: key.e } : key;
      items.push({ key: name, ident: name.k === 'scope' && name.steps.length === 0, val });
      if (this.eat('}')) break;
      this.eat(',');
    }
    return { k: 'object', items, s, e: this.pos };
  }

  forExpr(s: number, obj: boolean): Node {
    this.pos += 3;
    let keyVar: string | undefined;
    const first = this.ident();
    if (first === undefined) this.fail('Invalid \'for\' expression', 'For expression requires variable name after \'for\'.');
    let valVar = first;
    if (this.eat(',')) {
      keyVar = valVar;
      const v = this.ident();
      if (v === undefined) this.fail('Invalid \'for\' expression', 'Expected a value variable name after the comma.');
      valVar = v;
    }
    if (!this.atKeyword('in')) this.fail('Invalid \'for\' expression', 'The "in" keyword is required after the iteration variable names.');
    this.pos += 2;
    const coll = this.expr();
    this.expect(':', 'Invalid \'for\' expression');
    let keyExpr: Node | undefined;
    if (obj) {
      keyExpr = this.expr();
      this.expect('=>', 'Invalid \'for\' expression');
    }
    const valExpr = this.expr();
    const group = obj && this.eat('...');
    let cond: Node | undefined;
    if (this.atKeyword('if')) {
      this.pos += 2;
      cond = this.expr();
    }
    this.expect(obj ? '}' : ']', 'Invalid \'for\' expression');
    return { k: 'for', keyVar, valVar, coll, keyExpr, valExpr, cond, group, s, e: this.pos };
  }
}

