import { DYN_UNKNOWN, list, str, bool } from '../values/value.js';
import { L, S, graphemes, intArg } from './helpers.js';
import { register } from './registry.js';
import { ArgError, p, type FuncDef } from './types.js';
import { formatString, formatList } from './format.js';
import { compileRegex, regexMatch, regexAll } from './regex.js';

const s1 = (name: string, f: (s: string) => string): FuncDef => ({ params: [p(name, 'string')], returns: 'string', impl: ([a]) => str(f(S(a!))) });
const s2b = (f: (a: string, b: string) => boolean, n1 = 'str', n2 = 'substr'): FuncDef => ({
  params: [p(n1, 'string'), p(n2, 'string')],
  returns: 'bool',
  impl: ([a, b]) => bool(f(S(a!), S(b!))),
});

const trimSet = (s: string, cut: string, left: boolean, right: boolean): string => {
  const chars = new Set([...cut]);
  const arr = [...s];
  let i = 0;
  let j = arr.length;
  if (left) while (i < j && chars.has(arr[i]!)) i++;
  if (right) while (j > i && chars.has(arr[j - 1]!)) j--;
  return arr.slice(i, j).join('');
};

function substr(s: string, offset: number, length: number): string {
  const g = graphemes(s);
  if (offset < 0) offset = Math.max(0, g.length + offset);
  if (offset >= g.length) return '';
  if (length < 0) return g.slice(offset).join('');
  return g.slice(offset, offset + length).join('');
}

function replace(s: string, search: string, rep: string): string {
  if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
    const re = compileRegex(search.slice(1, -1), 1, 'g');
    const goRep = rep.replace(/\$\{(\w+)\}|\$(\w+)|\$\$/g, (m, a, b) => (m === '$$' ? '$$' : `$<${a ?? b}>`).replace(/^\$<(\d+)>$/, '$$$1'));
    return s.replace(re, goRep);
  }
  if (search === '') {
    const parts = [...s];
    return rep + parts.join(rep) + (parts.length ? rep : '');
  }
  return s.split(search).join(rep);
}

/** Go's strings.ToUpper: rune by rune, so characters whose upper case is longer (ß, ŉ) stay as they are. */
function upper(s: string): string {
  const up = s.toUpperCase();
  if (up.length === s.length) return up;
  let out = '';
  for (const ch of s) {
    const u = ch.toUpperCase();
    out += u.length === ch.length ? u : ch;
  }
  return out;
}

register({
  chomp: s1('str', (s) => s.replace(/(\r\n|\n|\r)+$/, '')),
  endswith: s2b((a, b) => a.endsWith(b), 'str', 'suffix'),
  startswith: s2b((a, b) => a.startsWith(b), 'str', 'prefix'),
  strcontains: s2b((a, b) => a.includes(b)),
  format: {
    params: [p('format', 'string')],
    variadic: p('args', 'dynamic', { allowNull: true }),
    returns: 'string',
    // Terraform 1.11 gives an unknown value of unknown type when any argument is null.
    impl: (args) => (args.some((a) => a.v === null) ? DYN_UNKNOWN : str(formatString(args))),
  },
  formatlist: {
    params: [p('format', 'string')],
    variadic: p('args', 'dynamic', { allowNull: true }),
    returns: ['list', 'string'],
    impl: (args) => list('string', formatList(args).map(str)),
  },
  indent: {
    params: [p('spaces', 'number'), p('str', 'string')],
    returns: 'string',
    impl: ([n, s]) => {
      const pad = ' '.repeat(Math.max(0, intArg(n!, 0)));
      return str(S(s!).replace(/\n/g, `\n${pad}`));
    },
  },
  join: {
    params: [p('separator', 'string')],
    variadic: p('lists', ['list', 'string']),
    returns: 'string',
    impl: ([sep, ...lists]) => {
      if (lists.length === 0) throw new ArgError(1, 'at least one list is required');
      const out: string[] = [];
      lists.forEach((l, i) =>
        L(l).forEach((x, j) => {
          if (x.v === null) throw new ArgError(i + 1, `element ${j} is null; cannot concatenate null values`);
          out.push(S(x));
        }),
      );
      return str(out.join(S(sep!)));
    },
  },
  lower: s1('str', (s) => s.toLowerCase()),
  upper: s1('str', upper),
  title: s1('str', (s) => s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase())),
  strrev: s1('str', (s) => graphemes(s).reverse().join('')),
  trimspace: s1('str', (s) => s.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, '')),
  trim: { params: [p('str', 'string'), p('cutset', 'string')], returns: 'string', impl: ([a, b]) => str(trimSet(S(a!), S(b!), true, true)) },
  trimprefix: { params: [p('str', 'string'), p('prefix', 'string')], returns: 'string', impl: ([a, b]) => str(S(a!).startsWith(S(b!)) ? S(a!).slice(S(b!).length) : S(a!)) },
  trimsuffix: {
    params: [p('str', 'string'), p('suffix', 'string')],
    returns: 'string',
    impl: ([a, b]) => str(S(b!) && S(a!).endsWith(S(b!)) ? S(a!).slice(0, -S(b!).length) : S(a!)),
  },
  substr: {
    params: [p('str', 'string'), p('offset', 'number'), p('length', 'number')],
    returns: 'string',
    impl: ([s, o, l]) => str(substr(S(s!), intArg(o!, 1), intArg(l!, 2))),
  },
  split: {
    params: [p('separator', 'string'), p('str', 'string')],
    returns: ['list', 'string'],
    impl: ([sep, s]) => list('string', (S(s!) === '' ? [''] : S(s!).split(S(sep!))).map(str)),
  },
  replace: {
    params: [p('str', 'string'), p('substr', 'string'), p('replace', 'string')],
    returns: 'string',
    impl: ([s, a, b]) => str(replace(S(s!), S(a!), S(b!))),
  },
  regex: { params: [p('pattern', 'string'), p('string', 'string')], returns: 'dynamic', impl: ([re, s]) => regexMatch(S(re!), S(s!)) },
  regexall: {
    params: [p('pattern', 'string'), p('string', 'string')],
    returns: ['list', 'dynamic'],
    impl: ([re, s]) => regexAll(S(re!), S(s!)),
  },
});
