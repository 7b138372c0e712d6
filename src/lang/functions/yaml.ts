import { numText, type Num } from '../values/number.js';
import { UNK, type V } from '../values/value.js';

function quoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 32 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

function literal(s: string, indent: string): string {
  const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const ind = s.startsWith(' ') ? '2' : '';
  const body = trailing ? s.slice(0, -1) : s;
  const lines = body.split('\n').map((l) => (l ? indent + l : ''));
  return `|${ind}${chomp}\n${lines.join('\n')}`;
}

function scalar(v: V, indent: string): string | undefined {
  const r = v.v;
  if (r === null || r === UNK) return 'null';
  if (typeof r === 'string') return r.includes('\n') ? literal(r, indent) : quoted(r);
  if (typeof r === 'boolean') return r ? 'true' : 'false';
  if (Array.isArray(r) || r instanceof Map) return undefined;
  return numText(r as Num);
}

/** Lines of a block node at `indent`; the first line is returned without its indentation. */
function block(v: V, indent: string): string {
  const s = scalar(v, indent + '  ');
  if (s !== undefined) return s;
  const r = v.v;
  if (Array.isArray(r)) {
    if (r.length === 0) return '[]';
    return r.map((x, i) => `${i ? indent : ''}- ${item(x, indent + '  ')}`).join('\n');
  }
  const m = r as Map<string, V>;
  if (m.size === 0) return '{}';
  return [...m]
    .map(([k, x], i) => {
      const head = `${i ? indent : ''}${quoted(k)}:`;
      const xs = scalar(x, indent + '  ');
      if (xs !== undefined) return `${head} ${xs}`;
      const empty = Array.isArray(x.v) ? x.v.length === 0 : (x.v as Map<string, V>).size === 0;
      if (empty) return `${head} ${block(x, indent)}`;
      if (Array.isArray(x.v)) return `${head}\n${indent}${block(x, indent)}`;
      return `${head}\n${indent}  ${block(x, indent + '  ')}`;
    })
    .join('\n');
}

function item(x: V, indent: string): string {
  return block(x, indent);
}

/** yamlencode's text: go-yaml's style as Terraform prints it (quoted strings, `|` blocks, `...` after scalars). */
export function yamlText(v: V): string {
  const r = v.v;
  const isScalar = !(Array.isArray(r) || r instanceof Map);
  if (isScalar) {
    if (typeof r === 'string') return `${scalar(v, '  ')}\n`;
    return `${scalar(v, '')}\n...\n`;
  }
  return `${block(v, '')}\n`;
}
