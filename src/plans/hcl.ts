import type { Type } from '../lang/index.js';
import { formatNumber, goQuote, sortedKeys } from './text.js';

/**
 * Formats a value as Terraform's console and `output` commands do: HCL-like syntax with the type
 * conversion functions that make the type unambiguous (`tolist([…])`, `tomap({…})`), 2-space
 * indentation, quoted keys, trailing commas, heredocs for multi-line strings and `(sensitive value)`.
 * `type` is Terraform's JSON type expression; without it the JSON shape decides (objects, tuples).
 */
export function formatHclValue(value: unknown, type?: Type | unknown, indent = 0, sensitive = false): string {
  if (sensitive) return '(sensitive value)';
  const t = normaliseType(type, value);
  if (value === null || value === undefined) return nullOf(t);
  if (t === 'string' || (t === 'dynamic' && typeof value === 'string')) {
    const s = String(value);
    return multiline(s, indent) ?? goQuote(s);
  }
  if (t === 'number' || (t === 'dynamic' && typeof value === 'number')) return formatNumber(Number(value));
  if (t === 'bool' || (t === 'dynamic' && typeof value === 'boolean')) return value ? 'true' : 'false';
  if (Array.isArray(t)) {
    switch (t[0]) {
      case 'list': return `tolist(${sequence(value as unknown[], () => t[1], indent)})`;
      case 'set': return `toset(${sequence(value as unknown[], () => t[1], indent)})`;
      case 'tuple': return sequence(value as unknown[], (i) => (t[1] as Type[])[i], indent);
      case 'map': return `tomap(${mapping(value as Record<string, unknown>, () => t[1], indent)})`;
      case 'object': return mapping(value as Record<string, unknown>, (k) => (t[1] as Record<string, Type>)[k], indent);
    }
  }
  if (Array.isArray(value)) return sequence(value, () => undefined, indent);
  if (typeof value === 'object') return mapping(value as Record<string, unknown>, () => undefined, indent);
  return String(value);
}

function normaliseType(type: unknown, value: unknown): Type {
  if (type === undefined || type === null) return inferType(value);
  return type as Type;
}

function inferType(v: unknown): Type {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'dynamic';
}

function nullOf(t: Type): string {
  if (t === 'dynamic') return 'null';
  if (t === 'string') return 'tostring(null)';
  if (t === 'number') return 'tonumber(null)';
  if (t === 'bool') return 'tobool(null)';
  switch (t[0]) {
    case 'list': return `tolist(null) /* of ${friendlyType(t[1])} */`;
    case 'set': return `toset(null) /* of ${friendlyType(t[1])} */`;
    case 'map': return `tomap(null) /* of ${friendlyType(t[1])} */`;
    default: return `null /* ${friendlyType(t)} */`;
  }
}

/** Terraform's friendly name of a type (`string`, `list of string`, `object`, `tuple`). */
export function friendlyType(t: Type | unknown): string {
  if (typeof t === 'string') return t === 'dynamic' ? 'dynamic' : t;
  if (!Array.isArray(t)) return 'dynamic';
  switch (t[0]) {
    case 'list': return `list of ${friendlyType(t[1])}`;
    case 'set': return `set of ${friendlyType(t[1])}`;
    case 'map': return `map of ${friendlyType(t[1])}`;
    case 'object': return 'object';
    case 'tuple': return 'tuple';
    default: return 'dynamic';
  }
}

function multiline(s: string, indent: number): string | undefined {
  const lines = s.split('\n');
  if (lines.length < 2) return undefined;
  const op = indent > 0 ? '<<-' : '<<';
  let delim = 'EOT';
  while (lines.some((l) => l.trim() === delim)) delim += '_';
  const pad = ' '.repeat(indent);
  return `${op}${delim}${lines.map((l) => `\n${pad}${l}`).join('')}\n${pad}${delim}`;
}

function sequence(items: readonly unknown[], typeAt: (i: number) => Type | undefined, indent: number): string {
  const inner = indent + 2;
  let out = '[';
  items.forEach((v, i) => {
    out += `\n${' '.repeat(inner)}${formatHclValue(v, typeAt(i), inner)},`;
  });
  if (items.length > 0) out += `\n${' '.repeat(indent)}`;
  return out + ']';
}

function mapping(obj: Readonly<Record<string, unknown>>, typeAt: (k: string) => Type | undefined, indent: number): string {
  const inner = indent + 2;
  const keys = sortedKeys(Object.keys(obj));
  let out = '{';
  for (const k of keys) out += `\n${' '.repeat(inner)}${goQuote(k)} = ${formatHclValue(obj[k], typeAt(k), inner)}`;
  if (keys.length > 0) out += `\n${' '.repeat(indent)}`;
  return out + '}';
}

/** A root output as Terraform holds it: value, type and sensitivity. */
export interface OutputValue {
  readonly value: unknown;
  readonly type?: unknown;
  readonly sensitive?: boolean;
}

/**
 * Renders outputs as `name = value` lines, sorted by name, unaligned, sensitive ones as
 * `<sensitive>` (the `Outputs:` section after apply and `terraform output` without a name).
 */
export function formatOutputLines(outputs: Readonly<Record<string, OutputValue>>): string {
  return sortedKeys(Object.keys(outputs))
    .map((k) => {
      const o = outputs[k]!;
      return `${k} = ${o.sensitive ? '<sensitive>' : formatHclValue(o.value, o.type)}\n`;
    })
    .join('');
}
