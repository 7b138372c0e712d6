import { formatModule, parseModulePath, parseProviderConfig, type ModuleStep } from '../addrs/index.js';
import { checksJSON, fromStateCheckResults } from './checks.js';
import type { Type } from '../lang/index.js';
import { MINITF_VERSION, type StateFile } from '../states/model.js';
import { isMoved, sortChanges, withBuiltins } from './changes.js';
import type { OutputChange, Plan, ResourceChange } from './model.js';
import type { SchemaLookup } from './schema.js';
import { providerName, stateObjects, type StateObject } from './state-view.js';
import { sortedKeys, sortJSON } from './text.js';
import { blockType, normaliseShape, omitUnknown, schemaSensitivePaths, shapePaths, typedShape } from './values.js';

/** Options of the `show -json` writers. */
export interface JSONOptions {
  /** Version reported as `terraform_version` (minitf's own by default). */
  readonly version?: string;
}

/** Infers Terraform's JSON type expression of a plain JSON value (tuples and objects for collections). */
export function inferType(v: unknown): Type {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return ['tuple', v.map(inferType)];
  if (v !== null && typeof v === 'object') return ['object', Object.fromEntries(sortedKeys(Object.keys(v)).map((k) => [k, inferType((v as Record<string, unknown>)[k])]))];
  return 'dynamic';
}

interface ModuleNode {
  resources: unknown[];
  address?: string;
  children: Map<string, ModuleNode>;
}

/** Nests per-module resource lists the way `show -json` does (`root_module` → `child_modules`). */
function moduleTree(items: readonly { module: readonly ModuleStep[]; json: unknown }[]): Record<string, unknown> {
  const root: ModuleNode = { resources: [], children: new Map() };
  for (const it of items) {
    let node = root;
    for (let i = 1; i <= it.module.length; i++) {
      const addr = formatModule(it.module.slice(0, i));
      let child = node.children.get(addr);
      if (!child) {
        child = { resources: [], address: addr, children: new Map() };
        node.children.set(addr, child);
      }
      node = child;
    }
    node.resources.push(it.json);
  }
  const emit = (n: ModuleNode): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (n.resources.length > 0) out.resources = n.resources;
    if (n.address !== undefined) out.address = n.address;
    if (n.children.size > 0) out.child_modules = [...n.children.values()].map(emit);
    return out;
  };
  return emit(root);
}

function steps(module: string): ModuleStep[] {
  if (!module) return [];
  const p = parseModulePath(module);
  return 'path' in p ? p.path : [];
}

function stateResourceJSON(o: StateObject): Record<string, unknown> {
  return {
    address: o.address,
    mode: o.resource.mode,
    type: o.resource.type,
    name: o.resource.name,
    index: o.instance.index_key,
    provider_name: providerName(o.resource.provider),
    schema_version: o.instance.schema_version ?? 0,
    values: sortJSON(o.values),
    sensitive_values: o.sensitive,
    depends_on: o.instance.dependencies && o.instance.dependencies.length > 0 ? o.instance.dependencies : undefined,
    tainted: o.instance.status === 'tainted' ? true : undefined,
    deposed_key: o.instance.deposed,
  };
}

/**
 * Builds `terraform show -json` of a state (`format_version` "1.0"): outputs (sensitive values in
 * clear, as Terraform prints them) and every resource object with its `sensitive_values` shape. A
 * missing or empty state is `{"format_version":"1.0"}`.
 */
export function stateJSON(state: StateFile | null, lookup: SchemaLookup): Record<string, unknown> {
  if (!state) return { format_version: '1.0' };
  const objects = stateObjects(state, lookup);
  const names = sortedKeys(Object.keys(state.outputs ?? {}));
  if (objects.length === 0 && names.length === 0) return { format_version: '1.0' };
  const values: Record<string, unknown> = {};
  if (names.length > 0) {
    values.outputs = Object.fromEntries(names.map((n) => {
      const o = state.outputs[n]!;
      return [n, { sensitive: o.sensitive === true, value: sortJSON(o.value), type: o.type }];
    }));
  }
  values.root_module = moduleTree(objects.map((o) => ({ module: o.addr.module, json: stateResourceJSON(o) })));
  const checks = checksJSON(fromStateCheckResults(state.check_results));
  return { format_version: '1.0', terraform_version: state.terraform_version, values, ...(checks ? { checks } : {}) };
}

