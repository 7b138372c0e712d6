import type { Loc } from '../source/pnode.js';

/** An argument name found in an HCL body. */
export interface ScannedAttr {
  readonly name: string;
  readonly loc: Loc;
  /** Where the value's text starts (on the same line as the name). */
  readonly valueLoc: Loc;
  /** The first character of the value (`"` for a quoted template, `<` for a heredoc, …). */
  readonly valueStart: string;
}

/** A block header found in an HCL body, with its body. */
export interface ScannedBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly loc: Loc;
  /** The header as written, normalised (`resource "t" "n"`), for diagnostics' context. */
  readonly header: string;
  readonly body: ScannedBody;
}

/** The arguments and blocks of one HCL body, in source order. */
export interface ScannedBody {
  readonly attrs: readonly ScannedAttr[];
  readonly blocks: readonly ScannedBlock[];
}

/** Deepest block nesting the scanner follows. */
const MAX_BLOCK_DEPTH = 100;

/**
 * Finds the structure of an HCL file without evaluating anything: block headers (type and labels)
 * and argument names with their positions, nested bodies included. hcl2json keeps no positions, so
 * the loader uses this to put file and line on every block and argument. It skips over expressions
 * (strings, templates with nested `${…}`, heredocs, comments, brackets) without interpreting them.
 * Meant for text hcl2json accepted; on other text it still terminates and returns what it found.
 */
export function scanHCL(text: string): ScannedBody {
  return new Scanner(text).body(0, false);
}

const IDENT = /[\p{L}_][\p{L}\p{N}_-]*/uy;

