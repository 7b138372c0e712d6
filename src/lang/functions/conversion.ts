import type { Type } from '../model.js';
import { EvalError, fail, isStaticError } from '../eval/context.js';
import { MISSING, probe } from '../eval/probe.js';
import { convertValue, ConversionError } from '../values/convert.js';
import { typeFriendlyName } from '../values/types.js';
import { DYN_UNKNOWN, bool, unknownOf, unmark, whollyKnown, withMark } from '../values/value.js';
import { register } from './registry.js';
import { ArgError, FuncError, p, type FuncDef } from './types.js';

const to = (name: string, t: Type): FuncDef => ({
  params: [p('v', 'dynamic', { allowNull: true, allowUnknown: true, allowMarked: true })],
  returns: t,
  impl: ([v]) => {
    try {
      return convertValue(v!, t);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      if (typeof t !== 'string' && (t[0] === 'list' || t[0] === 'set') && /same type/.test(e.message)) {
        throw new ArgError(0, `cannot convert ${typeFriendlyName(v!.t)} to ${t[0]} of any single type`);
      }
      if (typeof t !== 'string' && t[0] === 'map' && /same type/.test(e.message)) {
        throw new ArgError(0, `cannot convert ${typeFriendlyName(v!.t)} to map of any single type`);
      }
      const shown = v!.t === 'string' ? JSON.stringify(v!.v) : typeFriendlyName(v!.t);
      throw new ArgError(0, `cannot convert ${shown} to ${name.slice(2)}`);
    }
  },
});

const removed = (name: string, lit: string): FuncDef => ({
  params: [],
  variadic: p('vals', 'dynamic', { allowNull: true, allowUnknown: true }),
  returns: 'dynamic',
  impl: () => {
    throw new FuncError(`the "${name}" function was deprecated in Terraform v0.12 and is no longer available; use ${lit} syntax to write a literal ${name}`);
  },
});

register({
  tostring: to('tostring', 'string'),
  tonumber: to('tonumber', 'number'),
  tobool: to('tobool', 'bool'),
  tolist: to('tolist', ['list', 'dynamic']),
  toset: to('toset', ['set', 'dynamic']),
  tomap: to('tomap', ['map', 'dynamic']),
  list: removed('list', 'tolist([ ... ])'),
  map: removed('map', 'tomap({ ... })'),
  sensitive: {
    params: [p('value', 'dynamic', { allowNull: true, allowUnknown: true, allowMarked: true })],
    returns: (a) => a[0]!.t,
    impl: ([v]) => withMark(v!),
  },
  nonsensitive: {
    params: [p('value', 'dynamic', { allowNull: true, allowUnknown: true, allowMarked: true })],
    returns: (a) => a[0]!.t,
    impl: ([v]) => unmark(v!),
  },
  issensitive: {
    params: [p('value', 'dynamic', { allowNull: true, allowUnknown: true, allowMarked: true })],
    returns: 'bool',
    impl: ([v]) => bool(!!v!.s),
  },
  ephemeralasnull: {
    params: [p('value', 'dynamic', { allowNull: true, allowUnknown: true, allowMarked: true })],
    returns: (a) => a[0]!.t,
    impl: ([v]) => v!,
  },
  try: {
    params: [],
    variadic: p('expressions', 'dynamic'),
    returns: 'dynamic',
    impl: () => DYN_UNKNOWN,
    lazy: ({ ctx, node }) => {
      if (node.args.length === 0) fail(ctx, node, 'Error in function call', 'Call to function "try" failed: at least one argument is required.');
      const errs: string[] = [];
      for (const a of node.args) {
        try {
          const v = probe(a, ctx);
          if (v === MISSING) {
            errs.push('- a referenced attribute, element or key does not exist');
            continue;
          }
          return whollyKnown(v) ? v : unknownOf('dynamic');
        } catch (e) {
          if (!(e instanceof EvalError) || isStaticError(e)) throw e;
          errs.push(`- ${e.diag.summary}: ${e.diag.detail ?? ''}`);
        }
      }
      return fail(ctx, node, 'Error in function call', `Call to function "try" failed: no expression succeeded:\n${errs.join('\n')}\n\nAt least one expression must produce a successful result.`);
    },
  },
  can: {
    params: [p('expression', 'dynamic')],
    returns: 'bool',
    impl: () => unknownOf('bool'),
    lazy: ({ ctx, node }) => {
      if (node.args.length !== 1) fail(ctx, node, node.args.length ? 'Too many function arguments' : 'Not enough function arguments', 'Function "can" expects 1 argument.');
      try {
        const v = probe(node.args[0]!, ctx);
        if (v === MISSING) return bool(false);
        return whollyKnown(v) ? bool(true) : unknownOf('bool');
      } catch (e) {
        if (!(e instanceof EvalError) || isStaticError(e)) throw e;
        return bool(false);
      }
    },
  },
});
