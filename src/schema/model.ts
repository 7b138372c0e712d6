import type { Type } from '../lang/index.js';

/** What minitf knows about one argument or attribute of a resource, data source or provider. */
export interface AttributeSchema {
  readonly name: string;
  readonly type: Type;
  /** The configuration must set it. */
  readonly required: boolean;
  /** The configuration may set it (false for read-only attributes). */
  readonly optional: boolean;
  /** The provider may set it (always true for read-only attributes). */
  readonly computed: boolean;
  /** Only the provider sets it (Terraform's Computed without Optional). */
  readonly readOnly: boolean;
  /** Changing it forces replacement. */
  readonly forceNew: boolean;
  readonly sensitive: boolean;
  /** Deprecation message when the argument is deprecated. */
  readonly deprecated?: string;
  /** One sentence saying what it is (for editors and docs). */
  readonly description?: string;
  /** The value used when the configuration leaves the argument unset (JSON Schema `default`). */
  readonly default?: unknown;
}

/** A nested block type (`timeouts`, `endpoints`, `disk_device_mapping`). */
export interface BlockSchema {
  readonly name: string;
  /** `single`: at most one block, an object value; `list`: any number, a list of objects. */
  readonly nesting: 'single' | 'list';
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
  readonly blocks: Readonly<Record<string, BlockSchema>>;
  /** Most blocks allowed (from `maxItems`), when limited. */
  readonly maxItems?: number;
  /** Changing the block forces replacement. */
  readonly forceNew: boolean;
}

/** Kinds of schema. */
export type SchemaKind = 'resource' | 'data' | 'provider';

/** The schema of one resource type, data source or provider. */
export interface TypeSchema {
  readonly kind: SchemaKind;
  /** The type name (`alicloud_vpc`) or, for providers, the provider's local name (`alicloud`). */
  readonly type: string;
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
  /** Nested blocks, including `timeouts` when the type takes one. */
  readonly blocks: Readonly<Record<string, BlockSchema>>;
  /** Default timeouts as Terraform durations (`"10m"`). */
  readonly timeouts: Readonly<Partial<Record<'create' | 'read' | 'update' | 'delete', string>>>;
  /** For aliases (`alicloud_subnet`), the type whose handler serves it. */
  readonly aliasOf?: string;
  readonly description?: string;
}
