import { compareInstances, compareModules, formatInstance, formatModule, parseModulePath, parseProviderConfig, type ModuleStep, type ResourceInstanceAddr } from '../addrs/index.js';
import type { StateFile, StateInstance, StateResource } from '../states/model.js';
import { withBuiltins } from './changes.js';
import { makeChange } from './diff/change.js';
import { computeBlock, computeType } from './diff/differ.js';
import { renderDiff } from './diff/render.js';
import type { SchemaLookup } from './schema.js';
import { schemaFromValues } from './schema.js';
import { sortedKeys } from './text.js';
import { blockType, decodeAttributes, pathFromSteps, schemaSensitivePaths, typedShape } from './values.js';

/** One object of the state (current or deposed) with its address and decoded values. */
export interface StateObject {
  readonly addr: ResourceInstanceAddr;
  readonly address: string;
  readonly module: string;
  readonly resource: StateResource;
  readonly instance: StateInstance;
  /** Plain JSON attribute values (dynamic wrappers removed). */
  readonly values: Record<string, unknown>;
  /** Terraform's `sensitive_values` shape. */
  readonly sensitive: unknown;
}

function moduleSteps(module: string | undefined): ModuleStep[] {
  if (!module) return [];
  const p = parseModulePath(module);
  return 'path' in p ? p.path : [];
}

/**
 * Lists every object in a state in Terraform's order (module, mode, type, name, key; a current object
 * before its deposed ones), with values decoded under the schemas.
 */
export function stateObjects(state: StateFile, lookup: SchemaLookup): StateObject[] {
  const schemas = withBuiltins(lookup);
  const out: StateObject[] = [];
  for (const r of state.resources) {
    for (const inst of r.instances) {
      const addr: ResourceInstanceAddr = {
        module: moduleSteps(r.module),
        mode: r.mode,
        type: r.type,
        name: r.name,
        ...(inst.index_key !== undefined ? { key: inst.index_key } : {}),
      };
      const schema = schemas(r.mode, r.type);
      const values = decodeAttributes(inst.attributes ?? {}, schema);
      const paths = [...(inst.sensitive_attributes ?? []).map(pathFromSteps), ...(schema ? schemaSensitivePaths(schema, values) : [])];
      const sensitive = typedShape(values, false, paths, schema ? blockType(schema) : undefined);
      out.push({ addr, address: formatInstance(addr), module: r.module ?? '', resource: r, instance: inst, values, sensitive });
    }
  }
  out.sort((a, b) => compareInstances(a.addr, b.addr) || (a.instance.deposed ?? '').localeCompare(b.instance.deposed ?? ''));
  return out;
}

/** The provider source of a state provider address (`provider["registry.terraform.io/x/y"].a` → `registry.terraform.io/x/y`). */
export function providerName(provider: string): string {
  return parseProviderConfig(provider)?.source ?? provider;
}

function renderObject(o: StateObject, lookup: SchemaLookup): string {
  const schema = withBuiltins(lookup)(o.resource.mode, o.resource.type) ?? schemaFromValues(o.values);
  const d = computeBlock(makeChange({ before: o.values, after: o.values, beforeSensitive: o.sensitive, afterSensitive: o.sensitive }), schema);
  const kind = o.resource.mode === 'managed' ? 'resource' : 'data';
  return `${kind} "${o.resource.type}" "${o.resource.name}" ${renderDiff(d, 0, { showUnchanged: true, hideSymbols: true })}`;
}

function objectHeader(o: StateObject): string {
  if (o.instance.deposed) return `# ${o.address}: (deposed object ${o.instance.deposed})`;
  if (o.instance.status === 'tainted') return `# ${o.address}: (tainted)`;
  return `# ${o.address}:`;
}

/**
 * Renders a state as `terraform show` does: every object as `# ADDR:` and its resource block, then
 * `Outputs:`. A missing state is `No state.`; an empty one says so.
 */
export function renderState(state: StateFile | null, lookup: SchemaLookup): string {
  if (!state) return 'No state.\n';
  const objects = stateObjects(state, lookup);
  const outputs = state.outputs ?? {};
  if (objects.length === 0 && Object.keys(outputs).length === 0) return 'The state file is empty. No resources are represented.\n';
  let out = '';
  // Module tree: every module path with objects, plus its ancestors (Terraform nests child modules).
  const paths = new Map<string, ModuleStep[]>([['', []]]);
  for (const o of objects) for (let i = 1; i <= o.addr.module.length; i++) paths.set(formatModule(o.addr.module.slice(0, i)), o.addr.module.slice(0, i));
  const children = (parent: ModuleStep[]) =>
    [...paths.values()].filter((p) => p.length === parent.length + 1 && formatModule(p.slice(0, -1)) === formatModule(parent)).sort(compareModules);
  // Terraform passes `first` down by value, so siblings of a module do not see its resources.
  const renderModule = (path: ModuleStep[], first: boolean): void => {
    const own = objects.filter((o) => o.module === formatModule(path));
    if (own.length > 0 && !first) out += '\n';
    for (const o of own) {
      if (!first) out += '\n';
      first = false;
      out += `${objectHeader(o)}\n${renderObject(o, lookup)}\n`;
    }
    for (const child of children(path)) renderModule(child, first);
  };
  renderModule([], true);
  const names = sortedKeys(Object.keys(outputs));
  if (names.length > 0) {
    out += '\n\nOutputs:\n\n';
    for (const n of names) {
      const v = outputs[n]!;
      const d = computeType(makeChange({ before: v.value, after: v.value, beforeSensitive: v.sensitive === true, afterSensitive: v.sensitive === true }), (v.type ?? 'dynamic') as never);
      out += `${n} = ${renderDiff(d, 0, { showUnchanged: true, hideSymbols: true })}\n`;
    }
  }
  return out;
}

/**
 * Renders one resource instance as `terraform state show ADDR` does (its current object), or
 * undefined when the state has no such instance.
 */
export function renderStateInstance(state: StateFile, address: string, lookup: SchemaLookup): string | undefined {
  const o = stateObjects(state, lookup).find((x) => x.address === address && !x.instance.deposed);
  if (!o) return undefined;
  return `${objectHeader(o)}\n${renderObject(o, lookup)}\n`;
}
