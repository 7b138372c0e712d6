import type { Type } from '../lang/index.js';
import type { ResourceMode } from '../addrs/index.js';

/** One attribute of a resource schema: its Terraform type and whether it is sensitive. */
export interface AttributeSchema {
  readonly type: Type;
  readonly sensitive?: boolean;
  /** Write-only attributes are never stored; plans show `(write-only attribute)`. */
  readonly writeOnly?: boolean;
}

/** How a nested block repeats (Terraform's nesting modes). */
export type BlockNesting = 'single' | 'group' | 'list' | 'set' | 'map';

/** A block body: attributes and nested block types (a resource's top level is one of these). */
export interface BlockSchema {
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
  readonly blocks: Readonly<Record<string, NestedBlockSchema>>;
}

/** A nested block type: its nesting mode and body. */
export interface NestedBlockSchema extends BlockSchema {
  readonly nesting: BlockNesting;
}

/**
 * Finds the schema of a resource type (`managed`) or data source (`data`). Structurally compatible with
 * `schema.TypeSchema`; returns undefined for unknown types, in which case renderers fall back to the
 * shape of the values (every attribute treated as `dynamic`).
 */
export type SchemaLookup = (mode: ResourceMode, type: string) => BlockSchema | undefined;

/** A lookup that knows no type: every value is rendered from its JSON shape. */
export const noSchemas: SchemaLookup = () => undefined;

/** The schema of the built-in `terraform_data` resource (arguments `input`, `triggers_replace`). */
export const TERRAFORM_DATA_SCHEMA: BlockSchema = {
  attributes: {
    id: { type: 'string' },
    input: { type: 'dynamic' },
    output: { type: 'dynamic' },
    triggers_replace: { type: 'dynamic' },
  },
  blocks: {},
};

/** The schema of the built-in `terraform_remote_state` data source. */
export const TERRAFORM_REMOTE_STATE_SCHEMA: BlockSchema = {
  attributes: {
    backend: { type: 'string' },
    config: { type: 'dynamic' },
    defaults: { type: 'dynamic' },
    outputs: { type: 'dynamic' },
    workspace: { type: 'string' },
  },
  blocks: {},
};

/**
 * Builds the schema for a block whose types are unknown from the values themselves: every key seen in
 * any of `values` becomes a `dynamic` attribute.
 */
export function schemaFromValues(...values: unknown[]): BlockSchema {
  const attributes: Record<string, AttributeSchema> = {};
  for (const v of values) {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) attributes[k] = { type: 'dynamic' };
  }
  return { attributes, blocks: {} };
}

/**
 * True when the block uses something the legacy provider SDK could not express (dynamic, object or
 * tuple attributes, nested collections of collections, map or group blocks). Terraform treats empty
 * strings as null only in legacy schemas.
 */
export function isNonLegacy(block: BlockSchema): boolean {
  for (const b of Object.values(block.blocks)) if (b.nesting === 'map' || b.nesting === 'group') return true;
  for (const a of Object.values(block.attributes)) {
    const t = a.type;
    if (hasDynamic(t)) return true;
    if (Array.isArray(t) && (t[0] === 'object' || t[0] === 'tuple')) return true;
    if (Array.isArray(t) && (t[0] === 'list' || t[0] === 'set' || t[0] === 'map')) {
      const e = t[1] as Type;
      if (Array.isArray(e) && (e[0] === 'list' || e[0] === 'set' || e[0] === 'map') && Array.isArray(e[1])) return true;
    }
  }
  return false;
}

function hasDynamic(t: Type): boolean {
  if (t === 'dynamic') return true;
  if (typeof t === 'string') return false;
  if (t[0] === 'object') return Object.values(t[1]).some(hasDynamic);
  if (t[0] === 'tuple') return t[1].some(hasDynamic);
  return hasDynamic(t[1]);
}
