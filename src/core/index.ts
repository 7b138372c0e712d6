/**
 * The engine: turns configuration (`config`) and prior state (`states`) into a plan (`plans`) and
 * carries a plan out through provider handlers (`providers`). It expands `count`/`for_each` and module
 * instances, evaluates expressions with `lang` against a scope it builds, refreshes prior objects,
 * diffs desired against prior, and walks the dependency graph (`graph`) with bounded parallelism,
 * journaling every change so nothing created is ever lost. The CLI is a thin client of this folder.
 */
export * from './options.js';
export { plan } from './plan/planner.js';
export { apply } from './apply/applier.js';
export { importResource } from './apply/import.js';
export { resolveVariables } from './vars/resolve.js';
