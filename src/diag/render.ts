import type { Diagnostic, SourceRange } from './diagnostic.js';
import { jsonPathAt } from './json-path.js';

/** Source texts by file name, used to print the offending line under a diagnostic. */
export type Sources = ReadonlyMap<string, string>;

/** Most source lines shown under one diagnostic. */
const MAX_SNIPPET_LINES = 6;

/** Wraps prose at `width` columns (words never split), keeping lines that start with a space as they are. */
export function wrap(text: string, width: number): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (para.startsWith(' ') || para.length <= width) {
      out.push(para);
      continue;
    }
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** The 1-based line numbers a subject covers (an end at column 1 of a later line does not count it). */
function subjectLines(s: SourceRange): [number, number] {
  let last = s.end && s.end.line > s.start.line ? s.end.line : s.start.line;
  if (s.end && s.end.line > s.start.line && s.end.column <= 1) last--;
  return [s.start.line, Math.min(Math.max(last, s.start.line), s.start.line + MAX_SNIPPET_LINES - 1)];
}

/**
 * The context a diagnostic is shown in: for a JSON file whose text is at hand, the JSON path of the
 * value at the subject (`resource.alicloud_vswitch.default.zone_id`), as Terraform names contexts in
 * JSON files (JSON has no comments to mark lines with); otherwise the diagnostic's own context.
 */
export function diagnosticContext(d: Diagnostic, sources?: Sources): string | undefined {
  const s = d.subject;
  const text = s && s.file.endsWith('.json') && !s.file.endsWith('.tfvars.json') ? sources?.get(s.file) : undefined;
  return (text !== undefined && jsonPathAt(text, s!.start.line, s!.start.column)) || d.context;
}

/**
 * Renders a diagnostic as Terraform does without colour: a blank line, `Error: Summary`, a blank line,
 * `  with ADDR,`, `  on FILE line N, in CONTEXT:` (see `diagnosticContext`; `  on FILE line N:` without
 * one), the source lines of the subject as `%4d: text` (or `  (source code not available)`), the values
 * involved, then the detail wrapped at `width - 1` columns.
 */
export function renderDiagnostic(d: Diagnostic, sources?: Sources, width = 78): string {
  const lines: string[] = ['', `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}`];
  const s = d.subject;
  if (d.address || s) lines.push('');
  if (d.address) lines.push(`  with ${d.address},`);
  if (s) {
    const context = diagnosticContext(d, sources);
    lines.push(`  on ${s.file} line ${s.start.line}${context ? `, in ${context}` : ''}:`);
    const text = sources?.get(s.file);
    const all = text?.split('\n');
    const [first, last] = subjectLines(s);
    if (all && all[first - 1] !== undefined) {
      for (let n = first; n <= last && all[n - 1] !== undefined; n++) lines.push(`${String(n).padStart(4)}: ${all[n - 1]!.replace(/\s+$/, '')}`);
    } else lines.push('  (source code not available)');
    if (d.values && d.values.length) {
      lines.push('    ├────────────────');
      for (const v of [...d.values].sort((a, b) => (a.traversal < b.traversal ? -1 : 1))) {
        lines.push(`    │ ${v.traversal} ${v.statement}`);
      }
    }
  }
  if (d.detail) {
    lines.push('');
    lines.push(wrap(d.detail, width - 1));
  } else lines.push(''); // Terraform ends a diagnostic without detail with a blank line
  return lines.join('\n') + '\n';
}

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/** UTF-8 byte offset of a 1-based line and column in a text (columns count UTF-16 units). */
function byteAt(lines: readonly string[], line: number, column: number): number {
  let b = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) b += utf8(lines[i]!) + 1;
  return b + utf8((lines[line - 1] ?? '').slice(0, Math.max(0, column - 1)));
}

/** The end of a subject without one: the end of the word (or quoted string) at its start. */
function impliedEnd(lineText: string, column: number): number {
  const rest = lineText.slice(column - 1);
  const m = /^("(?:[^"\\]|\\.)*"|[\p{L}\p{N}_.\-[\]"]+|.)/u.exec(rest);
  return column + (m ? m[0].length : 0);
}

/**
 * Terraform's JSON shape of a diagnostic (`validate -json`, `-json` UI): `severity`, `summary`,
 * `detail` (always), `address`, `range` (`filename`, `start`/`end` with 1-based line and column and
 * 0-based UTF-8 `byte`), and, when the source text is given, `snippet` (`context`, `code`,
 * `start_line`, `highlight_start_offset`, `highlight_end_offset`, `values`).
 */
