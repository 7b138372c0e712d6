/**
 * Graphs: a generic directed acyclic graph of string node ids with cycle detection, deterministic
 * topological orders and a bounded-parallel walk with cancellation. It knows nothing about Terraform:
 * `config/deps.ts` decides what the nodes and edges of a configuration are, and `core` walks them to
 * plan and apply. Edges point from a node to a node it depends on (`from` waits for `to`).
 */
export { Dag, type Edge } from './dag.js';
export { findCycles, cycleDiagnostic } from './cycles.js';
export { walk, type WalkOptions, type WalkOutcome, type WalkResult, type Visitor } from './walk.js';
export { toDot, toMermaid, type NodeStyle } from './format.js';
