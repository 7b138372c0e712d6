import { error, type Diagnostic } from '../../diag/index.js';
import { fromPlain, MAX_DEPTH, plainDepth, type Loc, type PEntry, type PNode } from '../source/pnode.js';
import { scanHCL, type ScannedAttr, type ScannedBlock, type ScannedBody } from './scan.js';
import { Hcl2jsonUnavailable, hcl2jsonParse } from './worker.js';

/** Longest run of digits accepted in a number literal, and largest decimal exponent. */
const MAX_DIGITS = 400;
const MAX_EXPONENT = 1000;
/** Deepest bracket nesting passed to hcl2json (deeper input exhausts its stack, and slowly). */
const MAX_BRACKETS = 150;

/**
 * Refuses text hcl2json would spend minutes on or overflow with: number literals with very many
 * digits or a huge exponent, and very deep bracket nesting. Counts over the whole text, strings
 * included (templates inside strings are parsed too).
 */
export function precheck(file: string, text: string): Diagnostic[] {
  const lineOf = (i: number): number => {
    let n = 1;
    for (let k = text.indexOf('\n'); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) n++;
    return n;
  };
  const num = /\d[\d.]*(?:[eE][+-]?(\d+))?/g;
  for (let m = num.exec(text); m; m = num.exec(text)) {
    const digits = m[0].replace(/[eE].*$/, '').replace(/\./g, '').length;
    const exp = m[1] ? (m[1].replace(/^0+/, '').length > 6 ? Infinity : Number(m[1])) : 0;
    if (digits > MAX_DIGITS || exp > MAX_EXPONENT) {
      return [error('Number literal too large', `Number literals may have at most ${MAX_DIGITS} digits and an exponent of at most ${MAX_EXPONENT}.`, { subject: { file, start: { line: lineOf(m.index), column: 1 } } })];
    }
  }
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > MAX_BRACKETS) return [error('Nesting too deep', `Brackets and braces may be nested at most ${MAX_BRACKETS} levels deep.`, { subject: { file, start: { line: lineOf(i), column: 1 } } })];
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return [];
}

/** Result of reading one `.tf` file: positioned JSON plus the scanned structure (for label checks). */
export interface HclFile {
  readonly value: PNode | undefined;
  readonly scanned: ScannedBody;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses one `.tf` file with hcl2json (`parse(name, text)`, one file per call, in a worker thread)
 * and returns its JSON
 * with positions: block headers and argument names are found by scanning the text. hcl2json's
 * syntax errors (`parse config: [file:line,col-…: Summary; Detail …]`, possibly several) become one
 * diagnostic each at their position; its other failures become a diagnostic at the block they name
 * when it can be found. Never throws for bad input.
 */
export async function parseHCL(file: string, text: string): Promise<HclFile> {
  const scanned = scanHCL(text);
  const pre = precheck(file, text);
  if (pre.length) return { value: undefined, scanned, diagnostics: pre };
  let json: unknown;
  try {
    json = await hcl2jsonParse(file, text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof Hcl2jsonUnavailable) {
      return { value: undefined, scanned, diagnostics: [error('Configuration could not be parsed', `${msg}; the file may be too large or too deeply nested.`, { subject: { file, start: { line: 1, column: 1 } } })] };
    }
    return { value: undefined, scanned, diagnostics: hclErrors(file, msg, scanned) };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { value: undefined, scanned, diagnostics: [error('Invalid HCL', 'The file did not parse into a body of blocks and arguments.', { subject: { file, start: { line: 1, column: 1 } } })] };
  }
  if (plainDepth(json) > MAX_DEPTH) {
    return { value: undefined, scanned, diagnostics: [error('Nesting too deep', `Values may be nested at most ${MAX_DEPTH} levels deep.`, { subject: { file, start: { line: 1, column: 1 } } })] };
  }
  return { value: body(json as Record<string, unknown>, scanned, { line: 1, column: 1, byte: 0 }), scanned, diagnostics: [] };
}

/** Turns an hcl2json error message into diagnostics. */
export function hclErrors(file: string, message: string, scanned: ScannedBody): Diagnostic[] {
  const esc = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = new RegExp(`(?:^|\\s|\\[)${esc}:(\\d+),(\\d+)-(?:(\\d+),)?(\\d+): `, 'g');
  const hits: { at: number; bodyAt: number; line: number; col: number; endLine: number; endCol: number }[] = [];
  for (let m = start.exec(message); m; m = start.exec(message)) {
    const line = Number(m[1]);
    hits.push({ at: m.index, bodyAt: m.index + m[0].length, line, col: Number(m[2]), endLine: m[3] ? Number(m[3]) : line, endCol: Number(m[4]) });
  }
  if (hits.length) {
    return hits.map((h, k) => {
      let text = message.slice(h.bodyAt, k + 1 < hits.length ? hits[k + 1]!.at : message.length).trim();
      if (k + 1 === hits.length) text = text.replace(/\]$/, '');
      const semi = text.indexOf('; ');
      const summary = (semi >= 0 ? text.slice(0, semi) : text).trim() || 'Invalid HCL';
      const detail = semi >= 0 ? text.slice(semi + 2).trim() : undefined;
      return error(summary, detail, { subject: { file, start: { line: h.line, column: h.col }, end: { line: h.endLine, column: h.endCol } } });
    });
  }
  const labelDiags = labelProblems(file, scanned);
  if (labelDiags.length) return labelDiags;
  const named = /for "([^"]+)" block/.exec(message)?.[1];
  const block = named ? findBlock(scanned, named) : undefined;
  const detail = message.replace(/^convert to HCL: /, '').replace(/^(convert [a-z]+: )+/, '');
  return [
    error('Invalid HCL', `hcl2json could not convert the file: ${detail}.`, {
      subject: { file, start: block ? block.loc : { line: 1, column: 1 } },
      ...(block ? { context: block.header } : {}),
    }),
  ];
}

