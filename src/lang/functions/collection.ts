import type { Type } from '../model.js';
import { convertValue, ConversionError, unifyTypes, unifyValues } from '../values/convert.js';
import { valueEq } from '../values/equality.js';
import { add, numText, type Num } from '../values/number.js';
import { elementType, isListType, isMapType, isObjectType, isSetType, isTupleType } from '../values/types.js';
import { FALSE, TRUE, UNK, bool, list, map, nullOf, num, object, str, tuple, unknownOf, type V } from '../values/value.js';
import { L, M, S, graphemes, intArg } from './helpers.js';
import { register } from './registry.js';
import { ArgError, FuncError, p, type FuncDef } from './types.js';

const isSeq = (t: Type): boolean => isListType(t) || isSetType(t) || isTupleType(t);

/** A sequence argument's items, or an ArgError. */
function seqArg(v: V, i: number): V[] {
  if (!isSeq(v.t)) throw new ArgError(i, 'must be a list, set, or tuple value');
  return L(v);
}

/** Builds a sequence result shaped like the input: list stays list, tuple becomes tuple. */
function like(src: V, items: V[]): V {
  if (isListType(src.t) || isSetType(src.t)) return list(elementType(src.t), items);
  return tuple(items);
}

const elemTypeOf = (v: V): Type => (isListType(v.t) || isSetType(v.t) || isMapType(v.t) ? elementType(v.t) : 'dynamic');

function flatten(v: V, out: V[]): boolean {
  let onlyLists = true;
  for (const x of L(v)) {
    if (isSeq(x.t) && x.v !== null) {
      if (x.v === UNK) throw new FuncError('unknown');
      if (!isListType(x.t)) onlyLists = false;
      flatten(x, out);
    } else out.push(x);
  }
  return onlyLists;
}

const length: FuncDef = {
  params: [p('value', 'dynamic', { allowUnknown: true })],
  returns: 'number',
  impl: ([v]) => {
    if (v!.v === UNK) return unknownOf('number');
    if (v!.t === 'string') return num(graphemes(S(v!)).length);
    if (v!.v instanceof Map) return num(v!.v.size);
    if (Array.isArray(v!.v)) return num(v!.v.length);
    throw new FuncError(`value of type ${typeof v!.t === 'string' ? v!.t : v!.t[0]} is not a valid collection`);
  },
};

