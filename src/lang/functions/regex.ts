import { list, nullOf, str, tuple, object, type V } from '../values/value.js';
import { ArgError, FuncError } from './types.js';

const cache = new Map<string, RegExp>();

/**
 * Compiles an RE2-syntax pattern as a JS RegExp (named groups `(?P<n>…)`, flags groups `(?i)`),
 * or throws an ArgError for argument `i`.
 */
export function compileRegex(pattern: string, i: number, flags = ''): RegExp {
  const key = `${flags}/${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const unsupported = re2Unsupported(pattern);
  if (unsupported) throw new ArgError(i, `invalid regexp pattern: ${unsupported}`);
  let src = pattern.replace(/\(\?P</g, '(?<');
  let f = flags + 'u';
  const m = /^\(\?([imsU]+)\)/.exec(src);
  if (m) {
    src = src.slice(m[0].length);
    if (m[1]!.includes('i')) f += 'i';
    if (m[1]!.includes('s')) f += 's';
    if (m[1]!.includes('m')) f += 'm';
  }
  src = src.replace(/\\z/g, '$(?![\\s\\S])').replace(/\\A/g, '^');
  try {
    const re = new RegExp(src, f);
    cache.set(key, re);
    return re;
  } catch (e) {
    throw new ArgError(i, `invalid regular expression pattern: ${(e as Error).message}`);
  }
}

/**
 * What RE2 (Terraform's regex engine) refuses but a JS RegExp would accept and run differently:
 * lookaround, backreferences, repeat counts above 1000. Returns RE2's message, or undefined.
 */
function re2Unsupported(pattern: string): string | undefined {
  const rx = /\\.|\[(?:\\.|[^\]])*\]|\(\?<[=!]|\(\?[=!]|\{(\d+)(?:,(\d*))?\}/g;
  let m: RegExpExecArray | null;
  while ((m = rx.exec(pattern))) {
    const t = m[0];
    if (/^\\[1-9]$/.test(t)) return `invalid escape sequence in ${t}`;
    if (t.startsWith('(?<')) return `invalid named capture in ${pattern.slice(m.index)}`;
    if (t.startsWith('(?')) return `invalid or unsupported Perl syntax in ${t}`;
    if (t.startsWith('{') && (Number(m[1]) > 1000 || (m[2] !== undefined && m[2] !== '' && (Number(m[2]) > 1000 || Number(m[2]) < Number(m[1]))))) return `invalid repeat count in ${t}`;
  }
  return undefined;
}

function groupsOf(re: RegExp): { names: (string | undefined)[]; count: number } {
  const count = new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')!.length - 1;
  const names: (string | undefined)[] = [];
  const rx = /\\.|\[(?:\\.|[^\]])*\]|\((\?<([A-Za-z_]\w*)>|\?)?/g;
  let m: RegExpExecArray | null;
  while ((m = rx.exec(re.source))) {
    if (m[0].startsWith('(') && (m[1] === undefined || m[2] !== undefined)) names.push(m[2]);
  }
  return { names, count };
}

/** A capture group's value: null when the group did not take part in the match. */
const group = (x: string | undefined): V => (x === undefined ? nullOf('string') : str(x));

function result(re: RegExp, m: RegExpExecArray): V {
  const { names, count } = groupsOf(re);
  if (count === 0) return str(m[0]);
  if (names.some((n) => n !== undefined)) {
    return object(names.flatMap((n, i) => (n === undefined ? [] : [[n, group(m[i + 1])] as [string, V]])));
  }
  return tuple(m.slice(1).map(group));
}

/** Terraform's `regex`: the first match (string, tuple of groups, or object of named groups). */
export function regexMatch(pattern: string, s: string): V {
  const re = compileRegex(pattern, 0);
  const m = re.exec(s);
  if (!m) throw new FuncError('pattern did not match any part of the given string');
  return result(re, m);
}

/** Terraform's `regexall`: a list of every match. */
export function regexAll(pattern: string, s: string): V {
  const re = compileRegex(pattern, 0, 'g');
  const out: V[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    out.push(result(re, m));
    if (m[0] === '') re.lastIndex++;
  }
  return list(out.length ? out[0]!.t : groupsOf(re).count === 0 ? 'string' : 'dynamic', out);
}
