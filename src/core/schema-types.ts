import { getSchema, type TypeSchema, type BlockSchema } from '../schema/index.js';
import { decodeTyped, encodeTyped, type Type, type Value } from '../lang/index.js';

/** Schema kinds the engine looks up. */
export type SchemaKind = 'resource' | 'data' | 'provider';

const typeCache = new Map<string, Type>();

/** The schema of a resource/data/provider type, or undefined when minitf has none. */
export function schemaOf(kind: SchemaKind, type: string): TypeSchema | undefined {
  return getSchema(kind, type);
}

/** The object type of a block schema: attributes by their types, nested blocks as lists or single objects. */
export function blockType(s: Pick<BlockSchema, 'attributes' | 'blocks'>): Type {
  const attrs: Record<string, Type> = {};
  for (const [n, a] of Object.entries(s.attributes)) attrs[n] = a.type;
  for (const [n, b] of Object.entries(s.blocks)) {
    const t = blockType(b);
    attrs[n] = b.nesting === 'single' ? t : ['list', t];
  }
  return ['object', attrs];
}

/** The object type of a type's schema (cached). */
export function objectTypeOf(kind: SchemaKind, type: string): Type | undefined {
  const key = `${kind}:${type}`;
  const hit = typeCache.get(key);
  if (hit) return hit;
  const s = schemaOf(kind, type);
  if (!s) return undefined;
  const t = blockType(s);
  typeCache.set(key, t);
  return t;
}

/** Decodes state attributes (Terraform's v4 encoding) into a value of the type's object type. */
export function decodeAttributes(kind: SchemaKind, type: string, attrs: Record<string, unknown>): Value {
  const t = objectTypeOf(kind, type) ?? 'dynamic';
  return decodeTyped(attrs, t);
}

/** Encodes an object value as state attributes (Terraform's v4 encoding) under the type's schema. */
export function encodeAttributes(kind: SchemaKind, type: string, v: Value): Record<string, unknown> {
  const t = objectTypeOf(kind, type) ?? 'dynamic';
  const out = encodeTyped(v, t);
  return (out && typeof out === 'object' ? out : {}) as Record<string, unknown>;
}
