/**
 * Configuration: loading a directory of `.tf` (HCL through hcl2json), `.tf.json` and `.tf.yaml`
 * files into the `Module` model with a file and line on every block and argument, local child
 * modules included; static checks (`validateConfig`); and the configuration-level dependency graph
 * (`deps.ts`) that `validate`, `graph` and the planner share. Expressions are compiled by `lang`;
 * argument types and validation rules come from `schema`; evaluation belongs to `core`.
 */
export type * from './model.js';
export { loadConfig, formatOf, diskSource, memorySource, type Config, type FileSource } from './load.js';
export { validateConfig } from './validate.js';
export {
  moduleGraph,
  providerNodeId,
  referenceTarget,
  bodyReferences,
  type DepNode,
  type DepNodeKind,
  type DepEdgeKind,
  type ModuleGraph,
  type ModuleGraphOptions,
} from './deps.js';
export { configGraph, type ConfigGraphNode } from './config-graph.js';