register({
  length,
  alltrue: { params: [p('list', ['list', 'bool'])], returns: 'bool', impl: ([l]) => bool(L(l!).every((x) => x.v === true)) },
  anytrue: { params: [p('list', ['list', 'bool'])], returns: 'bool', impl: ([l]) => bool(L(l!).some((x) => x.v === true)) },
  chunklist: {
    keepsMarks: true,
    params: [p('list', ['list', 'dynamic']), p('size', 'number')],
    returns: (a) => ['list', a[0]?.t ?? 'dynamic'],
    impl: ([l, n]) => {
      const size = intArg(n!, 1);
      if (size < 0) throw new ArgError(1, 'the size argument must be positive');
      const items = L(l!);
      const out: V[] = [];
      if (size === 0) out.push(l!);
      else for (let i = 0; i < items.length; i += size) out.push(list(elemTypeOf(l!), items.slice(i, i + size)));
      return list(l!.t, out);
    },
  },
  coalesce: {
    keepsMarks: true,
    params: [],
    variadic: p('vals', 'dynamic', { allowNull: true, allowUnknown: true }),
    returns: (a) => unifyTypes(a.map((x) => x.t)) ?? 'dynamic',
    impl: (args) => {
      const u = unifyValues(args);
      if (!u) throw new ArgError(0, 'all arguments must have the same type');
      for (const x of u.values) {
        if (x.v === UNK) return unknownOf(u.type);
        if (x.v === null || x.v === '') continue;
        return x;
      }
      throw new FuncError('no non-null, non-empty-string arguments');
    },
  },
  coalescelist: {
    keepsMarks: true,
    params: [],
    variadic: p('vals', 'dynamic', { allowNull: true }),
    returns: 'dynamic',
    impl: (args) => {
      args.forEach((a, i) => {
        if (a.v !== null && !isSeq(a.t)) throw new ArgError(i, 'a list or tuple is required');
      });
      const hit = args.find((a) => a.v !== null && L(a).length > 0);
      if (!hit) throw new FuncError('no non-null arguments');
      return hit;
    },
  },
  compact: {
    params: [p('list', ['list', 'string'])],
    returns: ['list', 'string'],
    impl: ([l]) => list('string', L(l!).filter((x) => x.v !== null && x.v !== '')),
  },
  concat: {
    keepsMarks: true,
    shallowUnknown: true,
    params: [],
    variadic: p('seqs', 'dynamic'),
    returns: 'dynamic',
    impl: (args) => {
      args.forEach((a, i) => {
        if (!isListType(a.t) && !isTupleType(a.t)) throw new ArgError(i, 'all arguments must be lists or tuples');
      });
      const items = args.flatMap(L);
      if (args.length && args.every((a) => isListType(a.t))) {
        const u = unifyValues(items.length ? items : []);
        const et = unifyTypes(args.map(elemTypeOf));
        if (!u || et === undefined) throw new ArgError(0, 'all arguments must have the same element type');
        return list(et, items.length ? u.values : []);
      }
      return tuple(items);
    },
  },
  contains: {
    params: [p('list', 'dynamic'), p('value', 'dynamic', { allowNull: true })],
    returns: 'bool',
    impl: ([l, v]) => {
      const items = l!.v instanceof Map ? [...l!.v.values()] : seqArg(l!, 0);
      return items.some((x) => valueEq(x, v!) === true) ? TRUE : FALSE;
    },
  },
  distinct: {
    keepsMarks: true,
    params: [p('list', ['list', 'dynamic'])],
    returns: (a) => a[0]?.t ?? 'dynamic',
    impl: ([l]) => {
      const out: V[] = [];
      for (const x of L(l!)) if (!out.some((y) => valueEq(x, y) === true)) out.push(x);
      return list(elemTypeOf(l!), out);
    },
  },
  element: {
    keepsMarks: true,
    shallowUnknown: true,
    params: [p('list', 'dynamic'), p('index', 'number')],
    returns: (a) => elemTypeOf(a[0]!),
    impl: ([l, i]) => {
      const items = seqArg(l!, 0);
      if (isSetType(l!.t)) throw new ArgError(0, 'cannot use element function with a set type');
      if (items.length === 0) throw new FuncError('cannot use element function with an empty list');
      const n = intArg(i!, 1, 'invalid index');
      if (n < 0) throw new ArgError(1, 'cannot use element function with a negative index');
      return items[n % items.length]!;
    },
  },
  flatten: {
    keepsMarks: true,
    params: [p('list', 'dynamic')],
    returns: 'dynamic',
    impl: ([l]) => {
      seqArg(l!, 0);
      const out: V[] = [];
      const lists = flatten(l!, out) && isListType(l!.t);
      if (lists) {
        const u = unifyValues(out);
        if (u) return list(out.length ? u.type : 'dynamic', u.values);
      }
      return tuple(out);
    },
  },
  index: {
    params: [p('list', 'dynamic'), p('value', 'dynamic')],
    returns: 'number',
    impl: ([l, v]) => {
      const items = seqArg(l!, 0);
      const i = items.findIndex((x) => valueEq(x, v!) === true);
      if (i < 0) throw new FuncError('item not found');
      return num(i);
    },
  },
  keys: {
    params: [p('inputMap', 'dynamic', { allowUnknown: true })],
    returns: (a) => (isMapType(a[0]!.t) ? ['list', 'string'] : 'dynamic'),
    impl: ([m]) => {
      if (!isMapType(m!.t) && !isObjectType(m!.t)) throw new ArgError(0, 'must have map or object type');
      if (m!.v === UNK) return isMapType(m!.t) ? unknownOf(['list', 'string']) : tuple(Object.keys(m!.t[1]).sort().map(str));
      const ks = [...M(m!).keys()].map(str);
      return isMapType(m!.t) ? list('string', ks) : tuple(ks);
    },
  },
  values: {
    keepsMarks: true,
    shallowUnknown: true,
    params: [p('mapping', 'dynamic')],
    returns: (a) => (isMapType(a[0]!.t) ? ['list', elementType(a[0]!.t)] : 'dynamic'),
    impl: ([m]) => {
      if (!isMapType(m!.t) && !isObjectType(m!.t)) throw new ArgError(0, 'must have map or object type');
      const vs = [...M(m!).values()];
      return isMapType(m!.t) ? list(elementType(m!.t), vs) : tuple(vs);
    },
  },
  lookup: {
    keepsMarks: true,
    shallowUnknown: true,
    params: [p('inputMap', 'dynamic'), p('key', 'string')],
    variadic: p('default', 'dynamic', { allowNull: true }),
    returns: 'dynamic',
    impl: ([m, k, ...rest]) => {
      if (rest.length > 1) throw new FuncError('lookup() takes no more than three arguments');
      if (!isMapType(m!.t) && !isObjectType(m!.t)) throw new ArgError(0, 'the first argument must be a map or object');
      const hit = M(m!).get(S(k!));
      if (hit) return hit;
      if (rest.length === 0) throw new ArgError(1, `lookup failed to find key ${JSON.stringify(S(k!))}`);
      if (isMapType(m!.t)) {
        try {
          return convertValue(rest[0]!, elementType(m!.t));
        } catch (e) {
          if (e instanceof ConversionError) throw new ArgError(2, e.message);
          throw e;
        }
      }
      return rest[0]!;
    },
  },
  matchkeys: {
    params: [p('values', ['list', 'dynamic']), p('keys', ['list', 'dynamic']), p('searchset', ['list', 'dynamic'])],
    returns: (a) => a[0]!.t,
    impl: ([vals, keys, search]) => {
      const vs = L(vals!);
      const ks = L(keys!);
      if (vs.length !== ks.length) throw new FuncError('length of keys and values should be equal');
      const ss = L(search!);
      const out = vs.filter((_, i) => ss.some((s) => valueEq(ks[i]!, s) === true || valueEq(convertLoose(ks[i]!), convertLoose(s)) === true));
      return list(elemTypeOf(vals!), out);
    },
  },
  merge: {
    keepsMarks: true,
    shallowUnknown: true,
    params: [],
    variadic: p('maps', 'dynamic', { allowNull: true }),
    returns: 'dynamic',
    impl: (args) => {
      const present = args.filter((a) => a.v !== null);
      present.forEach((a, i) => {
        if (!isMapType(a.t) && !isObjectType(a.t)) throw new ArgError(i, 'arguments must be maps or objects, got "' + (typeof a.t === 'string' ? a.t : a.t[0]) + '"');
      });
      const m = new Map<string, V>();
      for (const a of present) for (const [k, v] of M(a)) m.set(k, v);
      if (present.length && present.every((a) => isMapType(a.t))) {
        const u = unifyValues([...m.values()]);
        const et = unifyTypes(present.map(elemTypeOf));
        if (u && et !== undefined) {
          const vals = u.values;
          return map(m.size ? u.type : et, [...m.keys()].map((k, i) => [k, vals[i]!]));
        }
      }
      return object([...m]);
    },
  },
  one: {
    keepsMarks: true,
    shallowUnknown: true,
    params: [p('list', 'dynamic')],
    returns: (a) => elemTypeOf(a[0]!),
    impl: ([l]) => {
      const items = seqArg(l!, 0);
      if (items.length > 1) throw new ArgError(0, 'must be a list, set, or tuple value with either zero or one elements');
      return items[0] ?? nullOf(elemTypeOf(l!));
    },
  },
  range: {
    params: [],
    variadic: p('params', 'number'),
    returns: ['list', 'number'],
    impl: (args) => {
      if (args.length < 1 || args.length > 3) throw new ArgError(0, 'must have one, two, or three arguments');
      const ns = args.map((a) => a.v as Num);
      let [start, limit, step]: Num[] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? 1];
      const cmpN = (a: Num, b: Num): number => Number(numText(a)) - Number(numText(b));
      if (ns.length === 2 && cmpN(limit!, start!) < 0) step = -1;
      if (cmpN(step!, 0) === 0) throw new FuncError('step must not be zero');
      const out: V[] = [];
      const up = cmpN(step!, 0) > 0;
      if (up ? cmpN(limit!, start!) < 0 : cmpN(limit!, start!) > 0) throw new FuncError(`step must be ${up ? 'negative' : 'positive'} if start is ${up ? 'greater' : 'less'} than limit`);
      for (let x = start!; up ? cmpN(x, limit!) < 0 : cmpN(x, limit!) > 0; x = add(x, step!)) {
        if (out.length >= 1024) throw new FuncError('more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
        out.push(num(x));
      }
      return list('number', out);
    },
  },
  reverse: {
    keepsMarks: true,
    shallowUnknown: true,
    params: [p('list', 'dynamic')],
    returns: (a) => a[0]!.t,
    impl: ([l]) => {
      const items = [...seqArg(l!, 0)].reverse();
      return isSetType(l!.t) ? list(elemTypeOf(l!), items) : like(l!, items);
    },
  },
  slice: {
    keepsMarks: true,
    shallowUnknown: true,
    params: [p('list', 'dynamic'), p('start_index', 'number'), p('end_index', 'number')],
    returns: (a) => a[0]!.t,
    impl: ([l, s, e]) => {
      const items = seqArg(l!, 0);
      const a = intArg(s!, 1);
      const b = intArg(e!, 2);
      if (a < 0) throw new ArgError(1, 'start index must not be less than zero');
      if (b > items.length) throw new ArgError(2, 'end index must not be greater than the length of the list');
      if (a > b) throw new ArgError(1, 'start index must not be greater than end index');
      return like(l!, items.slice(a, b));
    },
  },
  sort: {
    params: [p('list', ['list', 'string'])],
    returns: ['list', 'string'],
    impl: ([l]) => {
      const items = L(l!);
      if (items.some((x) => x.v === null)) throw new ArgError(0, 'given list element is null; a null value cannot be used as a sort key');
      return list('string', [...items].sort((x, y) => (S(x) < S(y) ? -1 : S(x) > S(y) ? 1 : 0)));
    },
  },
  sum: {
    params: [p('list', 'dynamic')],
    returns: 'number',
    impl: ([l]) => {
      const items = seqArg(l!, 0);
      if (items.length === 0) throw new ArgError(0, 'cannot sum an empty list');
      let total: Num = 0;
      for (const x of items) {
        if (x.v === null) throw new ArgError(0, 'argument must be list, set, or tuple of number values');
        let n: V;
        try {
          n = convertValue(x, 'number');
        } catch {
          throw new ArgError(0, 'argument must be list, set, or tuple of number values');
        }
        total = add(total, n.v as Num);
      }
      return num(total);
    },
  },
  transpose: {
    params: [p('values', ['map', ['list', 'string']])],
    returns: ['map', ['list', 'string']],
    impl: ([m]) => {
      const out = new Map<string, string[]>();
      for (const [k, l] of M(m!)) {
        for (const x of L(l)) {
          if (x.v === null) throw new FuncError('lists must not contain null values');
          const arr = out.get(S(x)) ?? [];
          arr.push(k);
          out.set(S(x), arr);
        }
      }
      return map(['list', 'string'], [...out].map(([k, ks]) => [k, list('string', ks.map(str))]));
    },
  },
  zipmap: {
    keepsMarks: true,
    shallowUnknown: true,
    params: [p('keys', ['list', 'string']), p('values', 'dynamic')],
    returns: 'dynamic',
    impl: ([k, v]) => {
      const ks = L(k!);
      const vs = seqArg(v!, 1);
      if (ks.length !== vs.length) throw new FuncError(`number of keys (${ks.length}) does not match number of values (${vs.length})`);
      const entries = ks.map((x, i) => [S(x), vs[i]!] as [string, V]);
      if (isTupleType(v!.t)) return object(entries);
      return map(elemTypeOf(v!), entries);
    },
  },
});

function convertLoose(v: V): V {
  try {
    return convertValue(v, 'string');
  } catch {
    return v;
  }
}
