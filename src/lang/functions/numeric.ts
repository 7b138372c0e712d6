import { Dec, cmp, dec, fromDouble, norm, toSafeInt, type Num } from '../values/number.js';
import { num } from '../values/value.js';
import { D, N, S, intArg } from './helpers.js';
import { register } from './registry.js';
import { ArgError, FuncError, p, type FuncDef } from './types.js';

const n1 = (f: (x: Num) => Num): FuncDef => ({ params: [p('num', 'number')], returns: 'number', impl: ([a]) => num(f(N(a!))) });

const extreme = (sign: number): FuncDef => ({
  params: [],
  variadic: p('numbers', 'number'),
  returns: 'number',
  impl: (args) => {
    if (args.length === 0) throw new FuncError('must pass at least one number');
    let best = N(args[0]!);
    for (const a of args.slice(1)) if (cmp(N(a), best) * sign > 0) best = N(a);
    return num(best);
  },
});

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

register({
  abs: n1((x) => (typeof x === 'number' ? Math.abs(x) : x.abs())),
  ceil: n1((x) => (typeof x === 'number' ? x : norm(x.ceil()))),
  floor: n1((x) => (typeof x === 'number' ? x : norm(x.floor()))),
  signum: {
    params: [p('num', 'number')],
    returns: 'number',
    impl: ([a]) => {
      const x = toSafeInt(N(a!));
      if (x === undefined) throw new FuncError('value must be a whole number, between -9223372036854775808 and 9223372036854775807');
      return num(Math.sign(x) || 0);
    },
  },
  max: extreme(1),
  min: extreme(-1),
  log: {
    params: [p('num', 'number'), p('base', 'number')],
    returns: 'number',
    impl: ([x, b]) => {
      const r = Math.log(D(x!)) / Math.log(D(b!));
      if (Number.isNaN(r)) throw new FuncError(D(x!) < 0 || D(b!) < 0 ? 'the logarithm of a negative number is not a number' : 'the result is not a number');
      return num(Number.isFinite(r) ? fromDouble(r) : new Dec(r));
    },
  },
  pow: {
    params: [p('num', 'number'), p('power', 'number')],
    returns: 'number',
    impl: ([x, y]) => {
      const a = D(x!);
      const b = D(y!);
      // Go's math.Pow, which Terraform uses: 1 to any power and -1 to ±Inf are 1 (NaN in JS).
      const r = a === 1 || (a === -1 && !Number.isFinite(b)) ? 1 : Math.pow(a, b);
      if (Number.isNaN(r)) throw new FuncError('the result is not a number');
      return num(Number.isFinite(r) ? fromDouble(r) : new Dec(r));
    },
  },
  parseint: {
    params: [p('number', 'dynamic'), p('base', 'number')],
    returns: 'number',
    impl: ([v, b]) => {
      if (v!.t !== 'string') throw new ArgError(0, 'first argument must be a string, not ' + (typeof v!.t === 'string' ? v!.t : v!.t[0]));
      const base = intArg(b!, 1);
      if (base < 2 || base > 62) throw new ArgError(1, 'base must be a whole number between 2 and 62 inclusive');
      let s = S(v!);
      let neg = false;
      if (s.startsWith('-') || s.startsWith('+')) {
        neg = s[0] === '-';
        s = s.slice(1);
      }
      if (!s) throw new ArgError(0, `cannot parse ${JSON.stringify(S(v!))} as a base ${base} integer`);
      let total = 0n;
      const alphabet = base <= 36 ? DIGITS : '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
      for (const ch of s) {
        const d = alphabet.indexOf(base <= 36 ? ch.toLowerCase() : ch);
        if (d < 0 || d >= base) throw new ArgError(0, `cannot parse ${JSON.stringify(S(v!))} as a base ${base} integer`);
        total = total * BigInt(base) + BigInt(d);
      }
      if (neg) total = -total;
      return num(norm(dec(0).plus(total.toString())));
    },
  },
});
