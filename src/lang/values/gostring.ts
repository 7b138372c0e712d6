import type { Type } from '../model.js';
import { dec, type Num } from './number.js';
import { isListType, isMapType, isSetType } from './types.js';
import { UNK, type V } from './value.js';

/** A Go string literal as Go's `%#v` writes it (strconv.Quote: printable Unicode kept, controls escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\x07': out += '\\a'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '\v': out += '\\v'; break;
      default:
        if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
        else if ((c >= 0x80 && c < 0xa0) || c === 0xfeff || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
        else out += ch;
    }
  }
  return out + '"';
}

/** A type as cty's `GoString` writes it (`cty.String`, `cty.List(cty.Number)`, `cty.Object(map[string]cty.Type{…})`). */
export function goType(t: Type): string {
  if (t === 'string') return 'cty.String';
  if (t === 'number') return 'cty.Number';
  if (t === 'bool') return 'cty.Bool';
  if (t === 'dynamic') return 'cty.DynamicPseudoType';
  switch (t[0]) {
    case 'list':
      return `cty.List(${goType(t[1])})`;
    case 'set':
      return `cty.Set(${goType(t[1])})`;
    case 'map':
      return `cty.Map(${goType(t[1])})`;
    case 'tuple':
      return t[1].length ? `cty.Tuple([]cty.Type{${t[1].map(goType).join(', ')}})` : 'cty.EmptyTuple';
    case 'object': {
      const keys = Object.keys(t[1]).sort();
      return keys.length ? `cty.Object(map[string]cty.Type{${keys.map((k) => `${goQuote(k)}:${goType(t[1][k]!)}`).join(', ')}})` : 'cty.EmptyObject';
    }
  }
}

function goNumber(n: Num): string {
  const d = dec(n);
  if (d.isInteger() && d.abs().lte('9223372036854775807')) return `cty.NumberIntVal(${d.toFixed()})`;
  const f = d.toNumber();
  if (Number.isFinite(f) && dec(f).eq(d)) return `cty.NumberFloatVal(${goFloat(f)})`;
  return `cty.MustParseNumberVal(${goQuote(d.toFixed())})`;
}

/** Go's `%v` of a float64 (shortest form; exponent form below 1e-4 and from 1e21). */
function goFloat(f: number): string {
  const a = Math.abs(f);
  if (a !== 0 && (a < 1e-4 || a >= 1e21)) return f.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(f);
}

/**
 * A value as cty's `GoString` writes it (`cty.StringVal("a")`, `cty.NumberIntVal(1)`,
 * `cty.ListVal([]cty.Value{…})`, `cty.NullVal(cty.String)`), the form Terraform puts in its
 * "inconsistent plan/result" diagnostics. Marks are not shown: callers keep sensitive values out.
 */
export function goString(v: V): string {
  const r = v.v;
  if (r === UNK) return v.t === 'dynamic' ? 'cty.DynamicVal' : `cty.UnknownVal(${goType(v.t)})`;
  if (r === null) return `cty.NullVal(${goType(v.t)})`;
  if (typeof r === 'string') return `cty.StringVal(${goQuote(r)})`;
  if (typeof r === 'boolean') return r ? 'cty.True' : 'cty.False';
  const t = v.t;
  if (Array.isArray(r)) {
    const items = `[]cty.Value{${r.map(goString).join(', ')}}`;
    if (isSetType(t)) return r.length ? `cty.SetVal(${items})` : `cty.SetValEmpty(${goType(t[1])})`;
    if (isListType(t)) return r.length ? `cty.ListVal(${items})` : `cty.ListValEmpty(${goType(t[1])})`;
    return r.length ? `cty.TupleVal(${items})` : 'cty.EmptyTupleVal';
  }
  if (r instanceof Map) {
    const body = `map[string]cty.Value{${[...r].map(([k, x]) => `${goQuote(k)}:${goString(x)}`).join(', ')}}`;
    if (isMapType(t)) return r.size ? `cty.MapVal(${body})` : `cty.MapValEmpty(${goType(t[1])})`;
    return r.size ? `cty.ObjectVal(${body})` : 'cty.EmptyObjectVal';
  }
  return goNumber(r as Num);
}
