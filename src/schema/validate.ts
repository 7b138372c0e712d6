import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean, error, warning, type Diagnostic, type SourceRange } from '../diag/index.js';
import { UNKNOWN } from '../providers/types.js';
import { DynamicBlocks, isUnknownPart, prepareValue } from './coerce.js';
import type { JsonSchemaNode } from './load.js';
import { precompiledValidator } from './precompiled.js';
import type { TypeSchema } from './model.js';

/** Where and how `validateAttributes` reports. */
export interface ValidateContext {
  /** Address of the object being checked (`alicloud_vpc.default`), set on every diagnostic. */
  readonly address: string;
  /** Source range of an argument, by top-level name (or a dotted path such as `endpoints.ecs`, tried first). */
  readonly ranges?: (attr: string) => SourceRange | undefined;
  /** Source range of the block itself, for problems that are not about one argument (missing arguments). */
  readonly blockRange?: SourceRange;
  /** The block header for the human renderer (`resource "alicloud_vpc" "default"`). */
  readonly context?: string;
  /** Report `Argument is deprecated` warnings (default true; `validate` leaves them to plan time). */
  readonly deprecations?: boolean;
}

let ajv: Ajv | undefined;
const compiled = new WeakMap<JsonSchemaNode, ValidateFunction>();

/** The schema's validator: compiled ahead of time by the build when it matches, else by ajv now. */
function validatorFor(raw: JsonSchemaNode): ValidateFunction {
  let v = compiled.get(raw);
  if (!v) {
    v = precompiledValidator(raw);
    if (!v) {
      // Keep these options in step with scripts/build-validators.mjs.
      // ajv itself is loaded only here: with a build, its precompiled validators need just its runtime.
      const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
      ajv ??= new AjvClass({ strict: false, allErrors: true, unicodeRegExp: true, validateSchema: false });
      v = ajv.compile(raw);
    }
    compiled.set(raw, v);
  }
  return v;
}

/**
 * Validates configuration values against a type's JSON Schema with ajv and reports Terraform-style
 * diagnostics (summaries documented in `schemas/README.md`): `Unsupported argument`, `Missing required
 * argument`, `Incorrect attribute value type`, `Invalid value for argument`, `Too many tags`, `Too many
 * blocks`, and (as warnings) `Argument is deprecated`. `values` holds arguments and nested blocks
 * (single blocks as objects, list blocks as arrays of objects). `null` means unset. Parts that are
 * `UNKNOWN` (or {@link DynamicBlocks}) are not validated, but an unknown argument still counts as
 * present for `required`; argument names are checked whatever the values.
 * Read-only attributes set in configuration are reported as unsupported arguments.
 */
