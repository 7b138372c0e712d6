import type { BinOp, Node } from '../parser/ast.js';
import { convertValue, ConversionError } from '../values/convert.js';
import { valueEq } from '../values/equality.js';
import { NumberError, add, cmp, div, mod, mul, neg, sub, type Num } from '../values/number.js';
import { UNK, bool, num, unknownOf, withMark, type V } from '../values/value.js';
import { fail, type Ctx } from './context.js';

type At = { s: number; e: number };

/** Converts an operand to number or bool, failing with "Invalid operand". */
function operand(ctx: Ctx, at: At, v: V, want: 'number' | 'bool', side: string): V {
  if (v.v === null) fail(ctx, at, 'Invalid operand', `Unsuitable value for ${side} operand: argument must not be null.`);
  if (v.t === want) return v;
  try {
    return convertValue(v, want);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    return fail(ctx, at, 'Invalid operand', `Unsuitable value for ${side} operand: ${want === 'number' ? 'a number' : 'a bool'} is required.`);
  }
}

const ARITH: Partial<Record<BinOp, (a: Num, b: Num) => Num>> = { '+': add, '-': sub, '*': mul, '/': div, '%': mod };

/** `f(a, b)`; a result that is not a number (`0/0`, `Inf - Inf`) is Terraform's `Operation failed`. */
function arithmetic(ctx: Ctx, at: At, f: (a: Num, b: Num) => Num, a: Num, b: Num): Num {
  try {
    return f(a, b);
  } catch (e) {
    if (!(e instanceof NumberError)) throw e;
    return fail(ctx, at, 'Operation failed', `Error during operation: ${e.message}.`);
  }
}

/** Applies a binary operator to two evaluated operands. */
export function binary(ctx: Ctx, n: Extract<Node, { k: 'bin' }>, l: V, r: V): V {
  const op = n.op;
  const marked = l.s || r.s;
  let out: V;
  if (op === '==' || op === '!=') {
    const eq = valueEq(l, r);
    out = eq === undefined ? unknownOf('bool') : bool(op === '==' ? eq : !eq);
  } else if (op === '&&' || op === '||') {
    const a = operand(ctx, n.l, l, 'bool', 'left');
    const b = operand(ctx, n.r, r, 'bool', 'right');
    const short = op === '||';
    if (a.v === UNK || b.v === UNK) {
      out = (a.v === short || b.v === short) ? bool(short) : unknownOf('bool');
    } else out = bool(op === '&&' ? (a.v as boolean) && (b.v as boolean) : (a.v as boolean) || (b.v as boolean));
  } else {
    const a = operand(ctx, n.l, l, 'number', 'left');
    const b = operand(ctx, n.r, r, 'number', 'right');
    const f = ARITH[op];
    if (a.v === UNK || b.v === UNK) out = unknownOf(f ? 'number' : 'bool');
    else if (f) out = num(arithmetic(ctx, n, f, a.v as Num, b.v as Num));
    else {
      const c = cmp(a.v as Num, b.v as Num);
      out = bool(op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0);
    }
  }
  return marked ? withMark(out) : out;
}

/** Applies `!` or unary `-`. */
export function unary(ctx: Ctx, n: { readonly k: string; readonly x: Node }, x: V): V {
  const a = operand(ctx, n.x, x, n.k === 'not' ? 'bool' : 'number', 'the');
  let out: V;
  if (a.v === UNK) out = unknownOf(a.t);
  else out = n.k === 'not' ? bool(!a.v) : num(neg(a.v as Num));
  return x.s ? withMark(out) : out;
}
