import type { SourceRange } from '../diag/index.js';

/** Terraform's JSON type expression: `"string"`, `["list","string"]`, `["object",{"a":"number"}]`, … */
export type Type =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | readonly ['list', Type]
  | readonly ['set', Type]
  | readonly ['map', Type]
  | readonly ['tuple', readonly Type[]]
  | readonly ['object', Readonly<Record<string, Type>>]
  | readonly ['object', Readonly<Record<string, Type>>, readonly string[]];

/** A typed value (possibly unknown, possibly null, possibly marked sensitive). Opaque outside `lang`. */
export interface Value {
  readonly __value: unique symbol;
}

/** An attribute path: names and indexes/keys. */
export type Path = readonly (string | number)[];

/** Where an expression's source text starts (file, 1-based line and column) so diagnostics can point at it. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A compiled expression (or template, or JSON-derived structure of them). */
export interface Expression {
  readonly range: SourceRange;
}

/**
 * A static reference found in an expression: the root name and the static steps that follow it, up to
 * the first dynamic index. `var.x` → root `var`, parts `['var','x']`;
 * `data.alicloud_zones.default.zones[0].id` → parts `['data','alicloud_zones','default','zones',0,'id']`.
 */
export interface Reference {
  readonly parts: readonly (string | number)[];
  readonly range: SourceRange;
}

/**
 * The names an expression can see. `get(root)` returns the value for a root name (`var`, `local`,
 * `count`, `each`, `self`, `path`, `terraform`, `data`, `module`, resource type names), or undefined
 * when the name is not defined in this scope.
 */
export interface Scope {
  get(root: string): Value | undefined;
  /** Directory for `file()`/`templatefile()` relative paths (path.module). */
  readonly baseDir: string;
  /** During plan, impure functions (`timestamp`, `uuid`, …) return unknown values. */
  readonly planning?: boolean;
  /** The names declared under `var`, `local` and `module`, for "Did you mean" (default: those in `get`). */
  declared?(root: string): Iterable<string>;
}
