/**
 * Diagnostics: the values that describe user-facing problems (errors and warnings) with their
 * source locations. Every layer that can find a problem in user input returns diagnostics instead of
 * throwing; `render.ts` turns them into Terraform-style text and JSON. Only invariant failures
 * ("This is a bug in minitf.") and I/O faults throw.
 */
export * from './diagnostic.js';
export * from './errors.js';
export * from './render.js';
export * from './suggest.js';
