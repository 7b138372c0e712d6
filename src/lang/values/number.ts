import DecimalImport from 'decimal.js';
import type { Decimal as DecimalType } from 'decimal.js';

// decimal.js ships a default export whose declared type is its namespace; view it as the class.
const DecimalBase = DecimalImport as unknown as typeof DecimalType;

/**
 * Terraform's numbers: arbitrary-precision decimals. Safe integers are kept as JS numbers (the common,
 * fast case); everything else is a `Decimal` with enough precision to mirror Terraform's 512-bit floats.
 */
export const Dec = DecimalBase.clone({ precision: 160, rounding: DecimalBase.ROUND_HALF_EVEN, toExpNeg: -1e9, toExpPos: 1e9, maxE: 9e15, minE: -9e15, modulo: DecimalBase.ROUND_DOWN });
/** A decimal instance. */
export type Decimal = DecimalType;
/** A number: a safe integer as a JS number, or a Decimal. */
export type Num = number | Decimal;

const MAX = Number.MAX_SAFE_INTEGER;

/** Normalises a decimal: safe integers become JS numbers. */
export function norm(d: Decimal): Num {
  if (d.isInteger() && !d.isZero()) {
    const n = d.toNumber();
    if (n <= MAX && n >= -MAX) return n;
  } else if (d.isZero()) return d.isNegative() ? -0 : 0;
  return d;
}

/** A decimal view of a number. */
export function dec(n: Num): Decimal {
  return typeof n === 'number' ? new Dec(n) : n;
}

/** Parses a decimal literal (`1`, `1.5`, `1e3`, `-2.5E-3`); undefined when not a number. */
export function parseNum(s: string): Num | undefined {
  if (/^-?\d{1,15}$/.test(s)) return Number(s);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  return norm(new Dec(s));
}

/**
 * An arithmetic result that is not a number (Terraform's numbers have no NaN): the message is
 * cty's (`can't divide zero by zero or infinity by infinity`). Operators report it as `Operation
 * failed`, functions as `Error in function call`.
 */
export class NumberError extends Error {}

/** `r`, or a NumberError with `why` when `r` is NaN. */
function checked(r: Decimal, why: string): Decimal {
  if (r.isNaN()) throw new NumberError(why);
  return r;
}

/**
 * Converts a JS double into a number value (doubles from pow/log and JSON keep their shortest text).
 * NaN is a NumberError ("the result is not a number").
 */
export function fromDouble(x: number): Num {
  if (Number.isSafeInteger(x)) return x;
  if (Number.isNaN(x)) throw new NumberError('the result is not a number');
  return norm(new Dec(x));
}

/** The double nearest to a number. */
export function toDouble(n: Num): number {
  return typeof n === 'number' ? n : n.toNumber();
}

/** Terraform's text for a number (`42`, `0.3`, `1000000000000000000000`, `-0`). */
export function numText(n: Num): string {
  if (typeof n === 'number') return Object.is(n, -0) ? '-0' : String(n);
  if (!n.isFinite()) return n.isNaN() ? 'NaN' : n.isNegative() ? '-Inf' : '+Inf';
  if (n.isZero()) return n.isNegative() ? '-0' : '0';
  return n.sd() > 150 ? shortest512(n) : n.toFixed();
}

const Wide = DecimalBase.clone({ precision: 420, rounding: DecimalBase.ROUND_HALF_EVEN, toExpNeg: -1e9, toExpPos: 1e9, maxE: 9e15, minE: -9e15 });

/**
 * The text Terraform prints for a long (non-terminating) decimal: it computes with 512-bit binary
 * floats and prints the shortest decimal that rounds back to the same float, so round to 512 bits
 * first and then search for that shortest decimal.
 */
function shortest512(n: Decimal): string {
  const x = new Wide(n);
  const e2 = Math.floor(Wide.log2(x.abs()).toNumber());
  const ulp = Wide.pow(2, e2 - 511);
  const m = x.div(ulp).toDecimalPlaces(0, DecimalBase.ROUND_HALF_EVEN);
  const v = m.times(ulp);
  const half = ulp.div(2);
  const even = m.mod(2).isZero();
  for (let digits = 1; digits <= 170; digits++) {
    const c = v.toSignificantDigits(digits, DecimalBase.ROUND_HALF_EVEN);
    const d = c.minus(v).abs();
    if (d.lt(half) || (even && d.eq(half))) return c.toFixed();
  }
  return n.toFixed();
}

const big = (r: number): boolean => r > MAX || r < -MAX;

/** a + b */
export function add(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (!big(r)) return r;
  }
  return norm(checked(dec(a).plus(dec(b)), "can't compute sum of opposing infinities"));
}
/** a - b */
export function sub(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (!big(r)) return r;
  }
  return norm(checked(dec(a).minus(dec(b)), "can't subtract infinity from itself"));
}
/** a * b */
export function mul(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (!big(r)) return r;
  }
  return norm(checked(dec(a).times(dec(b)), "can't multiply zero by infinity"));
}
const DIV_NAN = "can't divide zero by zero or infinity by infinity";
/** a / b (x/0 is ±Inf as in Terraform; 0/0 and ±Inf/±Inf are NumberErrors). */
export function div(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0) {
    const r = a / b;
    if (Number.isInteger(r) && a % b === 0) return r;
  }
  const db = dec(b);
  const da = dec(a);
  if (db.isZero()) {
    if (da.isZero()) throw new NumberError(DIV_NAN);
    return new Dec(da.isNegative() ? -Infinity : Infinity);
  }
  return norm(checked(da.div(db), DIV_NAN));
}
/** a % b with the sign of a (`x % 0` is x, as Terraform gives); `±Inf % x` and `x % ±Inf` are NumberErrors. */
export function mod(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) return a;
    return a % b;
  }
  const da = dec(a);
  const db = dec(b);
  if (db.isZero()) return a;
  if (!da.isFinite() || !db.isFinite()) throw new NumberError("can't use modulo with zero and infinity");
  return norm(da.mod(db));
}
/** -a */
export function neg(a: Num): Num {
  return typeof a === 'number' ? -a : norm(a.neg());
}
/** Compares two numbers: -1, 0, 1. */
export function cmp(a: Num, b: Num): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return dec(a).cmp(dec(b));
}
/** Exact equality of two numbers. */
export function numEq(a: Num, b: Num): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return dec(a).eq(dec(b));
}
/** The number as a JS integer when it is one in the safe range. */
export function toSafeInt(n: Num): number | undefined {
  if (typeof n === 'number') return Number.isInteger(n) ? n : undefined;
  if (!n.isInteger()) return undefined;
  const x = n.toNumber();
  return Number.isSafeInteger(x) ? x : undefined;
}