/** The value type of a change's object: given by the planner, else from the schema. */
function changeType(c: ResourceChange, lookup: SchemaLookup): Type | undefined {
  if (c.valueType !== undefined) return c.valueType as Type;
  const schema = withBuiltins(lookup)(c.mode, c.type);
  return schema ? blockType(schema) : undefined;
}

function providerSource(c: ResourceChange): string {
  return parseProviderConfig(c.providerAddr)?.source ?? c.providerAddr;
}

/** The JSON of one resource change (`resource_changes[]`, `resource_drift[]`), in Terraform's key order. */
export function resourceChangeJSON(c: ResourceChange, lookup: SchemaLookup): Record<string, unknown> {
  const afterUnknown = normaliseShape(c.after, c.afterUnknown);
  const known = shapePaths(afterUnknown).length === 0;
  const type = changeType(c, lookup);
  // Terraform adds the schema's sensitive attributes to the value marks in resource changes.
  const schema = withBuiltins(lookup)(c.mode, c.type);
  const schemaMarks = (v: unknown) => (schema && v !== null ? schemaSensitivePaths(schema, v) : []);
  return {
    address: c.address,
    previous_address: isMoved(c) ? c.previousAddress : undefined,
    module_address: c.module || undefined,
    mode: c.mode,
    type: c.type,
    name: c.name,
    index: c.index,
    provider_name: providerSource(c),
    deposed: c.deposed,
    change: {
      actions: c.actions,
      before: sortJSON(c.before ?? null),
      after: sortJSON(omitUnknown(c.after ?? null, afterUnknown)),
      after_unknown: c.afterUnknown === true ? true : known ? {} : afterUnknown,
      before_sensitive: c.before === null ? false : typedShape(c.before, false, [...shapePaths(c.beforeSensitive), ...schemaMarks(c.before)], type),
      after_sensitive: c.after === null ? false : typedShape(c.after, afterUnknown, [...shapePaths(c.afterSensitive), ...schemaMarks(c.after)], type),
      replace_paths: c.replacePaths && c.replacePaths.length > 0 ? c.replacePaths : undefined,
      importing: c.importing ? { id: c.importing.id } : undefined,
    },
    action_reason: c.actionReason,
  };
}

function outputChangeJSON(o: OutputChange): Record<string, unknown> {
  const unknown = o.unknownShape ?? o.afterUnknown;
  const partly = unknown !== true && shapePaths(unknown).length > 0;
  return {
    actions: o.actions,
    before: sortJSON(o.before ?? null),
    after: unknown === true ? undefined : sortJSON(omitUnknown(o.after ?? null, unknown)),
    after_unknown: unknown === true ? true : partly ? normaliseShape(o.after, unknown) : false,
    before_sensitive: o.beforeSensitive ?? o.sensitive,
    after_sensitive: o.sensitive,
  };
}

function plannedValues(plan: Plan, lookup: SchemaLookup): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const outputs = plan.outputChanges.filter((o) => o.actions.join(',') !== 'delete');
  if (outputs.length > 0) {
    out.outputs = Object.fromEntries(
      [...outputs].sort((a, b) => (a.name < b.name ? -1 : 1)).map((o) => {
        const known = !(o.unknownShape !== undefined ? shapePaths(o.unknownShape).length > 0 : o.afterUnknown);
        return [o.name, known ? { sensitive: o.sensitive, type: o.type ?? inferType(o.after), value: sortJSON(o.after) } : { sensitive: o.sensitive }];
      }),
    );
  }
  const resources = sortChanges(plan.resourceChanges)
    .filter((c) => !c.deposed && c.actions.join(',') !== 'delete')
    .map((c) => {
      const unknown = normaliseShape(c.after, c.afterUnknown);
      return {
        module: steps(c.module),
        json: {
          address: c.address,
          mode: c.mode,
          type: c.type,
          name: c.name,
          index: c.index,
          provider_name: providerSource(c),
          schema_version: c.schemaVersion ?? 0,
          values: c.after === null ? undefined : sortJSON(omitUnknown(c.after, unknown)),
          sensitive_values: c.after === null ? false : typedShape(c.after, unknown, shapePaths(c.afterSensitive), changeType(c, lookup)),
        },
      };
    });
  out.root_module = moduleTree(resources);
  return out;
}

