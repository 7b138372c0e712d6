/**
 * Schemas: the JSON Schemas in `schemas/` (one per resource type, data source and provider) read
 * into attribute types and forceNew/computed/sensitive/deprecated markers, and ajv validation of
 * configuration values with Terraform-style diagnostics. `config` uses it to split block bodies into
 * arguments and nested blocks and to check literal values; `core` and `plans` use the markers;
 * `providers` own what the types do. Schemas load lazily from the package's own `schemas/` folder.
 */
import type { Diagnostic, SourceRange } from '../diag/index.js';
import { allSchemas, type JsonSchemaNode } from './load.js';
import type { SchemaKind, TypeSchema } from './model.js';
import { validateAttributes as validateRaw, type ValidateContext } from './validate.js';

export type { AttributeSchema, BlockSchema, SchemaKind, TypeSchema } from './model.js';
export type { ValidateContext } from './validate.js';
export { schemasDir, typeOf, type JsonSchemaNode } from './load.js';
export { DynamicBlocks } from './coerce.js';

/** The schema of a resource type, data source or provider (by local name), or undefined if unknown. */
export function getSchema(kind: SchemaKind, type: string): TypeSchema | undefined {
  return allSchemas().get(`${kind}:${type}`)?.schema;
}

/** The raw JSON Schema behind `getSchema(kind, type)`, for tools (config schema generation, docs). */
export function getRawSchema(kind: SchemaKind, type: string): JsonSchemaNode | undefined {
  return allSchemas().get(`${kind}:${type}`)?.raw;
}

/** The known type names of a kind, sorted (providers by local name). */
export function listTypes(kind: SchemaKind): string[] {
  const out: string[] = [];
  for (const key of allSchemas().keys()) if (key.startsWith(`${kind}:`)) out.push(key.slice(kind.length + 1));
  return out.sort();
}

/**
 * Validates the known parts of a configuration object against its type's schema (see
 * `validate.ts` for the summaries). Unknown values (`UNKNOWN` from `providers/types.ts`, and
 * {@link DynamicBlocks}) are skipped but count as present, and an undeclared name is reported
 * whatever its value; `null` counts as unset. Diagnostics name the argument, carry `address` and a
 * `subject` from `ctx.ranges` (or `ctx.blockRange`). A schema minitf does not know (not from
 * `getSchema`) gives no diagnostics.
 */
export function validateAttributes(
  schema: TypeSchema,
  values: Readonly<Record<string, unknown>>,
  ctx: { address: string; ranges?: (attr: string) => SourceRange | undefined } & Partial<ValidateContext>,
): Diagnostic[] {
  const loaded = allSchemas().get(`${schema.kind}:${schema.type}`);
  if (!loaded) return [];
  return validateRaw(loaded.raw, loaded.schema, values, ctx);
}
