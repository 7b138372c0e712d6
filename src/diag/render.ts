import type { Diagnostic } from './diagnostic.js';

/** Source texts by file name, used to print the offending line under a diagnostic. */
export type Sources = ReadonlyMap<string, string>;

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

/**
 * Renders a diagnostic as Terraform does without colour: a blank line, `Error: Summary`, a blank line,
 * `  with ADDR,`, `  on FILE line N, in CONTEXT:`, the source line, then the wrapped detail.
 */
export function renderDiagnostic(d: Diagnostic, sources?: Sources, width = 78): string {
  const lines: string[] = ['', `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}`];
  const s = d.subject;
  if (d.address || s) lines.push('');
  if (d.address) lines.push(`  with ${d.address},`);
  if (s) {
    lines.push(`  on ${s.file} line ${s.start.line}${d.context ? `, in ${d.context}` : ''}:`);
    const text = sources?.get(s.file);
    if (text !== undefined) {
      const src = text.split('\n')[s.start.line - 1];
      if (src !== undefined) lines.push(`${String(s.start.line).padStart(4)}: ${src.replace(/\s+$/, '')}`);
    }
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
  }
  return lines.join('\n') + '\n';
}

/** Terraform's JSON shape of a diagnostic (`validate -json`, `-json` UI). */
export function diagnosticJSON(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = { severity: d.severity, summary: d.summary, detail: d.detail ?? '' };
  if (d.address) out.address = d.address;
  if (d.subject) {
    const st = d.subject.start;
    const en = d.subject.end ?? st;
    out.range = {
      filename: d.subject.file,
      start: { line: st.line, column: st.column, byte: st.byte ?? 0 },
      end: { line: en.line, column: en.column, byte: en.byte ?? 0 },
    };
  }
  return out;
}
