import type { Type } from '../model.js';
import type { Ctx } from '../eval/context.js';
import type { Node } from '../parser/ast.js';
import type { V } from '../values/value.js';

/** A function parameter: its type (converted to before the call) and what it accepts as is. */
export interface Param {
  readonly name: string;
  readonly type: Type;
  /** Null arguments reach the implementation (otherwise "argument must not be null"). */
  readonly allowNull?: boolean;
  /** Unknown arguments reach the implementation (otherwise the result is unknown). */
  readonly allowUnknown?: boolean;
  /** Sensitive marks inside the argument reach the implementation (otherwise removed and put on the result). */
  readonly allowMarked?: boolean;
}

/** What an implementation can see besides its arguments. */
export interface CallInfo {
  readonly ctx: Ctx;
  readonly node: Extract<Node, { k: 'call' }>;
}

/** A built-in function. */
export interface FuncDef {
  readonly params: readonly Param[];
  readonly variadic?: Param;
  /** The result type, used for unknown results (a function of the argument types when it depends on them). */
  readonly returns: Type | ((args: readonly V[]) => Type);
  readonly impl: (args: V[], call: CallInfo) => V;
  /** Functions like `try` and `can` that evaluate their own argument expressions. */
  readonly lazy?: (call: CallInfo) => V;
  /**
   * The implementation copes with unknown values inside collection arguments (it only moves them
   * around), so only arguments that are themselves unknown make the result unknown — cty's rule.
   */
  readonly shallowUnknown?: boolean;
  /**
   * The implementation only moves elements around, so sensitive marks inside collection arguments stay
   * on their elements; only the arguments' own marks move to the result.
   */
  readonly keepsMarks?: boolean;
  /** Impure functions (`timestamp`, `uuid`) give unknown results while planning. */
  readonly impure?: boolean;
}

/** An implementation's complaint about one argument ("Invalid function argument"). */
export class ArgError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/** An implementation's failure ("Error in function call"). */
export class FuncError extends Error {}

/** A parameter helper. */
export const p = (name: string, type: Type, opts: Omit<Param, 'name' | 'type'> = {}): Param => ({ name, type, ...opts });
