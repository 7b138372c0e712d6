import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BugError } from '../diag/index.js';
import type { Type } from '../lang/index.js';
import type { AttributeSchema, BlockSchema, SchemaKind, TypeSchema } from './model.js';

/** A JSON Schema node as minitf writes them (draft-07 plus the `x-` keywords of docs/design.md). */
export interface JsonSchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchemaNode;
  readonly items?: JsonSchemaNode;
  readonly uniqueItems?: boolean;
  readonly maxItems?: number;
  readonly readOnly?: boolean;
  readonly description?: string;
  readonly 'x-type'?: unknown;
  readonly 'x-block'?: 'single' | 'list';
  readonly 'x-forceNew'?: boolean;
  readonly 'x-computed'?: boolean;
  readonly 'x-sensitive'?: boolean;
  readonly 'x-deprecated'?: string;
  readonly 'x-rule'?: string;
  readonly 'x-minitf'?: { kind: SchemaKind; type?: string; timeouts?: Record<string, string>; aliasOf?: string };
  readonly [k: string]: unknown;
}

/** One loaded schema file: the raw JSON Schema and the derived TypeSchema. */
export interface LoadedSchema {
  readonly file: string;
  readonly raw: JsonSchemaNode;
  readonly schema: TypeSchema;
}

let cache: Map<string, LoadedSchema> | undefined;

/**
 * The `schemas/` directory of the package, found by walking up from this module (works from `src/`
 * under tsx and from a compiled `dist/`), never relative to the working directory.
 */
export function schemasDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'provider.terraform.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new BugError('The schemas/ directory of the minitf package was not found.');
    dir = up;
  }
}

/** Every schema by `kind:type` (loaded once, on first use). Throws a BugError on a malformed file. */
export function allSchemas(): ReadonlyMap<string, LoadedSchema> {
  if (cache) return cache;
  const dir = schemasDir();
  const out = new Map<string, LoadedSchema>();
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.json') || f === 'config.schema.json') continue;
    let raw: JsonSchemaNode;
    try {
      raw = JSON.parse(readFileSync(join(dir, f), 'utf8')) as JsonSchemaNode;
    } catch (e) {
      throw new BugError(`Schema file schemas/${f} is not valid JSON.`, { cause: e });
    }
    const meta = raw['x-minitf'];
    if (!meta) throw new BugError(`Schema file schemas/${f} has no "x-minitf" section.`);
    const type = meta.kind === 'provider' ? (meta.type ?? f.replace(/^provider\.|\.json$/g, '')) : f.replace(/\.json$/, '');
    out.set(`${meta.kind}:${type}`, { file: f, raw, schema: deriveTypeSchema(meta.kind, type, raw) });
  }
  cache = out;
  return out;
}

/** Builds the TypeSchema view of a raw JSON Schema. */
export function deriveTypeSchema(kind: SchemaKind, type: string, raw: JsonSchemaNode): TypeSchema {
  const body = deriveBody(raw);
  const meta = raw['x-minitf'];
  return deepFreeze({
    kind,
    type,
    attributes: body.attributes,
    blocks: body.blocks,
    timeouts: { ...(meta?.timeouts ?? {}) },
    ...(meta?.aliasOf ? { aliasOf: meta.aliasOf } : {}),
    ...(raw.description ? { description: raw.description } : {}),
  });
}

function deriveBody(node: JsonSchemaNode): { attributes: Record<string, AttributeSchema>; blocks: Record<string, BlockSchema> } {
  const attributes: Record<string, AttributeSchema> = {};
  const blocks: Record<string, BlockSchema> = {};
  const required = new Set(node.required ?? []);
  for (const [name, p] of Object.entries(node.properties ?? {})) {
    const nesting = p['x-block'];
    if (nesting) {
      const inner = nesting === 'list' ? (p.items ?? {}) : p;
      blocks[name] = {
        name,
        nesting,
        ...deriveBody(inner),
        ...(p.maxItems !== undefined ? { maxItems: p.maxItems } : {}),
        forceNew: p['x-forceNew'] === true,
      };
      continue;
    }
    const readOnly = p.readOnly === true;
    attributes[name] = {
      name,
      type: typeOf(p),
      required: required.has(name),
      optional: !required.has(name) && !readOnly,
      computed: readOnly || p['x-computed'] === true,
      readOnly,
      forceNew: p['x-forceNew'] === true,
      sensitive: p['x-sensitive'] === true,
      ...(p['x-deprecated'] ? { deprecated: p['x-deprecated'] } : {}),
      ...(p.description ? { description: p.description } : {}),
      ...(p.default !== undefined ? { default: p.default } : {}),
    };
  }
  return { attributes, blocks };
}

/** The Terraform type of a schema node: `x-type` when given, else derived from the JSON Schema type. */
export function typeOf(p: JsonSchemaNode): Type {
  if (p['x-type'] !== undefined) return p['x-type'] as Type;
  const t = Array.isArray(p.type) ? p.type[0] : p.type;
  switch (t) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'bool';
    case 'array': {
      const el = p.items ? typeOf(p.items) : 'dynamic';
      return p.uniqueItems ? ['set', el] : ['list', el];
    }
    case 'object': {
      if (p.properties) {
        const attrs: Record<string, Type> = {};
        for (const [k, v] of Object.entries(p.properties)) attrs[k] = typeOf(v);
        return ['object', attrs];
      }
      const ap = p.additionalProperties;
      return ['map', ap && typeof ap === 'object' ? typeOf(ap) : 'dynamic'];
    }
    default:
      return 'dynamic';
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