function configuration(plan: Plan): Record<string, unknown> {
  const providers: Record<string, unknown> = {};
  const byModule = new Map<string, Map<string, Record<string, unknown>>>();
  const gone = new Set(['delete_because_no_resource_config', 'delete_because_no_module', 'delete_because_no_move_target']);
  for (const c of sortChanges(plan.resourceChanges)) {
    if (c.actionReason && gone.has(c.actionReason)) continue;
    if (c.actions.join(',') === 'forget' || c.deposed) continue;
    const p = parseProviderConfig(c.providerAddr);
    const source = p?.source ?? c.providerAddr;
    const local = source.split('/').pop()!;
    const moduleCall = formatModule(steps(c.module).map((s) => ({ name: s.name })));
    const key = `${moduleCall ? `${moduleCall}:` : ''}${local}${p?.alias ? `.${p.alias}` : ''}`;
    providers[key] ??= { name: local, full_name: source, alias: p?.alias, module_address: moduleCall || undefined };
    const resAddr = `${c.mode === 'data' ? 'data.' : ''}${c.type}.${c.name}`;
    const mod = byModule.get(moduleCall) ?? new Map();
    byModule.set(moduleCall, mod);
    mod.set(resAddr, { address: resAddr, mode: c.mode, type: c.type, name: c.name, provider_config_key: key, schema_version: c.schemaVersion ?? 0 });
  }
  const moduleJSON = (call: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const res = byModule.get(call);
    if (res && res.size > 0) out.resources = [...res.values()];
    const prefix = call ? `${call}.` : '';
    const children = [...byModule.keys()].filter((k) => k.startsWith(prefix) && k !== call && !k.slice(prefix.length).includes('.module.'));
    if (children.length > 0) {
      out.module_calls = Object.fromEntries(children.map((k) => [k.slice(prefix.length).replace(/^module\./, ''), { module: moduleJSON(k) }]));
    }
    return out;
  };
  return { provider_config: providers, root_module: moduleJSON('') };
}

/**
 * Builds `terraform show -json PLANFILE` (`format_version` "1.2") from a plan and the prior state it
 * was made from. `configuration` is minimal (providers and resources, no expressions). Sensitive
 * variable and output values appear in clear, as in Terraform's output.
 */
export function planJSON(plan: Plan, priorState: StateFile | null, lookup: SchemaLookup, opts: JSONOptions = {}): Record<string, unknown> {
  const vars = Object.keys(plan.variables);
  return {
    format_version: '1.2',
    terraform_version: opts.version ?? MINITF_VERSION,
    variables: vars.length > 0 ? Object.fromEntries(sortedKeys(vars).map((k) => [k, { value: sortJSON(plan.variables[k]!.value) }])) : undefined,
    planned_values: plannedValues(plan, lookup),
    resource_drift: plan.resourceDrift.length > 0 ? sortChanges(plan.resourceDrift).map((c) => resourceChangeJSON(c, lookup)) : undefined,
    resource_changes: plan.resourceChanges.length > 0 ? sortChanges(plan.resourceChanges).map((c) => resourceChangeJSON(c, lookup)) : undefined,
    output_changes: plan.outputChanges.length > 0 ? Object.fromEntries([...plan.outputChanges].sort((a, b) => (a.name < b.name ? -1 : 1)).map((o) => [o.name, outputChangeJSON(o)])) : undefined,
    prior_state: priorState && (priorState.resources.length > 0 || Object.keys(priorState.outputs ?? {}).length > 0) ? stateJSON(priorState, lookup) : undefined,
    configuration: configuration(plan),
    relevant_attributes: plan.relevantAttributes && plan.relevantAttributes.length > 0 ? plan.relevantAttributes.map((r) => ({ resource: r.resource, attribute: r.attribute })) : undefined,
    checks: checksJSON(plan.checks),
    timestamp: plan.timestamp,
    applyable: plan.applyable,
    complete: plan.complete,
    errored: plan.errored,
  };
}
