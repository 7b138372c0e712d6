import { error, type Diagnostic } from '../../diag/index.js';
import { MAX_DEPTH, type Loc, type PEntry, type PNode } from './pnode.js';

/** Thrown inside the parser to stop at the first syntax error; never escapes `parseJSON`. */
class Stop extends Error {
  constructor(readonly diag: Diagnostic) {
    super(diag.summary);
  }
}

/**
 * Parses JSON text into positioned nodes (1-based lines and columns, 0-based byte offsets counted
 * in UTF-16 units). Syntax errors are diagnostics with HCL's JSON summaries (`Unclosed object`,
 * `Trailing comma in object`, `Missing property value colon`, `Invalid JSON keyword`, …) at the
 * offending position; parsing stops at the first one. A leading byte-order mark is skipped. Nesting
 * deeper than MAX_DEPTH is an error rather than a stack overflow.
 */
export function parseJSON(file: string, text: string): { value: PNode | undefined; diagnostics: Diagnostic[] } {
  const p = new Parser(file, text);
  try {
    p.skipWs();
    const v = p.value(0);
    p.skipWs();
    if (p.i < text.length) p.fail('Extraneous data after value', 'Only one JSON value may appear in a file; remove what follows it.');
    return { value: v, diagnostics: [] };
  } catch (e) {
    if (e instanceof Stop) return { value: undefined, diagnostics: [e.diag] };
    throw e;
  }
}

class Parser {
  i = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.i = this.lineStart = 1;
  }

  loc(at = this.i): Loc {
    return { line: this.line, column: at - this.lineStart + 1, byte: at };
  }

  fail(summary: string, detail: string, at: Loc = this.loc()): never {
    throw new Stop(error(summary, detail, { subject: { file: this.file, start: at } }));
  }

  skipWs(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.i);
      if (c === 10) {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === 32 || c === 9 || c === 13) this.i++;
      else return;
    }
  }

  value(depth: number): PNode {
    if (depth > MAX_DEPTH) this.fail('Nesting too deep', `Values may be nested at most ${MAX_DEPTH} levels deep.`);
    const t = this.text;
    const start = this.loc();
    const c = t[this.i];
    if (c === '{') return this.object(depth, start);
    if (c === '[') return this.array(depth, start);
    if (c === '"') return { kind: 'scalar', loc: start, value: this.string() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number(start);
    if (c === undefined) this.fail('Missing value', 'A JSON value is required here, but the file ends.');
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(t.slice(this.i, this.i + 64));
    if (m) {
      const word = m[0];
      this.i += word.length;
      if (word === 'true') return { kind: 'scalar', loc: start, value: true };
      if (word === 'false') return { kind: 'scalar', loc: start, value: false };
      if (word === 'null') return { kind: 'scalar', loc: start, value: null };
      this.fail('Invalid JSON keyword', `The keyword "${word.slice(0, 40)}" is not valid JSON; only "true", "false" and "null" are keywords. Put strings in double quotes.`, start);
    }
    this.fail('Invalid JSON syntax', `The character ${JSON.stringify(c)} cannot start a JSON value.`);
  }

  private object(depth: number, start: Loc): PNode {
    this.i++;
    const entries: PEntry[] = [];
    this.skipWs();
    if (this.text[this.i] === '}') {
      this.i++;
      return { kind: 'object', loc: start, entries };
    }
    for (;;) {
      this.skipWs();
      const c = this.text[this.i];
      if (c === undefined) this.fail('Unclosed object', 'There is no closing brace for this object before the end of the file.', start);
      if (c === '}') this.fail('Trailing comma in object', 'JSON does not permit a trailing comma after the last property of an object.');
      if (c !== '"') this.fail('Invalid object property name', 'A JSON object property name must be a string in double quotes.');
      const keyLoc = this.loc();
      const key = this.string();
      this.skipWs();
      if (this.text[this.i] !== ':') this.fail('Missing property value colon', 'A colon must appear between an object property\'s name and its value.');
      this.i++;
      this.skipWs();
      const value = this.value(depth + 1);
      entries.push({ key, keyLoc, value });
      this.skipWs();
      const d = this.text[this.i];
      if (d === ',') {
        this.i++;
        continue;
      }
      if (d === '}') {
        this.i++;
        return { kind: 'object', loc: start, entries };
      }
      if (d === undefined) this.fail('Unclosed object', 'There is no closing brace for this object before the end of the file.', start);
      this.fail('Missing attribute seperator comma', 'A comma must appear between each property definition in an object.');
    }
  }

  private array(depth: number, start: Loc): PNode {
    this.i++;
    const items: PNode[] = [];
    this.skipWs();
    if (this.text[this.i] === ']') {
      this.i++;
      return { kind: 'array', loc: start, items };
    }
    for (;;) {
      this.skipWs();
      const c = this.text[this.i];
      if (c === undefined) this.fail('Unclosed array', 'There is no closing bracket for this array before the end of the file.', start);
      if (c === ']') this.fail('Trailing comma in array', 'JSON does not permit a trailing comma after the last element of an array.');
      items.push(this.value(depth + 1));
      this.skipWs();
      const d = this.text[this.i];
      if (d === ',') {
        this.i++;
        continue;
      }
      if (d === ']') {
        this.i++;
        return { kind: 'array', loc: start, items };
      }
      if (d === undefined) this.fail('Unclosed array', 'There is no closing bracket for this array before the end of the file.', start);
      this.fail('Missing array element separator', 'A comma must appear between each element of an array.');
    }
  }

  private string(): string {
    const t = this.text;
    const start = this.loc();
    let out = '';
    this.i++;
    for (;;) {
      const c = t[this.i];
      if (c === undefined) this.fail('Invalid JSON string', 'This string has no closing quote before the end of the file.', start);
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\n' || c < ' ') this.fail('Invalid JSON string', 'A JSON string may not contain a line break or other control character; use an escape such as \\n.', start);
      if (c === '\\') {
        const e = t[this.i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          this.i += 2;
          continue;
        }
        if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(t.slice(this.i + 2, this.i + 6))) {
          out += String.fromCharCode(parseInt(t.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
          continue;
        }
        this.fail('Invalid JSON string', `The escape sequence "\\${e ?? ''}" is not valid in JSON.`);
      }
      out += c;
      this.i++;
    }
  }

  private number(start: Loc): PNode {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!m) this.fail('Invalid JSON number', 'This is not a valid JSON number.');
    this.i += m[0].length;
    const n = Number(m[0]);
    if (!Number.isFinite(n)) this.fail('Invalid JSON number', `The number ${m[0].slice(0, 40)} is too large to represent.`, start);
    return { kind: 'scalar', loc: start, value: n };
  }
}
