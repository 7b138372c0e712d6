/**
 * Low-level text helpers shared by the renderers: Go-style quoting and number printing (Terraform's
 * UI is written in Go, and users grep its exact text), HCL identifier checks, word wrapping and
 * durations.
 */

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** Quotes a string as Go's `%q` does: `\"`, `\\`, `\n`, `\t`, … escaped, printable Unicode kept. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

/**
 * Prints a number the way Terraform prints a cty number: plain decimal notation, never an exponent
 * (`1e20` → `100000000000000000000`, `1e-7` → `0.0000001`).
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return BigInt(n).toString();
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = lead! + frac;
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = 1 + exp;
  if (digits.length <= intLen) return sign + digits + '0'.repeat(intLen - digits.length);
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

const IDENT = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

/** True when `s` is a valid HCL identifier (so it can be printed unquoted as an attribute name). */
export function isIdentifier(s: string): boolean {
  return IDENT.test(s);
}

/** An attribute or object key as Terraform prints it: bare when an identifier, else Go-quoted. */
export function attributeName(s: string): string {
  return isIdentifier(s) ? s : goQuote(s);
}

/**
 * Wraps prose like Terraform's word wrapper: lines are kept under `width` columns (at most
 * `width - 1` characters), words are never split, existing line breaks are kept, and lines that start
 * with a space are left alone (code and lists).
 */
export function wordWrap(text: string, width: number): string {
  if (width <= 1) return text;
  const limit = width - 1;
  return text
    .split('\n')
    .map((para) => {
      if (para.startsWith(' ') || para.length <= limit) return para;
      const lines: string[] = [];
      let line = '';
      for (const word of para.split(' ')) {
        if (line && line.length + 1 + word.length > limit) {
          lines.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}

/** The horizontal rule Terraform prints between sections: `width - 1` box-drawing dashes. */
export function horizontalRule(width: number): string {
  return width <= 1 ? '' : '─'.repeat(width - 1);
}

/** Formats a duration in whole seconds Go-style: `0s`, `11s`, `1m0s`, `1h2m3s`. */
export function goDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}

/** Deep equality of plain JSON values (arrays by position, objects by key set). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Sorts strings by UTF-16 code units (Go's `sort.Strings` on ASCII keys). */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/**
 * Serialises JSON the way Terraform's Go code does: `<`, `>`, `&`, U+2028 and U+2029 escaped, numbers
 * in plain decimal notation, object keys in insertion order (callers sort map keys), and `indent`
 * (e.g. two spaces) for pretty output. `undefined` members are left out.
 */
export function goJSON(value: unknown, indent = ''): string {
  const esc = (s: string) => JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const walk = (v: unknown, depth: number): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return esc(v);
    if (typeof v === 'number') return formatNumber(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    const nl = indent ? `\n${indent.repeat(depth + 1)}` : '';
    const end = indent ? `\n${indent.repeat(depth)}` : '';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${v.map((e) => nl + walk(e, depth + 1)).join(',')}${end}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>).filter(([, e]) => e !== undefined);
    if (entries.length === 0) return '{}';
    const sep = indent ? ': ' : ':';
    return `{${entries.map(([k, e]) => `${nl}${esc(k)}${sep}${walk(e, depth + 1)}`).join(',')}${end}}`;
  };
  return walk(value, 0);
}

/** A copy of a JSON value with every object's keys sorted (Go marshals maps in key order). */
export function sortJSON(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortJSON);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of sortedKeys(Object.keys(v))) out[k] = sortJSON((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
