/**
 * The attribute differ and its renderers: `change.ts` walks before/after values with their unknown
 * and sensitive shapes, `differ.ts` turns them into a tree of diffs under a schema (typed attributes,
 * nested blocks) or from the JSON shape (dynamic values, JSON strings), `render.ts` draws that tree
 * exactly as Terraform's plan renderer does, and `sequence.ts` pairs list elements and heredoc lines.
 * Which resources appear in a plan, and their headers, belong to `../human.ts`.
 */
export { computeBlock, computeJSON, computeOutput, computeType } from './differ.js';
export { renderDiff, actionSymbol, warningsFor, type RenderOptions } from './render.js';
export { makeChange, type Change, type Matcher } from './change.js';
export type { Diff, DiffAction, DiffNode, BlockGroup } from './types.js';
