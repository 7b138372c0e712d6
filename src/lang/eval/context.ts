import { error, type Diagnostic } from '../../diag/index.js';
import type { Scope } from '../model.js';
import type { Node } from '../parser/ast.js';
import type { Source } from '../parser/source.js';
import type { V } from '../values/value.js';

/** An evaluation error: carries the diagnostic up to `evaluate`, `try` or `can`. */
export class EvalError {
  constructor(readonly diag: Diagnostic) {}
}

/** The state of one evaluation: the scope, the current source, local symbols and the splat item. */
export interface Ctx {
  readonly scope: Scope;
  src: Source;
  /** Local symbols (`for` variables); the shared EMPTY_LOCALS until a `for` needs its own map. */
  locals: Map<string, V>;
  anon: V | undefined;
}

/** The empty local-symbol table shared by evaluations that have no `for` (never written to). */
export const EMPTY_LOCALS: Map<string, V> = new Map();

/** The context's own local-symbol table, created on first use. */
export function ownLocals(ctx: Ctx): Map<string, V> {
  if (ctx.locals === EMPTY_LOCALS) ctx.locals = new Map();
  return ctx.locals;
}

/** Throws an error diagnostic located at the node. */
export function fail(ctx: Ctx, n: { s: number; e: number }, summary: string, detail: string): never {
  throw new EvalError(error(summary, detail, { subject: ctx.src.range(n.s, n.e) }));
}

/** Evaluates a node (set by evaluate.ts to break the import cycle with functions and traversals). */
export let evalNode: (n: Node, ctx: Ctx) => V = () => {
  throw new Error('lang: evaluator not initialised');
};

/** Installs the node evaluator. */
export function setEvaluator(f: (n: Node, ctx: Ctx) => V): void {
  evalNode = f;
}
