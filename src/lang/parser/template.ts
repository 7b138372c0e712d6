import { str } from '../values/value.js';
import type { Node } from './ast.js';
import type { Parser } from './expression.js';

/** Template scanning modes: a quoted string (escapes, ends at `"`), heredoc content, or bare template text. */
type Mode = 'quoted' | 'heredoc' | 'text';

type Tok =
  | { k: 'lit'; text: string; s: number; e: number }
  | { k: 'interp'; x: Node; sl: boolean; sr: boolean; s: number; e: number }
  | { k: 'if'; cond: Node; sl: boolean; sr: boolean; s: number; e: number }
  | { k: 'for'; keyVar?: string; valVar: string; coll: Node; sl: boolean; sr: boolean; s: number; e: number }
  | { k: 'else' | 'endif' | 'endfor'; sl: boolean; sr: boolean; s: number; e: number };

const UNTERMINATED = 'Unterminated template string';

function hexEscape(p: Parser, at: number, n: number): string {
  const hex = p.text.slice(at, at + n);
  if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) p.fail('Invalid escape sequence', 'The \\u and \\U escapes require hexadecimal digits.', at - 2, at + n);
  return String.fromCodePoint(parseInt(hex, 16));
}

/** Scans template tokens from p.pos up to `end` (or the closing quote in quoted mode). */
function scan(p: Parser, mode: Mode, end: number): Tok[] {
  const t = p.text;
  const toks: Tok[] = [];
  let buf = '';
  let bufStart = p.pos;
  let i = p.pos;
  for (;;) {
    if (i >= end) {
      if (mode === 'quoted') p.fail(UNTERMINATED, 'This template string has no closing quote.', bufStart, i);
      if (i > bufStart || buf) toks.push({ k: 'lit', text: buf, s: bufStart, e: i });
      p.pos = i;
      return toks;
    }
    const c = t.charCodeAt(i);
    if (mode === 'quoted') {
      if (c === 34) {
        if (i > bufStart || buf) toks.push({ k: 'lit', text: buf, s: bufStart, e: i });
        p.pos = i + 1;
        return toks;
      }
      if (c === 10) p.fail(UNTERMINATED, 'Quoted strings may not be split over multiple lines.', bufStart, i);
      if (c === 92) {
        const n = t[i + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (n !== undefined && simple[n] !== undefined) { buf += simple[n]; i += 2; continue; }
        if (n === 'u') { buf += hexEscape(p, i + 2, 4); i += 6; continue; }
        if (n === 'U') { buf += hexEscape(p, i + 2, 8); i += 10; continue; }
        p.fail('Invalid escape sequence', `The symbol "${n ?? ''}" is not a valid escape sequence selector.`, i, i + 2);
      }
    }
    const c1 = p.at(i + 1);
    if ((c === 36 || c === 37) && c1 === c && p.at(i + 2) === 123) {
      buf += c === 36 ? '${' : '%{';
      i += 3;
      continue;
    }
    if ((c === 36 || c === 37) && c1 === 123) {
      if (i > bufStart || buf) toks.push({ k: 'lit', text: buf, s: bufStart, e: i });
      buf = '';
      const s = i;
      p.pos = i + 2;
      const sl = p.at(p.pos) === 126;
      if (sl) p.pos++;
      const tok = c === 36 ? interp(p, s, sl) : directive(p, s, sl);
      toks.push(tok);
      i = p.pos;
      bufStart = i;
      continue;
    }
    // Copy the run of ordinary characters up to the next one that needs attention.
    let j = i + 1;
    while (c !== 10 && j < end) {
      const d = t.charCodeAt(j);
      if (d === 36 || d === 37 || d === 10 || d === 92 || d === 34) break;
      j++;
    }
    buf += j === i + 1 ? t[i] : t.slice(i, j);
    i = j;
    if (c === 10 && mode !== 'quoted') {
      toks.push({ k: 'lit', text: buf, s: bufStart, e: i });
      buf = '';
      bufStart = i;
    }
  }
}

function closeBrace(p: Parser, what: string): boolean {
  p.ws();
  let sr = false;
  if (p.peek() === 126) {
    sr = true;
    p.pos++;
  }
  if (p.peek() !== 125) p.fail(`Extra characters after ${what}`, `Expected a closing brace to end the ${what}, but found extra characters.`);
  p.pos++;
  return sr;
}

function interp(p: Parser, s: number, sl: boolean): Tok {
  const x = p.expr();
  const sr = closeBrace(p, 'interpolation expression');
  return { k: 'interp', x, sl, sr, s, e: p.pos };
}

function directive(p: Parser, s: number, sl: boolean): Tok {
  const kw = p.ident();
  switch (kw) {
    case 'if': {
      const cond = p.expr();
      const sr = closeBrace(p, 'if directive');
      return { k: 'if', cond, sl, sr, s, e: p.pos };
    }
    case 'for': {
      let valVar = p.ident();
      let keyVar: string | undefined;
      if (p.eat(',')) {
        keyVar = valVar;
        valVar = p.ident();
      }
      if (valVar === undefined || !p.atKeyword('in')) p.fail('Invalid \'for\' directive', 'A for directive needs variable names and the "in" keyword.', s, p.pos);
      p.pos += 2;
      const coll = p.expr();
      const sr = closeBrace(p, 'for directive');
      return { k: 'for', keyVar, valVar, coll, sl, sr, s, e: p.pos };
    }
    case 'else':
    case 'endif':
    case 'endfor': {
      const sr = closeBrace(p, `${kw} directive`);
      return { k: kw, sl, sr, s, e: p.pos };
    }
  }
  return p.fail('Invalid template directive', 'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.', s, p.pos);
}

/** Applies `~` strip markers to the neighbouring literal tokens. */
function strip(toks: Tok[]): void {
  for (let i = 0; i < toks.length; i++) {
    const tk = toks[i]!;
    if (tk.k === 'lit') continue;
    const prev = toks[i - 1];
    if (tk.sl && prev?.k === 'lit') prev.text = prev.text.replace(/\s+$/u, '');
    const next = toks[i + 1];
    if (tk.sr && next?.k === 'lit') next.text = next.text.replace(/^\s+/u, '');
  }
}

/** Removes the common leading indentation of a `<<-` heredoc's lines. */
function flushIndent(toks: Tok[]): void {
  let min = Infinity;
  let newline = true;
  const adjust: Extract<Tok, { k: 'lit' }>[] = [];
  for (const tk of toks) {
    if (newline) {
      newline = false;
      if (tk.k === 'lit') {
        const trimmed = tk.text.replace(/^\s+/u, '');
        if (!(trimmed === '' && tk.text.endsWith('\n'))) {
          min = Math.min(min, [...tk.text.slice(0, tk.text.length - trimmed.length)].length);
          adjust.push(tk);
        }
      } else min = 0;
    }
    if (tk.k === 'lit' && tk.text.endsWith('\n')) newline = true;
  }
  if (min === Infinity || min === 0) return;
  for (const tk of adjust) tk.text = [...tk.text].slice(min).join('');
}

/** Builds template parts from tokens, nesting `if`/`for` directives. */
function build(p: Parser, toks: Tok[], i: { n: number }, until: readonly string[]): Node[] {
  const parts: Node[] = [];
  while (i.n < toks.length) {
    const tk = toks[i.n]!;
    if (until.includes(tk.k)) return parts;
    i.n++;
    switch (tk.k) {
      case 'lit':
        if (tk.text) parts.push({ k: 'lit', val: str(tk.text), s: tk.s, e: tk.e });
        break;
      case 'interp':
        parts.push(tk.x);
        break;
      case 'if': {
        const then = build(p, toks, i, ['else', 'endif']);
        let els: Node[] = [];
        if (toks[i.n]?.k === 'else') {
          i.n++;
          els = build(p, toks, i, ['endif']);
        }
        if (toks[i.n]?.k !== 'endif') p.fail('Unterminated template directive', 'This if directive has no matching endif.', tk.s, tk.e);
        i.n++;
        parts.push({ k: 'tif', cond: tk.cond, then, else: els, s: tk.s, e: toks[i.n - 1]!.e });
        break;
      }
      case 'for': {
        const body = build(p, toks, i, ['endfor']);
        if (toks[i.n]?.k !== 'endfor') p.fail('Unterminated template directive', 'This for directive has no matching endfor.', tk.s, tk.e);
        i.n++;
        parts.push({ k: 'tfor', keyVar: tk.keyVar, valVar: tk.valVar, coll: tk.coll, body, s: tk.s, e: toks[i.n - 1]!.e });
        break;
      }
      default:
        p.fail(`Unexpected ${tk.k} directive`, `The ${tk.k} directive does not belong here.`, tk.s, tk.e);
    }
  }
  return parts;
}

function finish(p: Parser, toks: Tok[], s: number, e: number): Node {
  let directives = false;
  for (const tk of toks) if (tk.k !== 'lit' && tk.k !== 'interp') directives = true;
  const parts = directives ? build(p, toks, { n: 0 }, []) : simpleParts(toks);
  if (parts.length === 1 && parts[0]!.k !== 'lit' && parts[0]!.k !== 'tif' && parts[0]!.k !== 'tfor') return parts[0]!;
  if (parts.length === 1 && parts[0]!.k === 'lit') return { k: 'lit', val: parts[0]!.val, s, e };
  if (parts.length === 0) return { k: 'lit', val: str(''), s, e };
  return { k: 'tmpl', parts, s, e };
}

/** Template parts of tokens without directives. */
function simpleParts(toks: readonly Tok[]): Node[] {
  const parts: Node[] = [];
  for (const tk of toks) {
    if (tk.k === 'lit') {
      if (tk.text) parts.push({ k: 'lit', val: str(tk.text), s: tk.s, e: tk.e });
    } else if (tk.k === 'interp') parts.push(tk.x);
  }
  return parts;
}

/** Parses a quoted template string starting at the opening quote. */
export function parseQuoted(p: Parser): Node {
  const s = p.pos;
  // Fast path: a plain string without escapes, interpolations or directives.
  const t = p.text;
  for (let i = s + 1; i < p.end; i++) {
    const c = t.charCodeAt(i);
    if (c === 34) {
      p.pos = i + 1;
      return { k: 'lit', val: str(t.slice(s + 1, i)), s, e: i + 1 };
    }
    if (c === 92 || c === 10 || ((c === 36 || c === 37) && p.at(i + 1) === 123)) break;
  }
  p.pos++;
  const toks = scan(p, 'quoted', p.end);
  strip(toks);
  return finish(p, toks, s, p.pos);
}

/** Parses a heredoc (`<<EOT` / `<<-EOT`) starting at `<<`. */
export function parseHeredoc(p: Parser): Node {
  const t = p.text;
  const s = p.pos;
  p.pos += 2;
  const flush = p.at(p.pos) === 45;
  if (flush) p.pos++;
  const start = p.pos;
  while (/[A-Za-z0-9_-]/.test(t[p.pos] ?? '')) p.pos++;
  const marker = t.slice(start, p.pos);
  if (!marker || t[p.pos] !== '\n') {
    if (t[p.pos] === '\r' && t[p.pos + 1] === '\n') p.pos++;
    else p.fail('Invalid heredoc', 'A heredoc needs an identifier marker followed by a newline.', s, p.pos);
  }
  const contentStart = p.pos + 1;
  let line = contentStart;
  let close = -1;
  let after = -1;
  while (line <= p.end) {
    let q = line;
    while (t[q] === ' ' || t[q] === '\t') q++;
    if (t.startsWith(marker, q) && !/[A-Za-z0-9_-]/.test(t[q + marker.length] ?? '')) {
      close = line;
      after = q + marker.length;
      break;
    }
    const nl = t.indexOf('\n', line);
    if (nl < 0 || nl >= p.end) break;
    line = nl + 1;
  }
  if (close < 0) p.fail(UNTERMINATED, `The heredoc has no closing marker "${marker}" on a line of its own.`, s, p.end);
  p.pos = contentStart;
  const toks = scan(p, 'heredoc', close);
  strip(toks);
  if (flush) flushIndent(toks);
  p.pos = after;
  return finish(p, toks, s, after);
}

/** Parses bare template text (hcl2json/JSON/YAML strings, templatefile content) from p.pos to p.end. */
export function parseText(p: Parser): Node {
  const s = p.pos;
  const toks = scan(p, 'text', p.end);
  strip(toks);
  return finish(p, toks, s, p.end);
}
