import { error, type Diagnostic } from '../../diag/index.js';
import type { Scope } from '../model.js';
import type { Node } from '../parser/ast.js';
import type { Source } from '../parser/source.js';
import type { V } from '../values/value.js';

/**
 * An evaluation error: carries the diagnostic up to `evaluate`, `try` or `can`. The subject range is
 * computed only when the diagnostic is read (errors caught by `try`/`can` never need it).
 */
export class EvalError {
  private d: Diagnostic | undefined;
  constructor(
    diag: Diagnostic | undefined,
    /** Where the error is (source and offsets), when it came from `fail`. */
    readonly at?: { readonly src: Source; readonly s: number; readonly e: number; readonly summary: string; readonly detail: string },
  ) {
    this.d = diag;
  }
  /** The diagnostic. */
  get diag(): Diagnostic {
    if (!this.d) {
      const a = this.at!;
      this.d = error(a.summary, a.detail, { subject: a.src.range(a.s, a.e) });
    }
    return this.d;
  }
}

/**
 * Summaries of reference errors: Terraform finds these before evaluation, so `try` and `can` do not
 * catch them.
 */
const REFERENCE_ERRORS = new Set([
  'Reference to undeclared input variable',
  'Reference to undeclared local value',
  'Reference to undeclared resource',
  'Reference to undeclared module',
  'Reference to "count" in non-counted context',
  'Reference to "each" in context without for_each',
  'Invalid "self" reference',
  'Invalid reference',
  'Invalid "path" attribute',
  'Invalid "terraform" attribute',
  'Invalid "count" attribute',
  'Invalid "each" attribute',
]);

/** True when `try`/`can` must let the error through (a reference error, found statically by Terraform). */
export function isStaticError(e: EvalError): boolean {
  return REFERENCE_ERRORS.has(e.at ? e.at.summary : e.diag.summary);
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
  throw new EvalError(undefined, { src: ctx.src, s: n.s, e: n.e, summary, detail });
}

/** Evaluates a node (set by evaluate.ts to break the import cycle with functions and traversals). */
export let evalNode: (n: Node, ctx: Ctx) => V = () => {
  throw new Error('lang: evaluator not initialised');
};

/** Installs the node evaluator. */
export function setEvaluator(f: (n: Node, ctx: Ctx) => V): void {
  evalNode = f;
}
