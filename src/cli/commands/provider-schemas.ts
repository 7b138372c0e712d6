import { error, type Diagnostic } from '../../diag/index.js';
import { impliedProvider, providerSource } from '../../addrs/index.js';
import { providerNames } from '../../providers/index.js';
import { getSchema, listTypes, type AttributeSchema, type BlockSchema, type TypeSchema } from '../../schema/index.js';

/** Terraform's `providers schema -json` attribute (Go field order). */
interface JsonAttribute {
  type: unknown;
  description?: string;
  description_kind: 'plain';
  deprecated?: true;
  required?: true;
  optional?: true;
  computed?: true;
  sensitive?: true;
}

interface JsonBlock {
  attributes?: Record<string, JsonAttribute>;
  block_types?: Record<string, { nesting_mode: string; block: JsonBlock; max_items?: number }>;
  description?: string;
  description_kind: 'plain';
}

/**
 * The `providers schema -json` document for these provider source addresses, from minitf's own
 * schemas: `format_version` 1.0, and per provider its configuration block (left out when it takes
 * no arguments, as Terraform does for the built-in provider), resource and data source schemas,
 * all at version 0. A source minitf has no provider for is an error.
 */
export function providerSchemasJson(sources: readonly string[]): { value: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const builtIn = new Map(providerNames().map((n) => [providerSource(n), n] as const));
  const schemas: Record<string, unknown> = {};
  for (const source of [...new Set(sources)].sort()) {
    const local = builtIn.get(source);
    if (!local) {
      diagnostics.push(error('Failed to load plugin schemas', `minitf has no provider ${source} built in, so it has no schema to print. minitf provides: ${[...builtIn.keys()].sort().join(', ')}.`));
      continue;
    }
    schemas[source] = providerJson(local);
  }
  // Go's omitempty: no providers, no `provider_schemas` (an empty directory prints `{"format_version":"1.0"}`).
  return { value: goJson({ format_version: '1.0', ...(Object.keys(schemas).length ? { provider_schemas: schemas } : {}) }), diagnostics };
}

function providerJson(local: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const p = getSchema('provider', local);
  const block = p ? blockJson(p) : undefined;
  out.provider = { version: 0, ...(block && (block.attributes || block.block_types) ? { block } : {}) };
  for (const [kind, key] of [
    ['resource', 'resource_schemas'],
    ['data', 'data_source_schemas'],
  ] as const) {
    const types = listTypes(kind).filter((t) => impliedProvider(t) === local);
    if (!types.length) continue;
    const m: Record<string, unknown> = {};
    for (const t of types) m[t] = { version: 0, block: blockJson(getSchema(kind, t)!) };
    out[key] = m;
  }
  return out;
}

function blockJson(s: TypeSchema | BlockSchema): JsonBlock {
  const attrs = Object.keys(s.attributes).sort();
  const blocks = Object.keys(s.blocks).sort();
  const description = 'kind' in s ? s.description : undefined;
  return {
    ...(attrs.length ? { attributes: Object.fromEntries(attrs.map((a) => [a, attributeJson(s.attributes[a]!)])) } : {}),
    ...(blocks.length
      ? {
          block_types: Object.fromEntries(
            blocks.map((b) => {
              const bs = s.blocks[b]!;
              return [b, { nesting_mode: bs.nesting, block: blockJson(bs), ...(bs.maxItems !== undefined ? { max_items: bs.maxItems } : {}) }];
            }),
          ),
        }
      : {}),
    ...(description ? { description } : {}),
    description_kind: 'plain',
  };
}

function attributeJson(a: AttributeSchema): JsonAttribute {
  return {
    type: a.type,
    ...(a.description ? { description: a.description } : {}),
    description_kind: 'plain',
    ...(a.deprecated ? { deprecated: true as const } : {}),
    ...(a.required ? { required: true as const } : {}),
    ...(a.optional ? { optional: true as const } : {}),
    ...(a.computed ? { computed: true as const } : {}),
    ...(a.sensitive ? { sensitive: true as const } : {}),
  };
}

/** JSON as Go's encoder writes it: keys in the order given, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
