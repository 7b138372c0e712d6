/**
 * The expression language: HCL native expressions and templates (the `"${…}"` strings that hcl2json,
 * JSON and YAML configurations carry), typed values with unknown and sensitive marks, evaluation against
 * a scope, reference extraction for the graph, and Terraform's built-in functions. `config` owns where
 * expressions come from; `core` owns what the scope holds. Parsing lives in `parser/`, values and types in `values/`, evaluation in `eval/`, built-in functions
 * in `functions/` (one file per family); this file is the public surface.
 */
import { error, type Result } from '../diag/index.js';
import type { Path, Type, Value } from './model.js';
import { FUNCTIONS } from './functions/index.js';
import { convertValue, ConversionError } from './values/convert.js';
import { rawEquals, valueEq } from './values/equality.js';
import { format, formatType as formatTypeText } from './values/format.js';
import { goString as goStringOf } from './values/gostring.js';
import { decodeTypedJSON, encodeTypedJSON, fromPlanShapes, inferJSON, pathsWhere, plainJSON, shapeJSON, typedJSON } from './values/json.js';
import { markAt, valueAt } from './values/paths.js';
import { I, O, UNK, deepSensitive, nullOf, unknownOf, whollyKnown, withMark, object, tuple } from './values/value.js';

export type { Type, Value, Path, Origin, Expression, Reference, Scope } from './model.js';
export type { Diagnostic } from '../diag/index.js';
export { parseExpression, parseTemplate, compileJSON } from './parser/api.js';
export { references, asTraversal, asIndexedTraversal, asAddressTraversal } from './refs.js';
export { evaluate, expressionValues } from './eval/evaluate.js';
export { consoleLine, type ConsoleResult } from './console.js';
export { parseTypeConstraint, applyTypeDefaults, type TypeDefaults } from './eval/typeconstraint.js';
export { typeEquals, typeString, typeFriendlyName } from './values/types.js';
import { describeValue } from './eval/describe.js';

/** Terraform's compact text of a value in diagnostics (`"abc"`, `null`, `list of string with 2 elements`). */
export function compactValue(v: Value): string {
  return describeValue(I(v)).replace(/^is (a )?/, '');
}

// ---- conversion ----------------------------------------------------------------------------------

