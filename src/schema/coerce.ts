import { UNKNOWN } from '../providers/types.js';
import type { JsonSchemaNode } from './load.js';

/**
 * The blocks a `dynamic` block makes, before its `for_each` is known: how many is unknown, but each
 * has the `content` body, whose argument names validation still checks (as Terraform does).
 */
export class DynamicBlocks {
  constructor(readonly content: Readonly<Record<string, unknown>>) {}
}

/** True for the parts validation cannot check yet: `UNKNOWN` and {@link DynamicBlocks}. */
export function isUnknownPart(v: unknown): boolean {
  return v === UNKNOWN || v instanceof DynamicBlocks;
}

/**
 * Prepares configuration values for JSON Schema validation: drops unknown parts (`UNKNOWN`, {@link DynamicBlocks}), which
 * are validated later when known, and applies HCL's automatic conversions between primitive types
 * (`10` for a string argument is `"10"`, `"true"` for a bool is `true`, `"5"` for a number is `5`),
 * so that only values Terraform would reject fail validation. Returns a new value; the input is not
 * modified. Values that cannot be converted are returned unchanged for the validator to reject.
 */
export function prepareValue(schema: JsonSchemaNode | boolean | undefined, value: unknown): unknown {
  if (isUnknownPart(value)) return undefined;
  const node = typeof schema === 'object' ? schema : undefined;
  const t = node ? (Array.isArray(node.type) ? node.type[0] : node.type) : undefined;
  if (Array.isArray(value)) {
    const items = node?.items;
    return value.filter((v) => !isUnknownPart(v)).map((v) => prepareValue(items, v));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || isUnknownPart(v)) continue;
      const sub = node?.properties?.[k] ?? (typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined);
      out[k] = prepareValue(sub, v);
    }
    return out;
  }
  switch (t) {
    case 'string':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (typeof value === 'boolean') return String(value);
      return value;
    case 'number':
    case 'integer':
      if (typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
      return value;
    case 'boolean':
      if (value === 'true') return true;
      if (value === 'false') return false;
      return value;
    default:
      return value;
  }
}