class Scanner {
  private i = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly t: string) {
    if (t.charCodeAt(0) === 0xfeff) this.i = this.lineStart = 1;
  }

  private loc(at = this.i): Loc {
    return { line: this.line, column: at - this.lineStart + 1, byte: at };
  }

  private newline(at: number): void {
    this.line++;
    this.lineStart = at + 1;
  }

  /** Skips spaces and comments; stops at a newline (returns true if one was skipped when `nl`). */
  private skipSpace(nl: boolean): void {
    const t = this.t;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (c === '\n' && nl) {
        this.newline(this.i);
        this.i++;
      } else if (c === '#' || (c === '/' && t[this.i + 1] === '/')) {
        while (this.i < t.length && t[this.i] !== '\n') this.i++;
      } else if (c === '/' && t[this.i + 1] === '*') {
        this.i += 2;
        while (this.i < t.length && !(t[this.i] === '*' && t[this.i + 1] === '/')) {
          if (t[this.i] === '\n') this.newline(this.i);
          this.i++;
        }
        this.i += 2;
      } else return;
    }
  }

  private ident(): string | undefined {
    IDENT.lastIndex = this.i;
    const m = IDENT.exec(this.t);
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  body(depth: number, inBraces: boolean): ScannedBody {
    const attrs: ScannedAttr[] = [];
    const blocks: ScannedBlock[] = [];
    const t = this.t;
    while (this.i < t.length) {
      this.skipSpace(true);
      if (this.i >= t.length) break;
      if (t[this.i] === '}') {
        if (inBraces) {
          this.i++;
          break;
        }
        this.i++;
        continue;
      }
      const loc = this.loc();
      const name = this.ident();
      if (name === undefined) {
        this.skipLine();
        continue;
      }
      this.skipSpace(false);
      if (t[this.i] === '=' && t[this.i + 1] !== '=') {
        this.i++;
        this.skipSpace(false);
        attrs.push({ name, loc, valueLoc: this.loc(), valueStart: t[this.i] ?? '' });
        this.skipTokens();
        continue;
      }
      const labels: string[] = [];
      const shown: string[] = [name];
      for (;;) {
        this.skipSpace(false);
        const c = t[this.i];
        if (c === '"') {
          const start = this.i;
          this.skipQuoted();
          const raw = t.slice(start, this.i);
          labels.push(decodeLabel(raw));
          shown.push(raw);
        } else if (c !== undefined && c !== '{') {
          const id = this.ident();
          if (id === undefined) break;
          labels.push(id);
          shown.push(id);
        } else break;
      }
      if (t[this.i] === '{') {
        this.i++;
        const inner = depth < MAX_BLOCK_DEPTH ? this.body(depth + 1, true) : this.skipBlock();
        blocks.push({ type: name, labels, loc, header: shown.join(' '), body: inner });
      } else this.skipLine();
    }
    return { attrs, blocks };
  }

  /** Skips the rest of a line (error recovery). */
  private skipLine(): void {
    while (this.i < this.t.length && this.t[this.i] !== '\n') {
      if (this.t[this.i] === '"') this.skipQuoted();
      else this.i++;
    }
  }

  /** Skips a block body without recording it (beyond the depth limit). */
  private skipBlock(): ScannedBody {
    this.skipTokens('}');
    return { attrs: [], blocks: [] };
  }

  /**
   * Skips tokens, tracking bracket nesting (strings, heredocs and comments are skipped whole).
   * Without `close`: an argument's expression, up to a newline outside brackets, or up to (not past)
   * the `}` that closes the enclosing single-line block. With `close`: up to and including the
   * `close` bracket that ends the current nesting level.
   */
  private skipTokens(close?: string): void {
    const t = this.t;
    let depth = 0;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === '\n') {
        if (close === undefined && depth === 0) return;
        this.newline(this.i);
        this.i++;
      } else if (c === '"') this.skipQuoted();
      else if (c === '<' && t[this.i + 1] === '<' && this.tryHeredoc()) continue;
      else if (c === '#' || (c === '/' && (t[this.i + 1] === '/' || t[this.i + 1] === '*'))) this.skipSpace(false);
      else if (c === '(' || c === '[' || c === '{') {
        depth++;
        this.i++;
      } else if (c === ')' || c === ']' || c === '}') {
        if (close === undefined) {
          if (depth === 0) return;
          depth--;
          this.i++;
        } else {
          this.i++;
          if (depth === 0 && c === close) return;
          depth = Math.max(0, depth - 1);
        }
      } else this.i++;
    }
  }

  /** Skips a quoted template string, including `${…}`/`%{…}` sequences with nested strings. */
  private skipQuoted(): void {
    const t = this.t;
    this.i++;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === '\\') this.i += 2;
      else if (c === '"') {
        this.i++;
        return;
      } else if (c === '\n') return;
      else if ((c === '$' || c === '%') && t[this.i + 1] === c && t[this.i + 2] === '{') this.i += 3;
      else if ((c === '$' || c === '%') && t[this.i + 1] === '{') {
        this.i += 2;
        this.skipTokens('}');
      } else this.i++;
    }
  }

  /** Skips a heredoc (`<<EOT` or `<<-EOT` … `EOT`) if one starts here; false when it is not one. */
  private tryHeredoc(): boolean {
    const t = this.t;
    const m = /<<-?([\p{L}_][\p{L}\p{N}_-]*)[ \t]*\r?\n/uy;
    m.lastIndex = this.i;
    const h = m.exec(t);
    if (!h) return false;
    const marker = h[1]!;
    this.i += h[0].length;
    this.newline(this.i - 1);
    while (this.i < t.length) {
      let end = t.indexOf('\n', this.i);
      if (end < 0) end = t.length;
      const lineText = t.slice(this.i, end).trim();
      if (lineText === marker) {
        this.i = end;
        return true;
      }
      if (end < t.length) this.newline(end);
      this.i = end + 1;
    }
    this.i = t.length;
    return true;
  }
}

function decodeLabel(raw: string): string {
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'string') return v;
  } catch {
    /* not JSON-compatible: fall through */
  }
  return raw.replace(/^"|"$/g, '');
}
