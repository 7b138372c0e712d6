import { isDeepStrictEqual } from 'node:util';
import { error } from '../../diag/index.js';
import { HandlerDiagnosticError } from '../errors.js';
import { UNKNOWN, type Attributes, type HandlerDiagnostic, type PlanRequest, type PlanResponse } from '../types.js';

/** What a random resource's plan needs to know: its arguments, their defaults, and what it computes. */
export interface RandomShape {
  /** Every argument (all force replacement, `keepers` by its own rule). */
  readonly args: readonly string[];
  /** Values planned for arguments the configuration leaves null (Optional+Computed with a default). */
  readonly defaults?: (config: Attributes) => Attributes;
  /** Attributes only the provider sets: unknown until create, then kept from state. */
  readonly computed: readonly string[];
}

/**
 * Plans a hashicorp/random resource: arguments as configured (defaults filled in), computed attributes
 * unknown on create and kept from state otherwise; any argument that differs from state forces
 * replacement, except that `keepers` follows hashicorp/random's rule (entries set to null count as
 * absent) and `override_special` going from `""` to null changes nothing.
 */
export function planRandom(shape: RandomShape, req: PlanRequest): PlanResponse {
  const planned: Attributes = { ...req.proposed };
  const defaults = shape.defaults?.(req.config) ?? {};
  for (const a of shape.args) planned[a] = req.config[a] ?? defaults[a] ?? null;
  if (req.prior === null) {
    for (const c of shape.computed) planned[c] = UNKNOWN;
    return { planned, requiresReplace: [] };
  }
  const requiresReplace: string[][] = [];
  for (const a of shape.args) {
    const before = req.prior[a] ?? null;
    const after = planned[a] ?? null;
    const changed = a === 'keepers' ? keepersReplace(before, after) : a === 'override_special' ? overrideSpecialReplace(before, after) : !same(before, after);
    if (changed) requiresReplace.push([a]);
  }
  for (const c of shape.computed) planned[c] = req.prior[c] ?? UNKNOWN;
  return { planned, requiresReplace };
}

function same(a: unknown, b: unknown): boolean {
  if (a === UNKNOWN || b === UNKNOWN) return false;
  return isDeepStrictEqual(a, b);
}

/**
 * hashicorp/random's `keepers` rule: a change replaces, but entries whose value is null count as
 * absent (the older SDK stored maps without them), and an unknown value always replaces.
 */
export function keepersReplace(prior: unknown, config: unknown): boolean {
  if (config === UNKNOWN) return true;
  const before = (prior ?? null) as Record<string, unknown> | null;
  const after = (config ?? null) as Record<string, unknown> | null;
  if (isDeepStrictEqual(before, after)) return false;
  if (after === null) return before !== null;
  if (before === null) return Object.values(after).some((v) => v !== null);
  for (const [k, v] of Object.entries(after)) {
    if (v === UNKNOWN) return true;
    if (!(k in before) && v === null) continue;
    if (!isDeepStrictEqual(before[k], v)) return true;
  }
  return Object.keys(before).some((k) => !(k in after));
}

function overrideSpecialReplace(prior: unknown, config: unknown): boolean {
  if (config === UNKNOWN) return false;
  if (config !== null || prior === null) return !same(prior, config);
  return prior !== '';
}

/** The state a random resource's update writes: the planned arguments over the prior computed values. */
export function updated(shape: RandomShape, prior: Attributes, config: Attributes): Attributes {
  const out: Attributes = { ...prior };
  const defaults = shape.defaults?.(config) ?? {};
  for (const a of shape.args) out[a] = config[a] ?? defaults[a] ?? null;
  return out;
}

/** `Invalid Attribute Value` for an integer argument below its minimum, worded as the plugin framework does. */
export function atLeast(attr: string, value: unknown, min: number, what = String(min)): HandlerDiagnostic[] {
  if (typeof value !== 'number' || value >= min) return [];
  return [{ ...error('Invalid Attribute Value', `Attribute ${attr} value must be at least ${what}, got: ${value}`), attribute: attr }];
}

/** `Resource Import Not Implemented`, thrown by the types hashicorp/random cannot import. */
export function importNotImplemented(): never {
  throw new HandlerDiagnosticError('Resource Import Not Implemented', 'This resource does not support import. Please contact the provider developer for additional information.');
}

/** Safe-integer bounds minitf computes with exactly; hashicorp/random goes to int64, minitf refuses beyond. */
export function safeInteger(attr: string, value: unknown): HandlerDiagnostic[] {
  if (typeof value !== 'number' || Number.isSafeInteger(value)) return [];
  return [{ attribute: attr, ...error('Invalid Attribute Value', `Attribute ${attr} value must be a whole number from -9007199254740991 to 9007199254740991 in minitf (hashicorp/random allows the 64-bit range), got: ${value}`) }];
}

/** Attribute `keepers` and the rest of a resource's shape in one list, `keepers` first. */
export function withKeepers(...args: string[]): string[] {
  return ['keepers', ...args];
}
