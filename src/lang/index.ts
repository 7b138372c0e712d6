/**
 * The expression language: HCL native expressions and templates (the `"${…}"` strings that hcl2json,
 * JSON and YAML configurations carry), typed values with unknown and sensitive marks, evaluation against
 * a scope, reference extraction for the graph, and Terraform's built-in functions. `config` owns where
 * expressions come from; `core` owns what the scope holds.
 * Parsing lives in `parser/`, values and types in `values/`, evaluation in `eval/`, built-in functions
 * in `functions/` (one file per family); this file is the public surface.
 */
import type { Diagnostic, Result } from '../diag/index.js';
import type { Expression, Path, Type, Value } from './model.js';

export type { Type, Value, Path, Origin, Expression, Reference, Scope } from './model.js';
export { parseExpression, parseTemplate, compileJSON } from './parser/api.js';
export { references, asTraversal, asIndexedTraversal } from './refs.js';
import type { Scope } from './model.js';

function todo(): never {
  throw new Error('lang: not implemented yet');
}

// ---- evaluation ----------------------------------------------------------------------------------

/** Evaluates an expression in a scope. The value is meaningful unless the diagnostics hold an error. */
export function evaluate(expr: Expression, scope: Scope): Result<Value> {
  void expr; void scope; return todo();
}
/** Parses a type constraint expression (`list(string)`, `object({a=optional(number, 1)})`, `any`). */
export function parseTypeConstraint(expr: Expression): Result<{ type: Type; defaults?: unknown }> {
  void expr; return todo();
}
/** Converts a value to a type (variable type constraints, schema types), HCL's rules; errors as diagnostics. */
export function convert(v: Value, type: Type): Result<Value> {
  void v; void type; return todo();
}

// ---- values --------------------------------------------------------------------------------------

/** Builds a value from JSON; without a type, objects are objects, arrays tuples, null a dynamic null. */
export function fromJSON(json: unknown, type?: Type): Value {
  void json; void type; return todo();
}
/** The plain JSON of a value; unknown leaves become null and marks are dropped. */
export function toJSON(v: Value): unknown {
  void v; return todo();
}
/** cty's JSON encoding under a schema type: `dynamic` positions become `{ "value": …, "type": … }`. */
export function encodeTyped(v: Value, type: Type): unknown {
  void v; void type; return todo();
}
/** Inverse of `encodeTyped`. */
export function decodeTyped(json: unknown, type: Type): Value {
  void json; void type; return todo();
}
/**
 * Terraform's plan JSON triple: the value (unknown leaves null), the `after_unknown` shape (true at
 * unknown leaves, `false` when nothing is unknown) and the `after_sensitive` shape (likewise).
 */
export function toPlanJSON(v: Value): { value: unknown; unknown: unknown; sensitive: unknown } {
  void v; return todo();
}
/** Inverse of `toPlanJSON`. */
export function fromPlanJSON(value: unknown, unknownShape: unknown, sensitiveShape: unknown, type?: Type): Value {
  void value; void unknownShape; void sensitiveShape; void type; return todo();
}
export function typeOf(v: Value): Type { void v; return todo(); }
export function unknown(type?: Type): Value { void type; return todo(); }
export function nullValue(type?: Type): Value { void type; return todo(); }
export function isKnown(v: Value): boolean { void v; return todo(); }
export function isWhollyKnown(v: Value): boolean { void v; return todo(); }
export function isNull(v: Value): boolean { void v; return todo(); }
/** Marks a value sensitive. */
export function markSensitive(v: Value): Value { void v; return todo(); }
export function isSensitive(v: Value): boolean { void v; return todo(); }
/** True when the value or anything inside it is sensitive. */
export function containsSensitive(v: Value): boolean { void v; return todo(); }
/** Paths of sensitive parts (the empty path when the whole value is sensitive). */
export function sensitivePaths(v: Value): Path[] { void v; return todo(); }
/** Marks the parts at the given paths sensitive. */
export function markPaths(v: Value, paths: readonly Path[]): Value { void v; void paths; return todo(); }
/** Paths of unknown parts. */
export function unknownPaths(v: Value): Path[] { void v; return todo(); }
/** Builds an object value. */
export function objectOf(attrs: Readonly<Record<string, Value>>): Value { void attrs; return todo(); }
/** Builds a tuple value. */
export function tupleOf(items: readonly Value[]): Value { void items; return todo(); }
/** Attribute/element access by path; undefined when absent. */
export function getPath(v: Value, path: Path): Value | undefined { void v; void path; return todo(); }
/** Deep equality of two values (unknowns are never equal). */
export function equals(a: Value, b: Value): boolean { void a; void b; return todo(); }
/** The elements of a collection with their keys (list/tuple/set: index; map/object: key). */
export function entries(v: Value): [string | number, Value][] { void v; return todo(); }
/** Terraform console formatting of a value (`tomap({…})`, `"a"`, `(sensitive value)`, `(known after apply)`). */
export function formatValue(v: Value): string { void v; return todo(); }
/** Names of all built-in functions. */
export function functionNames(): string[] { return todo(); }
export type { Diagnostic };