export function validateAttributes(raw: JsonSchemaNode, schema: TypeSchema, values: Readonly<Record<string, unknown>>, ctx: ValidateContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const extra = (attr?: string): Partial<Diagnostic> => {
    const subject = (attr !== undefined ? ctx.ranges?.(attr) ?? ctx.ranges?.(attr.split('.')[0]!) : undefined) ?? ctx.blockRange;
    return { address: ctx.address, ...(subject ? { subject } : {}), ...(ctx.context ? { context: ctx.context } : {}) };
  };
  const present = new Set<string>();
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined) continue;
    present.add(k);
    const attr = schema.attributes[k];
    if (attr?.readOnly) {
      diags.push(error('Unsupported argument', `An argument named "${k}" is not expected here: it is set by the provider and cannot be configured.`, extra(k)));
      continue;
    }
    if (attr?.deprecated && ctx.deprecations !== false) diags.push(warning('Argument is deprecated', attr.deprecated, extra(k)));
    if (isUnknownPart(v)) continue;
    input[k] = prepareValue(raw.properties?.[k], v);
  }
  // Undeclared names are found here, whatever their values (unknown ones never reach ajv).
  const seen = new Set<string>();
  for (const u of undeclared(raw, values, [])) {
    seen.add(`Unsupported argument\0${u.path}`);
    const subject = ctx.ranges?.(u.indexed) ?? ctx.ranges?.(u.path) ?? ctx.ranges?.(u.path.split('.')[0]!) ?? ctx.blockRange;
    diags.push(error('Unsupported argument', `An argument named "${u.name}" is not expected here.${didYouMean(u.name, u.arguments)}`, { address: ctx.address, ...(subject ? { subject } : {}), ...(ctx.context ? { context: ctx.context } : {}) }));
  }
  const validate = validatorFor(raw);
  if (validate(input)) return diags;
  for (const e of validate.errors ?? []) {
    const d = describe(raw, e, present);
    if (!d || (e.keyword === 'additionalProperties' && d.summary === 'Unsupported argument')) continue;
    const key = `${d.summary}\0${d.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diags.push(error(d.summary, d.detail, extra(d.path || undefined)));
  }
  return diags;
}

/**
 * An argument the schema does not declare, with its dotted path (`timeouts.nope`) and its indexed
 * path (`disks.1.nope`; `disks.*.nope` in the content of a `dynamic "disks"` block).
 */
interface Undeclared {
  readonly name: string;
  readonly path: string;
  readonly indexed: string;
  /** The argument names of the block it stands in (HCL suggests among them). */
  readonly arguments: readonly string[];
}

/**
 * Every name set in `value` that the schema node does not declare, at any depth of nested blocks,
 * whatever the value (a literal or `UNKNOWN`). Objects of typed attributes (`x-type`) are left to
 * type conversion, as Terraform leaves them; read-only attributes are reported by the caller.
 */
function undeclared(node: JsonSchemaNode | undefined, value: unknown, segs: readonly string[]): Undeclared[] {
  if (value instanceof DynamicBlocks) return undeclared(node?.['x-block'] === 'list' ? node.items : node, value.content, node?.['x-block'] ? [...segs, '*'] : segs);
  if (!node || value === UNKNOWN || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return node.items ? value.flatMap((v, i) => undeclared(node.items, v, [...segs, v instanceof DynamicBlocks ? '*' : String(i)])) : [];
  if (segs.length && node['x-type'] !== undefined) return [];
  const out: Undeclared[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    const sub = node.properties?.[k];
    const path = [...segs, k];
    if (sub) out.push(...undeclared(sub, v, path));
    else if (node.additionalProperties === false) {
      const args = Object.entries(node.properties ?? {}).flatMap(([n, p]) => (p['x-block'] === undefined ? [n] : []));
      out.push({ name: k, path: path.filter((s) => !/^(\d+|\*)$/.test(s)).join('.'), indexed: path.join('.'), arguments: args });
    }
  }
  return out;
}

interface Described {
  readonly summary: string;
  readonly detail: string;
  /** Dotted path of the offending argument (`''` for the block itself). */
  readonly path: string;
}

function describe(raw: JsonSchemaNode, e: ErrorObject, present: ReadonlySet<string>): Described | undefined {
  const segs = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const named = segs.filter((s) => !/^\d+$/.test(s));
  const path = named.join('.');
  const where = named.length ? ` in "${named.join('.')}"` : '';
  switch (e.keyword) {
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      if (segs.length === 0 && present.has(missing)) return undefined;
      return { summary: 'Missing required argument', detail: `The argument "${missing}"${where ? ` of the block${where.slice(3)}` : ''} is required, but no definition was found.`, path: [...named, missing].join('.') };
    }
    case 'additionalProperties': {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const parent = nodeAt(raw, segs);
      if (parent && parent['x-type'] !== undefined && segs.length) break;
      return { summary: 'Unsupported argument', detail: `An argument named "${name}" is not expected here.`, path: [...named, name].join('.') };
    }
    case 'type': {
      const leaf = named[named.length - 1] ?? '';
      const node = nodeAt(raw, segs);
      return { summary: 'Incorrect attribute value type', detail: `Inappropriate value for attribute "${leaf}": ${typePhrase(node, String((e.params as { type: string }).type))} required.`, path };
    }
    case 'maxItems': {
      const node = nodeAt(raw, segs);
      if (node?.['x-block']) {
        const limit = (e.params as { limit: number }).limit;
        return { summary: 'Too many blocks', detail: `No more than ${limit} "${named[named.length - 1]}" block${limit === 1 ? ' is' : 's are'} allowed here.`, path };
      }
      break;
    }
    case 'maxProperties': {
      const leaf = named[named.length - 1] ?? '';
      const limit = (e.params as { limit: number }).limit;
      if (leaf === 'tags') {
        return { summary: 'Too many tags', detail: `"tags" may hold at most ${limit} entries. Remove tags until no more than ${limit} are left.`, path };
      }
      return { summary: 'Invalid value for argument', detail: `"${leaf}" may hold at most ${limit} entries.`, path };
    }
    default:
      break;
  }
  const shown = displayPath(raw, segs) || 'the block';
  const found = ruleFor(raw, e.schemaPath);
  const key = e.keyword === 'propertyNames' || e.propertyName !== undefined ? ` (key ${JSON.stringify(e.propertyName ?? '')})` : '';
  const detail = found
    ? `The value of ${shown}${key} is not valid: "${found.name}" ${found.rule}. Change the value to one that follows this rule.`
    : `The value of ${shown}${key} is not valid: it ${e.message ?? 'breaks a rule of the schema'}.`;
  return { summary: 'Invalid value for argument', detail, path };
}

/** Terraform-style text of an instance path: `tags["Owner"]`, `endpoints[0].ecs`, `"image_name"`. */
function displayPath(raw: JsonSchemaNode, segs: readonly string[]): string {
  let node: JsonSchemaNode | undefined = raw;
  let out = '';
  for (const s of segs) {
    if (node?.properties?.[s]) {
      out += out ? `.${s}` : s;
      node = node.properties[s];
    } else if (/^\d+$/.test(s) && node?.items) {
      out += `[${s}]`;
      node = node.items;
    } else {
      out += `[${JSON.stringify(s)}]`;
      node = node && typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    }
  }
  return segs.length === 1 ? `"${out}"` : out;
}

/** The schema node for an instance path (array indexes step into `items`). */
function nodeAt(raw: JsonSchemaNode, segs: readonly string[]): JsonSchemaNode | undefined {
  let node: JsonSchemaNode | undefined = raw;
  for (const s of segs) {
    if (!node) return undefined;
    if (/^\d+$/.test(s) && node.items) node = node.items;
    else node = node.properties?.[s] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
  }
  return node;
}

/**
 * The deepest `x-rule` along a schema path such as `#/properties/tags/propertyNames/maxLength`, with
 * the name of the property that carries it.
 */
function ruleFor(raw: JsonSchemaNode, schemaPath: string): { rule: string; name: string } | undefined {
  let node: unknown = raw;
  let found: { rule: string; name: string } | undefined;
  let name = '';
  let prev = '';
  for (const seg0 of schemaPath.replace(/^#\/?/, '').split('/')) {
    if (!node || typeof node !== 'object') break;
    const r = (node as JsonSchemaNode)['x-rule'];
    if (typeof r === 'string') found = { rule: r, name };
    const seg = seg0.replace(/~1/g, '/').replace(/~0/g, '~');
    if (prev === 'properties') name = seg;
    prev = seg;
    node = (node as Record<string, unknown>)[seg];
  }
  return found;
}

function typePhrase(node: JsonSchemaNode | undefined, jsonType: string): string {
  switch (jsonType) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'bool';
    case 'array':
      return node?.['x-block'] ? 'block' : `list of ${node?.items ? typePhrase(node.items, String(node.items.type ?? 'any')) : 'any'}`;
    case 'object': {
      const ap = node?.additionalProperties;
      return ap && typeof ap === 'object' ? `map of ${typePhrase(ap, String(ap.type ?? 'any'))}` : 'object';
    }
    default:
      return jsonType;
  }
}
