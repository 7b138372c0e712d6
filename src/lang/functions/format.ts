import { convertValue, ConversionError } from '../values/convert.js';
import { jsonText } from '../values/json.js';
import { dec, numText, toSafeInt, type Num } from '../values/number.js';
import { isListType, isSetType, isTupleType } from '../values/types.js';
import type { V } from '../values/value.js';
import { FuncError } from './types.js';

function asNumber(v: V, verb: string, at: number): Num {
  try {
    const n = convertValue(v, 'number');
    if (n.v === null) throw new FuncError(`unsupported value for "%${verb}" at ${at}: null value cannot be formatted`);
    return n.v as Num;
  } catch (e) {
    if (e instanceof ConversionError) throw new FuncError(`unsupported value for "%${verb}" at ${at}: a number is required`);
    throw e;
  }
}

function asString(v: V, verb: string, at: number): string {
  try {
    const s = convertValue(v, 'string');
    if (s.v === null) throw new FuncError(`unsupported value for "%${verb}" at ${at}: null value cannot be formatted`);
    return s.v as string;
  } catch (e) {
    if (e instanceof ConversionError) throw new FuncError(`unsupported value for "%${verb}" at ${at}: string required`);
    throw e;
  }
}

function pad(s: string, width: number | undefined, flags: string): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (flags.includes('0') && /^[-+]?[\d.]/.test(s)) {
    const sign = /^[-+]/.test(s) ? s[0]! : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}

function intText(n: Num, radix: number, verb: string, at: number): string {
  const i = toSafeInt(n);
  if (i === undefined) {
    const d = dec(n);
    if (!d.isInteger()) throw new FuncError(`unsupported value for "%${verb}" at ${at}: an integer is required`);
    return radix === 10 ? d.toFixed(0) : BigInt(d.toFixed(0)).toString(radix);
  }
  return i.toString(radix);
}

/** Go-style `%g`: the shortest representation, in exponent form when the exponent is < -4 or >= 6. */
function gText(x: number, prec: number | undefined): string {
  const e = prec === undefined ? x.toExponential() : x.toExponential(Math.max(0, (prec || 1) - 1));
  const [mant, expS] = e.split('e') as [string, string];
  const exp = Number(expS);
  const limit = prec === undefined ? 6 : prec || 1;
  if (exp < -4 || exp >= limit) {
    const m = prec === undefined ? mant : mant.replace(/\.?0+$/, '');
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return prec === undefined ? String(x) : String(Number(x.toPrecision(prec || 1)));
}

/** Terraform's `format`: Go fmt verbs over values. */
export function formatString(args: readonly V[]): string {
  const fmt = args[0]!.v as string;
  const vals = args.slice(1);
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\[\d+\])?(\d+|\*)?(?:\.(\d+))?([a-zA-Z%])?/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fmt))) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const [, flags = '', idx, widthS, precS, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (verb === undefined) throw new FuncError('invalid format string: missing verb');
    if (idx) argi = Number(idx.slice(1, -1)) - 1;
    const width = widthS === undefined || widthS === '*' ? undefined : Number(widthS);
    const prec = precS === undefined ? undefined : Number(precS);
    if (argi >= vals.length) throw new FuncError(`not enough arguments for "%${verb}" at ${m.index}`);
    const at = m.index;
    const v = vals[argi++]!;
    let s: string;
    switch (verb) {
      case 'v':
        if (flags.includes('#')) s = jsonText(v);
        else if (v.v === null) s = 'null';
        else if (v.t === 'string') s = v.v as string;
        else if (v.t === 'number') s = numText(v.v as Num);
        else if (v.t === 'bool') s = String(v.v);
        else s = jsonText(v);
        break;
      case 't': {
        let b: V;
        try {
          b = convertValue(v, 'bool');
        } catch {
          throw new FuncError(`unsupported value for "%t" at ${at}: bool required`);
        }
        s = String(b.v);
        break;
      }
      case 'd':
        s = intText(asNumber(v, verb, at), 10, verb, at);
        if (flags.includes('+') && !s.startsWith('-')) s = `+${s}`;
        break;
      case 'b':
        s = intText(asNumber(v, verb, at), 2, verb, at);
        break;
      case 'o':
        s = intText(asNumber(v, verb, at), 8, verb, at);
        break;
      case 'x':
      case 'X': {
        s = intText(asNumber(v, verb, at), 16, verb, at);
        if (verb === 'X') s = s.toUpperCase();
        break;
      }
      case 'e':
      case 'E': {
        const x = dec(asNumber(v, verb, at)).toNumber();
        s = x.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        if (verb === 'E') s = s.toUpperCase();
        break;
      }
      case 'f':
      case 'F':
        s = dec(asNumber(v, verb, at)).toFixed(prec ?? 6);
        break;
      case 'g':
      case 'G':
        s = gText(dec(asNumber(v, verb, at)).toNumber(), prec);
        if (verb === 'G') s = s.toUpperCase();
        break;
      case 's':
        s = asString(v, verb, at);
        if (prec !== undefined) s = [...s].slice(0, prec).join('');
        break;
      case 'q':
        s = JSON.stringify(asString(v, verb, at));
        break;
      default:
        throw new FuncError(`unsupported format verb %${verb}`);
    }
    if (flags.includes('+') && (verb === 'f' || verb === 'e' || verb === 'g') && !s.startsWith('-')) s = `+${s}`;
    out += pad(s, width, flags);
  }
  out += fmt.slice(last);
  return out;
}

/** Terraform's `formatlist`: `format` applied element-wise across list arguments. */
export function formatList(args: readonly V[]): string[] {
  let n: number | undefined;
  const seqs = args.map((a, i) => {
    if (i > 0 && (isListType(a.t) || isSetType(a.t) || isTupleType(a.t)) && a.v !== null) {
      const items = a.v as V[];
      if (n !== undefined && items.length !== n) {
        throw new FuncError(`argument ${i} has length ${items.length}, which is inconsistent with argument ${i - 1} of length ${n}`);
      }
      n = items.length;
      return items;
    }
    return undefined;
  });
  if (n === undefined) return [formatString(args)];
  const out: string[] = [];
  for (let j = 0; j < n; j++) out.push(formatString(args.map((a, i) => (seqs[i] ? seqs[i]![j]! : a))));
  return out;
}

