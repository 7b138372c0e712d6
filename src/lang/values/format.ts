import type { Type } from '../model.js';
import { numText, type Num } from './number.js';
import { isListType, isMapType, isSetType } from './types.js';
import { UNK, type V } from './value.js';

/** A quoted HCL string literal (`"a\tb"`), with `${`/`%{` kept as written in console output. */
export function hclString(s: string): string {
  let out = '"';
  for (const ch of s) {
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      default: {
        const c = ch.codePointAt(0)!;
        out += c < 32 ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
      }
    }
  }
  return out + '"';
}

function multiline(s: string, indent: string): string {
  if (s.endsWith('\n')) return `<<EOT\n${s}EOT`;
  const lines = s.split('\n').map((l) => `${indent}${l}`);
  return `<<-EOT\n${lines.join('\n')}\n${indent}EOT`;
}

/** Terraform console formatting of a value (`tomap({…})`, `"a"`, `(sensitive value)`, `(known after apply)`). */
export function format(v: V, indent = ''): string {
  if (v.s) return '(sensitive value)';
  const r = v.v;
  if (r === UNK) return '(known after apply)';
  if (r === null) return 'null';
  if (typeof r === 'string') return r.includes('\n') ? multiline(r, indent) : hclString(r);
  if (typeof r === 'boolean') return r ? 'true' : 'false';
  const inner = indent + '  ';
  if (Array.isArray(r)) {
    const body = r.length ? `[\n${r.map((x) => `${inner}${format(x, inner)},\n`).join('')}${indent}]` : '[]';
    if (isListType(v.t)) return `tolist(${body})`;
    if (isSetType(v.t)) return `toset(${body})`;
    return body;
  }
  if (r instanceof Map) {
    const body = r.size ? `{\n${[...r].map(([k, x]) => `${inner}${hclString(k)} = ${format(x, inner)}\n`).join('')}${indent}}` : '{}';
    return isMapType(v.t) ? `tomap(${body})` : body;
  }
  return numText(r as Num);
}

/** A type as `terraform console`'s `type()` prints it (`list(string)`, multi-line `object({ a: number, })`). */
export function formatType(t: Type, indent = ''): string {
  if (typeof t === 'string') return t;
  const inner = indent + '    ';
  switch (t[0]) {
    case 'list':
    case 'set':
    case 'map':
    {
      const el = formatType(t[1], inner);
      return el.includes('\n') ? `${t[0]}(\n${inner}${el},\n${indent})` : `${t[0]}(${el})`;
    }
    case 'tuple':
      return t[1].length ? `tuple([\n${t[1].map((x) => `${inner}${formatType(x, inner)},\n`).join('')}${indent}])` : 'tuple([])';
    case 'object': {
      const keys = Object.keys(t[1]).sort();
      return keys.length ? `object({\n${keys.map((k) => `${inner}${k}: ${formatType(t[1][k]!, inner)},\n`).join('')}${indent}})` : 'object({})';
    }
  }
  return 'dynamic';
}