/** Label counts per top-level block type (Terraform's). */
export const TOP_LEVEL_LABELS: Readonly<Record<string, readonly string[]>> = {
  terraform: [],
  locals: [],
  import: [],
  moved: [],
  removed: [],
  provider: ['name'],
  variable: ['name'],
  output: ['name'],
  module: ['name'],
  check: ['name'],
  resource: ['type', 'name'],
  data: ['type', 'name'],
};

/** Terraform's diagnostics for top-level blocks with too few or too many labels. */
export function labelProblems(file: string, scanned: ScannedBody): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const b of scanned.blocks) {
    const want = TOP_LEVEL_LABELS[b.type];
    if (!want || want.length === b.labels.length) continue;
    const subject = { file, start: b.loc };
    if (b.labels.length > want.length) {
      out.push(error(`Extraneous label for ${b.type}`, `Only ${want.length} label${want.length === 1 ? '' : 's'}${want.length ? ` (${want.join(', ')})` : ''} ${want.length === 1 ? 'is' : 'are'} expected for ${b.type} blocks.`, { subject, context: b.header }));
    } else {
      const missing = want[b.labels.length]!;
      out.push(error(`Missing ${missing} for ${b.type}`, `All ${b.type} blocks must have ${want.length} label${want.length === 1 ? '' : 's'} (${want.join(', ')}).`, { subject, context: b.header }));
    }
  }
  return out;
}

function findBlock(body: ScannedBody, name: string): ScannedBlock | undefined {
  for (const b of body.blocks) {
    if (b.type === name || b.labels.includes(name)) return b;
    const inner = findBlock(b.body, name);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Where offsets into hcl2json's string for a value should start so that positions inside it land on
 * the file's text: after the opening quote of a quoted template, two columns before a bare
 * expression (hcl2json wraps it as `${…}`), else at the value itself.
 */
function valueOrigin(a: ScannedAttr, v: unknown): Loc {
  const at = a.valueLoc;
  if (typeof v !== 'string') return at;
  if (a.valueStart === '"') return { ...at, column: at.column + 1 };
  if (a.valueStart !== '<' && v.startsWith('${') && at.column > 2) return { ...at, column: at.column - 2 };
  return at;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A body of hcl2json output, positioned from the scanned body. */
function body(json: Record<string, unknown>, sb: ScannedBody | undefined, loc: Loc): PNode {
  const entries: PEntry[] = [];
  const attrs = new Map<string, ScannedAttr>();
  for (const a of sb?.attrs ?? []) if (!attrs.has(a.name)) attrs.set(a.name, a);
  for (const key of Object.keys(json)) {
    const v = json[key];
    const attr = attrs.get(key);
    if (attr) {
      entries.push({ key, keyLoc: attr.loc, value: fromPlain(v, valueOrigin(attr, v)), syntax: 'attr' });
      continue;
    }
    const blocks = sb?.blocks.filter((b) => b.type === key) ?? [];
    if (blocks.length) entries.push({ key, keyLoc: blocks[0]!.loc, value: labelled(v, blocks, 0), syntax: 'block' });
    else entries.push({ key, keyLoc: loc, value: fromPlain(v, loc) });
  }
  return { kind: 'object', loc, entries };
}

/** The label levels (`{type: {name: [body]}}`) of blocks of one type, down to the bodies. */
function labelled(v: unknown, blocks: readonly ScannedBlock[], depth: number): PNode {
  const loc = blocks[0]!.loc;
  if (Array.isArray(v)) {
    return { kind: 'array', loc, items: v.map((item, i) => (isObject(item) ? body(item, blocks[i]?.body, blocks[i]?.loc ?? loc) : fromPlain(item, loc))) };
  }
  if (isObject(v)) {
    const entries: PEntry[] = [];
    for (const k of Object.keys(v)) {
      const sub = blocks.filter((b) => b.labels[depth] === k);
      const use = sub.length ? sub : blocks;
      entries.push({ key: k, keyLoc: use[0]!.loc, value: labelled(v[k], use, depth + 1) });
    }
    return { kind: 'object', loc, entries };
  }
  return fromPlain(v, loc);
}