export function diagnosticJSON(d: Diagnostic, sources?: Sources): Record<string, unknown> {
  const out: Record<string, unknown> = { severity: d.severity, summary: d.summary, detail: d.detail ?? '' };
  if (d.address) out.address = d.address;
  if (d.subject) {
    const st = d.subject.start;
    let en = d.subject.end ?? st;
    const text = sources?.get(d.subject.file);
    const all = text?.split('\n');
    if (all && all[st.line - 1] !== undefined) {
      if (!d.subject.end) en = { line: st.line, column: impliedEnd(all[st.line - 1]!, st.column) };
      const startByte = byteAt(all, st.line, st.column);
      const endByte = byteAt(all, en.line, en.column);
      out.range = { filename: d.subject.file, start: { line: st.line, column: st.column, byte: startByte }, end: { line: en.line, column: en.column, byte: endByte } };
      const [first, last] = subjectLines(d.subject);
      const lineByte = byteAt(all, first, 1);
      out.snippet = {
        context: diagnosticContext(d, sources) ?? null,
        code: all.slice(first - 1, last).join('\n'),
        start_line: first,
        highlight_start_offset: startByte - lineByte,
        highlight_end_offset: Math.max(startByte, endByte) - lineByte,
        values: (d.values ?? []).map((v) => ({ traversal: v.traversal, statement: v.statement })),
      };
    } else {
      out.range = {
        filename: d.subject.file,
        start: { line: st.line, column: st.column, byte: st.byte ?? 0 },
        end: { line: en.line, column: en.column, byte: en.byte ?? 0 },
      };
    }
  }
  return out;
}

/** Terraform's colour codes (mitchellh/colorstring). */
const SGR = { reset: '\x1b[0m', bold: '\x1b[1m', red: '\x1b[31m', yellow: '\x1b[33m', underline: '\x1b[4m', darkGray: '\x1b[90m' } as const;

/**
 * Renders a diagnostic as Terraform does on a colour terminal: bold red `Error: ` (yellow `Warning: `),
 * the bold summary, the subject's source lines with the highlighted range underlined, the values
 * involved, then the detail wrapped at `width - 3` columns (not wrapped when that is not positive), every line behind a left rule
 * (`╷`, `│ `, `╵`) in the severity's colour. The escape sequences are Terraform's, byte for byte.
 */
export function renderDiagnosticColor(d: Diagnostic, sources?: Sources, width = 78): string {
  const { reset, bold, red, yellow, underline, darkGray } = SGR;
  const hue = d.severity === 'error' ? red : yellow;
  let buf = `${bold}${hue}${d.severity === 'error' ? 'Error' : 'Warning'}: ${reset}${reset}`;
  buf += `${bold}${d.summary}${reset}\n\n${reset}`;
  if (d.address) buf += `  with ${d.address},\n`;
  const s = d.subject;
  if (s) {
    const json = diagnosticJSON(d, sources) as { snippet?: { context: string | null; code: string; start_line: number; highlight_start_offset: number; highlight_end_offset: number } };
    const sn = json.snippet;
    if (!sn) buf += `  on ${s.file} line ${s.start.line}:\n  (source code not available)\n`;
    else {
      buf += `  on ${s.file} line ${s.start.line}${sn.context ? `, in ${sn.context}` : ''}:\n`;
      const bytes = Buffer.from(sn.code, 'utf8');
      const start = Math.min(Math.max(sn.highlight_start_offset, 0), bytes.length);
      let end = Math.min(Math.max(sn.highlight_end_offset, 0), bytes.length);
      if (end < start) end = Math.min(start + 1, bytes.length);
      const part = (a: number, b: number) => bytes.subarray(a, b).toString('utf8');
      const code = `${part(0, start)}${underline}${part(start, end)}${reset}${part(end, bytes.length)}${reset}`;
      code.split('\n').forEach((line, i) => (buf += `${String(sn.start_line + i).padStart(4)}: ${line}\n`));
      if (d.values && d.values.length) {
        buf += `    ${darkGray}├────────────────${reset}\n${reset}`;
        for (const v of [...d.values].sort((a, b) => (a.traversal < b.traversal ? -1 : 1))) {
          buf += `    ${darkGray}│${reset} ${bold}${v.traversal}${reset} ${v.statement}\n${reset}`;
        }
      }
    }
  }
  if (s) buf += '\n';
  if (d.detail) {
    for (const line of d.detail.split('\n')) buf += `${line.startsWith(' ') || width - 3 <= 0 ? line : wrap(line, width - 3)}\n`;
  }
  const lines = buf.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const rule = `${hue}│${reset} ${reset}`;
  return `${hue}╷${reset}${reset}\n${lines.map((l) => `${rule}${l}\n`).join('')}${hue}╵${reset}${reset}\n`;
}
