import { error, type Diagnostic } from '../../diag/index.js';
import { UNKNOWN, type Attributes, type PlanRequest, type PlanResponse } from '../types.js';
import { isKnownRegion } from './regions.js';
import { isSystemTagKey, TAGS_PER_CALL } from './tags.js';

/** Summary of every argument-value diagnostic of this provider. */
export const INVALID_VALUE = 'Invalid argument value';

/** True when a configuration value is set and known (not null, not `UNKNOWN`). */
export function known(v: unknown): boolean {
  return v !== null && v !== undefined && v !== UNKNOWN;
}

/** The string value of a known, non-empty string attribute, else undefined. */
export function str(attrs: Attributes, key: string): string | undefined {
  const v = attrs[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The boolean value of an attribute (undefined when unset or unknown). */
export function bool(attrs: Attributes, key: string): boolean | undefined {
  const v = attrs[key];
  return typeof v === 'boolean' ? v : undefined;
}

/** The number value of an attribute (undefined when unset or unknown). */
export function num(attrs: Attributes, key: string): number | undefined {
  const v = attrs[key];
  return typeof v === 'number' ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

const IMAGE_NAME = /^\p{L}[\p{L}\p{Nd}.:_-]{1,127}$/u;
const SG_NAME = /^\p{L}[\p{L}\p{Nd}.:_-]{1,127}$/u;

/** Image name rules: 2–128 characters, a letter or Chinese character first, then letters, digits, `.:_-`; no `http(s)://`, `acs:` or `aliyun` start. */
export function checkImageName(attr: string, v: unknown): Diagnostic[] {
  if (typeof v !== 'string') return [];
  if (/^(https?:\/\/|acs:|aliyun)/i.test(v)) return [error(INVALID_VALUE, `"${attr}" must not start with http://, https://, acs: or aliyun (got "${v}").`)];
  if (!IMAGE_NAME.test(v)) {
    return [error(INVALID_VALUE, `"${attr}" must be 2 to 128 characters long, start with a letter or Chinese character, and contain only letters, digits, periods (.), colons (:), underscores (_) and hyphens (-) (got "${v}").`)];
  }
  return [];
}

/** Security group name rules (as image names, without the prefix rule). */
export function checkSecurityGroupName(attr: string, v: unknown): Diagnostic[] {
  if (typeof v !== 'string') return [];
  if (/^https?:\/\//i.test(v) || !SG_NAME.test(v)) {
    return [error(INVALID_VALUE, `"${attr}" must be 2 to 128 characters long, start with a letter or Chinese character, contain only letters, digits, periods, colons, underscores and hyphens, and not start with http:// or https:// (got "${v}").`)];
  }
  return [];
}

/** A plain length rule (`min`–`max` characters) with no `http(s)://` start. */
export function checkText(attr: string, v: unknown, min: number, max: number): Diagnostic[] {
  if (typeof v !== 'string') return [];
  const len = [...v].length;
  if (len < min || len > max) return [error(INVALID_VALUE, `"${attr}" must be ${min} to ${max} characters long (got ${len}).`)];
  if (/^https?:\/\//i.test(v)) return [error(INVALID_VALUE, `"${attr}" must not start with http:// or https://.`)];
  return [];
}

/** Tag rules: at most 20 entries, keys 1–128 characters without system prefixes, values at most 128. */
export function checkTags(v: unknown): Diagnostic[] {
  if (!v || typeof v !== 'object') return [];
  const entries = Object.entries(v as Record<string, unknown>);
  const out: Diagnostic[] = [];
  if (entries.length > TAGS_PER_CALL) out.push(error(INVALID_VALUE, `"tags" may hold at most ${TAGS_PER_CALL} entries (got ${entries.length}).`));
  for (const [k, val] of entries) {
    if (k.length < 1 || k.length > 128) out.push(error(INVALID_VALUE, `Tag key "${k}" must be 1 to 128 characters long.`));
    else if (isSystemTagKey(k)) out.push(error(INVALID_VALUE, `Tag key "${k}" must not start with aliyun, acs:, http:// or https://.`));
    if (typeof val === 'string' && val.length > 128) out.push(error(INVALID_VALUE, `The value of tag "${k}" must be at most 128 characters long.`));
  }
  return out;
}

/** Checks a region argument is known. */
export function checkRegion(attr: string, v: unknown): Diagnostic[] {
  if (typeof v !== 'string') return [];
  return isKnownRegion(v) ? [] : [error(INVALID_VALUE, `"${attr}" is "${v}", which is not a known Alibaba Cloud region.`)];
}

/**
 * A deprecated alias (`name`) of a primary argument (`image_name`): an error when both are set to
 * different known values. (The deprecation warning itself comes from the schema's `x-deprecated`.)
 */
export function checkAlias(config: Attributes, primary: string, alias: string): Diagnostic[] {
  if (!known(config[alias]) || !known(config[primary]) || config[primary] === config[alias]) return [];
  return [error('Conflicting arguments', `"${alias}" and "${primary}" name the same thing and are set to different values; set only "${primary}".`)];
}

/** The effective value of a primary argument and its deprecated alias (primary wins). */
export function aliased(config: Attributes, primary: string, alias: string): unknown {
  return known(config[primary]) ? config[primary] : config[alias] ?? null;
}

/**
 * Plan helper for an argument with a deprecated alias, both Optional+Computed and both read back from
 * the same API field: the planned values of both become the configured one (or unknown when the
 * configuration sets neither and there is no prior object), so the result after apply matches the plan.
 */
export function planAlias(req: PlanRequest, planned: Attributes, primary: string, alias: string): void {
  const want = known(req.config[primary]) || req.config[primary] === UNKNOWN ? req.config[primary] : req.config[alias];
  if (want === UNKNOWN || known(want)) {
    planned[primary] = want;
    planned[alias] = want;
  } else if (req.prior === null) {
    planned[primary] = UNKNOWN;
    planned[alias] = UNKNOWN;
  }
}

/**
 * Import adoption: the replacements the engine derived, less those of ForceNew arguments the API
 * cannot report (`adopted`) whose prior value is null — after `import` the configured value is
 * adopted into state by the next apply instead. A change between two known values still replaces.
 */
export function adoptAfterImport(req: PlanRequest, adopted: readonly string[]): PlanResponse['requiresReplace'] {
  const prior = req.prior;
  if (!prior) return req.requiresReplace;
  return req.requiresReplace.filter((p) => !(adopted.includes(p[0] as string) && prior[p[0] as string] == null));
}

/** Default plan: the proposed state with `id` unknown on create; replacement as the engine derived it. */
export function basePlan(req: PlanRequest): PlanResponse & { planned: Attributes } {
  const planned: Attributes = { ...req.proposed };
  if (req.prior === null && !known(planned.id)) planned.id = UNKNOWN;
  return { planned, requiresReplace: req.requiresReplace };
}