/** Converts a value to a type (variable type constraints, schema types), HCL's rules; errors as diagnostics. */
export function convert(v: Value, type: Type): Result<Value> {
  try {
    return { value: O(convertValue(I(v), type)), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    const where = e.path.length ? ` at ${e.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}` : '';
    return { value: O(unknownOf(type)), diagnostics: [error('Invalid value', `Incorrect value type${where}: ${e.message}.`)] };
  }
}

// ---- values --------------------------------------------------------------------------------------

/**
 * Builds a value from JSON; without a type, objects are objects, arrays tuples, null a dynamic null.
 * When `unknownAs` is given (e.g. providers' `UNKNOWN` symbol), JSON positions holding it become unknown.
 */
export function fromJSON(json: unknown, type?: Type, unknownAs?: unknown): Value {
  return O(type === undefined ? inferJSON(json, unknownAs) : typedJSON(json, type, unknownAs));
}
/** The plain JSON of a value; unknown leaves become `unknownAs` (null by default) and marks are dropped. */
export function toJSON(v: Value, unknownAs: unknown = null): unknown {
  return plainJSON(I(v), unknownAs);
}
/** cty's JSON encoding under a schema type: `dynamic` positions become `{ "value": …, "type": … }`. */
export function encodeTyped(v: Value, type: Type): unknown {
  return encodeTypedJSON(I(v), type);
}
/** Inverse of `encodeTyped`. */
export function decodeTyped(json: unknown, type: Type): Value {
  return O(decodeTypedJSON(json, type));
}
/**
 * Terraform's plan JSON triple: the value (unknown leaves null), the `after_unknown` shape (true at
 * unknown leaves, `false` when nothing is unknown) and the `after_sensitive` shape (likewise).
 */
export function toPlanJSON(v: Value): { value: unknown; unknown: unknown; sensitive: unknown } {
  const x = I(v);
  return {
    value: plainJSON(x),
    unknown: whollyKnown(x) ? false : shapeJSON(x, (y) => y.v === UNK),
    sensitive: deepSensitive(x) ? shapeJSON(x, (y) => !!y.s) : false,
  };
}
/** Inverse of `toPlanJSON`. */
export function fromPlanJSON(value: unknown, unknownShape: unknown, sensitiveShape: unknown, type?: Type): Value {
  return O(fromPlanShapes(value, unknownShape, sensitiveShape, type));
}
/** The type of a value. */
export function typeOf(v: Value): Type {
  return I(v).t;
}
/** An unknown value (of unknown type when none is given). */
export function unknown(type?: Type): Value {
  return O(unknownOf(type ?? 'dynamic'));
}
/** A null value (of dynamic type when none is given). */
export function nullValue(type?: Type): Value {
  return O(nullOf(type ?? 'dynamic'));
}
/** True when the value itself is known (its elements may still be unknown). */
export function isKnown(v: Value): boolean {
  return I(v).v !== UNK;
}
/** True when the value and everything inside it is known. */
export function isWhollyKnown(v: Value): boolean {
  return whollyKnown(I(v));
}
/** True when the value is null. */
export function isNull(v: Value): boolean {
  return I(v).v === null;
}
/** Marks a value sensitive. */
export function markSensitive(v: Value): Value {
  return O(withMark(I(v)));
}
/** True when the value itself is marked sensitive. */
export function isSensitive(v: Value): boolean {
  return !!I(v).s;
}
/** True when the value or anything inside it is sensitive. */
export function containsSensitive(v: Value): boolean {
  return deepSensitive(I(v));
}
/** Paths of sensitive parts (the empty path when the whole value is sensitive). */
export function sensitivePaths(v: Value): Path[] {
  return pathsWhere(I(v), (x) => !!x.s);
}
/** Marks the parts at the given paths sensitive. */
export function markPaths(v: Value, paths: readonly Path[]): Value {
  return O(markAt(I(v), paths));
}
/** Paths of unknown parts. */
export function unknownPaths(v: Value): Path[] {
  return pathsWhere(I(v), (x) => x.v === UNK);
}
/** Builds an object value. */
export function objectOf(attrs: Readonly<Record<string, Value>>): Value {
  return O(object(Object.entries(attrs).map(([k, x]) => [k, I(x)])));
}
/** Builds a tuple value. */
export function tupleOf(items: readonly Value[]): Value {
  return O(tuple(items.map(I)));
}
/** Attribute/element access by path; undefined when absent. */
export function getPath(v: Value, path: Path): Value | undefined {
  const x = valueAt(I(v), path);
  return x && O(x);
}
/** Deep equality of two values (unknowns are never equal; marks ignored). */
export function equals(a: Value, b: Value): boolean {
  return valueEq(I(a), I(b)) === true;
}
/** True when two values are identical, unknowns and marks included (for plan no-op detection). */
export function rawEqual(a: Value, b: Value): boolean {
  return rawEquals(I(a), I(b));
}
/** The elements of a collection with their keys (list/tuple/set: index; map/object: key). */
export function entries(v: Value): [string | number, Value][] {
  const r = I(v).v;
  if (Array.isArray(r)) return r.map((x, i) => [i, O(x)]);
  if (r instanceof Map) return [...r].map(([k, x]) => [k, O(x)]);
  return [];
}
/** Terraform console formatting of a value (`tomap({…})`, `"a"`, `(sensitive value)`, `(known after apply)`). */
export function formatValue(v: Value): string {
  return format(I(v));
}
/** A value as cty's `GoString` writes it (`cty.StringVal("a")`), as Terraform's inconsistent-plan diagnostics show values. */
export function goString(v: Value): string {
  return goStringOf(I(v));
}
/** A type as `terraform console`'s `type()` function prints it (`list(string)`, multi-line objects). */
export function formatType(t: Type): string {
  return formatTypeText(t);
}
/** Names of all built-in functions, sorted. */
export function functionNames(): string[] {
  return [...FUNCTIONS.keys()].sort();
}
