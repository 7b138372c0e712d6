import type { Type } from '../model.js';
import { convertValue, unifyTypes } from '../values/convert.js';
import { makeSet, valueEq } from '../values/equality.js';
import { isListType, isSetType, isTupleType } from '../values/types.js';
import { list, tuple, type V } from '../values/value.js';
import { L } from './helpers.js';
import { register } from './registry.js';
import { ArgError, p, type FuncDef } from './types.js';

/** Converts every argument to a set of one unified element type. */
function asSets(args: readonly V[]): { ety: Type; sets: V[][] } {
  args.forEach((a, i) => {
    if (!isSetType(a.t) && !isListType(a.t) && !isTupleType(a.t)) throw new ArgError(i, 'a set, list or tuple is required');
  });
  const ety = unifyTypes(args.flatMap((a) => (isTupleType(a.t) ? [...a.t[1]] : [(a.t as readonly [string, Type])[1]])));
  if (ety === undefined) throw new ArgError(0, 'given sets must all have compatible element types');
  return { ety, sets: args.map((a) => L(a).map((x) => convertValue(x, ety))) };
}

const has = (xs: readonly V[], x: V): boolean => xs.some((y) => valueEq(x, y) === true);

const setOp = (f: (sets: V[][]) => V[]): FuncDef => ({
  keepsMarks: true,
  params: [p('first_set', ['set', 'dynamic'])],
  variadic: p('other_sets', ['set', 'dynamic']),
  returns: 'dynamic',
  impl: (args) => {
    const { ety, sets } = asSets(args);
    return makeSet(ety, f(sets));
  },
});

register({
  setunion: setOp((sets) => sets.flat()),
  setintersection: setOp((sets) => sets[0]!.filter((x) => sets.every((s) => has(s, x)))),
  setsubtract: {
    keepsMarks: true,
    params: [p('a', ['set', 'dynamic']), p('b', ['set', 'dynamic'])],
    returns: 'dynamic',
    impl: (args) => {
      const { ety, sets } = asSets(args);
      return makeSet(ety, sets[0]!.filter((x) => !has(sets[1]!, x)));
    },
  },
  setproduct: {
    keepsMarks: true,
    params: [],
    variadic: p('sets', 'dynamic'),
    returns: 'dynamic',
    impl: (args) => {
      if (args.length < 2) throw new ArgError(0, 'at least two arguments are required');
      args.forEach((a, i) => {
        if (!isSetType(a.t) && !isListType(a.t) && !isTupleType(a.t)) throw new ArgError(i, 'a set or a list is required');
      });
      const asSet = args.some((a) => isSetType(a.t));
      const lists = args.map((a) => L(a));
      let combos: V[][] = [[]];
      for (const l of lists) combos = combos.flatMap((c) => l.map((x) => [...c, x]));
      const items = combos.map((c) => tuple(c));
      const et: Type = items.length ? items[0]!.t : ['tuple', args.map(() => 'dynamic' as Type)];
      return asSet ? makeSet(et, items) : list(et, items);
    },
  },
});
