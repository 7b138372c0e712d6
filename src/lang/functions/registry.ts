import type { FuncDef } from './types.js';

/** All built-in functions by name. */
export const FUNCTIONS = new Map<string, FuncDef>();

/** Registers a family of functions. */
export function register(defs: Readonly<Record<string, FuncDef>>): void {
  for (const [k, f] of Object.entries(defs)) FUNCTIONS.set(k, f);
}
