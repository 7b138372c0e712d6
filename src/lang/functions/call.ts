import { fail, evalNode, type Ctx } from '../eval/context.js';
import type { Node } from '../parser/ast.js';
import { convertValue, ConversionError } from '../values/convert.js';
import { NumberError } from '../values/number.js';
import { isListType, isSetType, isTupleType } from '../values/types.js';
import { UNK, deepSensitive, unknownOf, unmark, unmarkDeep, whollyKnown, withMark, type V } from '../values/value.js';
import { FUNCTIONS } from './index.js';
import { ArgError, FuncError, type CallInfo, type Param } from './types.js';

type CallNode = Extract<Node, { k: 'call' }>;

function expandArgs(ctx: Ctx, n: CallNode): V[] | undefined {
  const args = n.args.map((a) => evalNode(a, ctx));
  if (!n.expand) return args;
  const last = args.pop()!;
  const at = n.args[n.args.length - 1]!;
  if (last.v === null) fail(ctx, at, 'Invalid expanding argument value', 'The expanding argument (indicated by ...) must not be null.');
  if (!(isListType(last.t) || isSetType(last.t) || isTupleType(last.t) || last.t === 'dynamic')) {
    fail(ctx, at, 'Invalid expanding argument value', 'The expanding argument (indicated by ...) must be of a tuple, list, or set type.');
  }
  if (last.v === UNK) return undefined;
  const items = last.v as V[];
  return [...args, ...(last.s ? items.map((x) => withMark(x)) : items)];
}

/**
 * The error of a failed implementation as the user's problem: ArgError and FuncError as they are;
 * a result that is not a number (NumberError) and the engine's own limits reached by an argument
 * (RangeError: a string or list too long to build, nesting too deep) as FuncErrors. Anything else
 * is a bug and is thrown on.
 */
function asFunctionError(e: unknown): ArgError | FuncError {
  if (e instanceof ArgError || e instanceof FuncError) return e;
  if (e instanceof NumberError) return new FuncError(e.message);
  if (e instanceof RangeError && /call stack size/i.test(e.message)) return new FuncError('the value is nested too deeply to process');
  if (e instanceof RangeError && /Invalid (string|array) length|Maximum BigInt size/i.test(e.message)) return new FuncError('the result would be too large to hold in memory');
  throw e;
}

/** Calls a built-in function: arity, null, unknown and mark handling, argument conversion. */
export function callFunction(ctx: Ctx, n: CallNode): V {
  const f = FUNCTIONS.get(n.name);
  if (!f) fail(ctx, { s: n.s, e: n.s + n.name.length }, 'Call to unknown function', `There is no function named "${n.name}".`);
  const call: CallInfo = { ctx, node: n };
  if (f.lazy) return f.lazy(call);
  const raw = expandArgs(ctx, n);
  if (raw === undefined) return unknownOf(typeof f.returns === 'function' ? 'dynamic' : f.returns);
  const np = f.params.length;
  if (raw.length < np) {
    fail(ctx, n, 'Not enough function arguments', `Function "${n.name}" expects ${np} argument(s). Missing value for "${f.params[raw.length]!.name}".`);
  }
  if (raw.length > np && !f.variadic) {
    const at = n.args[Math.min(np, n.args.length - 1)] ?? n;
    fail(ctx, at, 'Too many function arguments', `Function "${n.name}" expects only ${np} argument(s).`);
  }
  let marked = false;
  let unknown = false;
  const args: V[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const param: Param = i < np ? f.params[i]! : f.variadic!;
    let a = raw[i]!;
    const at = n.args[Math.min(i, n.args.length - 1)]!;
    if (!param.allowMarked) {
      if (f.keepsMarks) {
        if (a.s) {
          marked = true;
          a = unmark(a);
        }
      } else if (a.s || (typeof a.v === 'object' && a.v !== null && deepSensitive(a))) {
        marked = true;
        a = unmarkDeep(a);
      }
    }
    if (a.v === null && !param.allowNull) {
      fail(ctx, at, 'Invalid function argument', `Invalid value for "${param.name}" parameter: argument must not be null.`);
    }
    try {
      a = convertValue(a, param.type);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      fail(ctx, at, 'Invalid function argument', `Invalid value for "${param.name}" parameter: ${e.message}.`);
    }
    if (!param.allowUnknown && (a.v === UNK || (!f.shallowUnknown && typeof a.v === 'object' && a.v !== null && !whollyKnown(a)))) unknown = true;
    args[i] = a;
  }
  let out: V;
  if (unknown || (f.impure && ctx.scope.planning)) out = unknownOf(typeof f.returns === 'function' ? f.returns(args) : f.returns);
  else {
    try {
      out = f.impl(args, call);
    } catch (e0) {
      const e = asFunctionError(e0);
      // Messages may quote argument values: never show them when an argument is sensitive.
      const secret = marked || raw.some((a) => deepSensitive(a));
      const msg = secret ? 'the message is hidden because an argument is sensitive' : e.message;
      if (e instanceof ArgError) {
        const param = e.index < np ? f.params[e.index]! : f.variadic!;
        const at = n.args[Math.min(e.index, n.args.length - 1)] ?? n;
        fail(ctx, at, 'Invalid function argument', `Invalid value for "${param.name}" parameter: ${msg}.`);
      }
      fail(ctx, n, 'Error in function call', `Call to function "${n.name}" failed: ${msg}.`);
    }
  }
  return marked ? withMark(out) : out;
}
