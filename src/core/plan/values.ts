import type { Path as PlanPath } from '../../plans/model.js';
import type { StateInstance, StatePathStep } from '../../states/model.js';
import type { TypeSchema } from '../../schema/index.js';
import { UNKNOWN, type Attributes } from '../../providers/index.js';
import {
  decodeTyped,
  encodeTyped,
  getPath,
  isWhollyKnown,
  markPaths,
  objectOf,
  sensitivePaths,
  unknown,
  type Path,
  type Type,
  type Value,
} from '../../lang/index.js';
import { blockType } from '../schema-types.js';

/** The Terraform type of one top-level attribute or block of a schema. */
export function attrType(schema: TypeSchema | undefined, name: string): Type {
  if (!schema) return 'dynamic';
  const a = schema.attributes[name];
  if (a) return a.type;
  const b = schema.blocks[name];
  if (b) return b.nesting === 'single' ? blockType(b) : ['list', blockType(b)];
  return 'dynamic';
}

/** Names of all top-level attributes and blocks of a schema (or of an object value's keys). */
export function attrNames(schema: TypeSchema | undefined): string[] {
  return schema ? [...Object.keys(schema.attributes), ...Object.keys(schema.blocks)] : [];
}

/** Converts state path steps (`[{type:'get_attr',value:'input'}]`) to a value path. */
export function fromStatePath(steps: readonly StatePathStep[]): Path {
  return steps.map((s) => (s.type === 'get_attr' ? s.value : (s.value.value as string | number)));
}

/** Converts a value path to state path steps. */
export function toStatePath(p: PlanPath): StatePathStep[] {
  return p.map((x) => (typeof x === 'string' ? { type: 'get_attr' as const, value: x } : { type: 'index' as const, value: { value: x, type: 'number' } }));
}

/** Decodes a stored object into a value, with its `sensitive_attributes` marks. */
export function instanceValue(schema: TypeSchema | undefined, inst: StateInstance): Value {
  const paths = inst.sensitive_attributes.map(fromStatePath);
  if (!schema) {
    const v = decodeTyped(inst.attributes, 'dynamic');
    return paths.length ? markPaths(v, paths) : v;
  }
  return fromHandlerAttrs(schema, inst.attributes, undefined, paths);
}

/** Encodes a (possibly partly unknown) object value as handler attributes: `UNKNOWN` where not wholly known. */
export function toHandlerAttrs(schema: TypeSchema | undefined, v: Value): Attributes {
  const out: Attributes = {};
  for (const name of attrNames(schema)) {
    const a = getPath(v, [name]);
    if (a === undefined) {
      out[name] = null;
      continue;
    }
    out[name] = isWhollyKnown(a) ? encodeTyped(a, attrType(schema, name)) : UNKNOWN;
  }
  return out;
}

/**
 * Builds an object value from handler attributes. Where the handler answered `UNKNOWN` and the engine
 * had a partly known value (`fallback`), the engine's value stands; sensitive paths are re-applied.
 */
export function fromHandlerAttrs(schema: TypeSchema | undefined, attrs: Attributes, fallback: Value | undefined, sensitive: readonly Path[]): Value {
  const parts: Record<string, Value> = {};
  for (const name of attrNames(schema)) {
    const t = attrType(schema, name);
    const raw = attrs[name];
    if (raw === UNKNOWN) {
      const fb = fallback ? getPath(fallback, [name]) : undefined;
      parts[name] = fb !== undefined && !isWhollyKnown(fb) ? fb : unknown(t);
    } else if ((raw === null || raw === undefined) && schema?.blocks[name]?.nesting === 'list') {
      // Blocks are lists in configuration (empty when none are written): keep "no blocks" as [].
      parts[name] = decodeTyped([], t);
    } else parts[name] = decodeTyped(raw ?? null, t);
  }
  const v = objectOf(parts);
  return sensitive.length ? markPaths(v, sensitive) : v;
}

/**
 * Sensitive paths of a configuration value plus the schema's sensitive attributes and the attributes
 * a handler derives from sensitive arguments (`derivedSensitive`).
 */
export function sensitiveOf(schema: TypeSchema | undefined, v: Value | undefined, derived?: Readonly<Record<string, string>>): Path[] {
  const out: Path[] = v ? sensitivePaths(v) : [];
  const add = (name: string) => {
    if (!out.some((p) => p.length === 1 && p[0] === name)) out.push([name]);
  };
  if (schema) for (const a of Object.values(schema.attributes)) if (a.sensitive) add(a.name);
  if (derived) for (const [attr, from] of Object.entries(derived)) if (out.some((p) => p[0] === from)) add(attr);
  return out;
}
