import { error, type Diagnostic } from '../../diag/index.js';
import { stateDependencies } from '../deps.js';
import { formatInstance, type InstanceKey, type ResourceInstanceAddr } from '../../addrs/index.js';
import type { Resource } from '../../config/model.js';
import { UNKNOWN, type Attributes, type PlanResponse } from '../../providers/index.js';
import { validateAttributes, type TypeSchema } from '../../schema/index.js';
import {
  equals,
  getPath,
  isKnown,
  isNull,
  isWhollyKnown,
  objectOf,
  toJSON,
  unknown,
  type Value,
} from '../../lang/index.js';
import type { ActionReason, Actions } from '../../plans/model.js';
import type { StateInstance } from '../../states/model.js';
import { evaluateBody } from '../eval/body.js';
import { expandResource, instancesOf } from '../eval/expand.js';
import { instanceAddr, refsOf, type Extras, type ModuleInstance } from '../eval/world.js';
import type { ConfigNode } from '../nodes.js';
import { schemaOf } from '../schema-types.js';
import { checkConditions } from './conditions.js';
import { buildChange } from './change.js';
import { providerFor, refreshInstance } from './refresh.js';
import { importInstance } from './imports.js';
import type { PlanRun } from './run.js';
import { attrNames, attrType, fromHandlerAttrs, instanceValue, sensitiveOf, toHandlerAttrs } from './values.js';

type ResourceNode = Extract<ConfigNode, { kind: 'resource' }>;

/** Plans every instance of a managed resource node in every instance of its module. */
export async function planManagedNode(run: PlanRun, node: ResourceNode): Promise<boolean> {
  const r = node.resource;
  const mis = run.world.moduleInstances.get(node.path.join('.')) ?? [];
  const jobs: Promise<boolean>[] = [];
  for (const mi of mis) {
    const ex = expandResource(run.world, mi, r, node.id, run.diagnostics);
    if (ex.mode === 'unknown') return false;
    const instances = instancesOf(ex);
    const keys = instances.map((x) => x.key);
    const wanted = new Set(keys.map((k) => String(k)));
    for (const x of instances) jobs.push(planInstance(run, node, mi, x.key, x.extras));
    // Instances in state that the expansion no longer has.
    const res = run.state.resource({ module: mi.path, mode: 'managed', type: r.type, name: r.name });
    for (const inst of res?.instances ?? []) {
      if (inst.deposed) {
        jobs.push(planDeposed(run, node, mi, inst));
        continue;
      }
      const k = inst.index_key;
      if (keys.some((x) => x === k) || (k !== undefined && wanted.has(String(k)) && typeof k === typeof keys[0])) continue;
      const reason: ActionReason =
        ex.mode === 'count' && typeof k === 'number' ? 'delete_because_count_index' : ex.mode === 'for_each' && typeof k === 'string' ? 'delete_because_each_key' : 'delete_because_wrong_repetition';
      jobs.push(planOrphanInstance(run, node, mi, inst, reason));
    }
  }
  const results = await Promise.all(jobs);
  return results.every(Boolean);
}


/** Plans the deletion of an object whose instance is no longer in the configuration. */
export async function planOrphanInstance(run: PlanRun, node: ResourceNode | undefined, mi: ModuleInstance | undefined, inst: StateInstance, reason: ActionReason, addrIn?: ResourceInstanceAddr, providerAddr?: string): Promise<boolean> {
  const r = node?.resource;
  const addr: ResourceInstanceAddr = addrIn ?? instanceAddr(mi!, r!, inst.index_key);
  const address = formatInstance(addr);
  const schema = schemaOf('resource', addr.type);
  const slot = node ? run.providers.get(node.provider) : undefined;
  // A provider with for_each: the orphan was managed through the instance named by its own key
  // (`provider = alicloud.by_region[each.key]`), which must still exist to delete it.
  let providerKey: InstanceKey;
  if (slot?.forEach) {
    if (inst.index_key !== undefined && slot.instances.has(inst.index_key)) providerKey = inst.index_key;
    else {
      run.diagnostics.push(
        error(
          'Provider configuration not present',
          `To destroy ${address}, minitf needs the ${slot.stateAddr} instance that manages it${inst.index_key !== undefined ? ` (key ${JSON.stringify(inst.index_key)})` : ''}, but the provider's for_each no longer has that key. Keep the key in the provider's for_each until the objects in it are destroyed (for example with "minitf destroy -target=${address}"), then remove it.`,
          { address },
        ),
      );
      return false;
    }
  }
  let prior: StateInstance | null = inst;
  if (run.opts.refresh && slot) {
    prior = await refreshInstance(run, addr, slot, providerKey, inst);
    if (!prior) return true;
  }
  if (!run.targeting.includes(addr, node?.id ?? '')) return true;
  const before = instanceValue(schema, prior);
  if (r?.lifecycle.preventDestroy) {
    run.diagnostics.push(preventDestroyError(address, r));
    return false;
  }
  const change = buildChange({ addr, providerAddr: providerAddr ?? slot?.stateAddr ?? '', ...(providerKey !== undefined ? { providerKey } : {}), actions: ['delete'], before, after: undefined, reason, previous: run.movedFrom.get(address), ...(prior.dependencies ? { dependencies: [...prior.dependencies] } : {}) });
  run.changes.push(change);
  run.planned.set(address, { addr, address, resource: r!, nodeId: node?.id ?? '', mi: mi!, key: inst.index_key, extras: {}, slot: slot!, providerKey, change });
  return true;
}

async function planDeposed(run: PlanRun, node: ResourceNode, mi: ModuleInstance, inst: StateInstance): Promise<boolean> {
  const addr = instanceAddr(mi, node.resource, inst.index_key);
  const address = formatInstance(addr);
  const slot = run.providers.get(node.provider)!;
  const schema = schemaOf('resource', addr.type);
  const change = buildChange({ addr, providerAddr: slot.stateAddr, actions: ['delete'], before: instanceValue(schema, inst), after: undefined, deposed: inst.deposed!, ...(inst.dependencies ? { dependencies: [...inst.dependencies] } : {}) });
  run.changes.push(change);
  run.planned.set(`${address} (deposed ${inst.deposed})`, { addr, address, resource: node.resource, nodeId: node.id, mi, key: inst.index_key, extras: {}, slot, providerKey: undefined, change });
  return true;
}

function preventDestroyError(address: string, r: Resource): Diagnostic {
  return error(
    'Instance cannot be destroyed',
    `Resource ${address} has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed. To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the -target option.`,
    { subject: r.range, context: `resource "${r.type}" "${r.name}"` },
  );
}

/** Plans one instance of a managed resource: refresh, evaluate, validate, diff, decide the action. */
async function planInstance(run: PlanRun, node: ResourceNode, mi: ModuleInstance, key: InstanceKey, extras: Extras): Promise<boolean> {
  const r = node.resource;
  const addr = instanceAddr(mi, r, key);
  const address = formatInstance(addr);
  const schema = schemaOf('resource', r.type);
  const handler = run.providers.get(node.provider)?.provider?.resources[r.type];
  const ctxDiag = { address, context: `resource "${r.type}" "${r.name}"` };
  const pv = providerFor(run, node, mi, extras, address);
  if (!pv) return false;
  const { slot, providerKey } = pv;
  if (!handler) {
    run.diagnostics.push(error('Invalid resource type', `The provider ${slot.stateAddr} does not support resource type "${r.type}".`, { subject: r.range, ...ctxDiag }));
    return false;
  }

  let prior: StateInstance | null = run.state.object(addr) ?? null;
  let importing: string | undefined;
  let imported: StateInstance | undefined;
  const importId = run.imports.get(address);
  if (!prior && importId !== undefined && run.opts.mode !== 'destroy') {
    prior = await importInstance(run, addr, slot, providerKey, handler, importId, r);
    if (!prior) return false;
    importing = importId;
    imported = prior;
  } else if (prior && run.opts.refresh) {
    prior = await refreshInstance(run, addr, slot, providerKey, prior);
  }
  const priorValue = prior ? instanceValue(schema, prior) : undefined;
  const included = run.targeting.includes(addr, node.id);

  if (run.opts.mode === 'destroy') {
    if (priorValue) run.world.setValue(addr, priorValue);
    if (!prior || !included) return true;
    if (r.lifecycle.preventDestroy) {
      run.diagnostics.push(preventDestroyError(address, r));
      return false;
    }
    const change = buildChange({ addr, providerAddr: slot.stateAddr, ...(providerKey !== undefined ? { providerKey } : {}), actions: ['delete'], before: priorValue, after: undefined, ...(prior.dependencies ? { dependencies: [...prior.dependencies] } : {}) });
    run.changes.push(change);
    run.planned.set(address, { addr, address, resource: r, nodeId: node.id, mi, key, extras, slot, providerKey, change });
    return true;
  }
  if (!included) {
    if (priorValue) run.world.setValue(addr, priorValue);
    return true;
  }

  // Evaluate the configuration.
  const ev = evaluateBody(run.world, mi, r.config, schema, extras, address);
  run.diagnostics.push(...ev.diagnostics);
  if (ev.diagnostics.some((d) => d.severity === 'error')) return false;
  let config = ev.value;
  const diags = validateConfig(run, schema, config, r, address, slot, handler, ctxDiag);
  run.diagnostics.push(...diags);
  if (diags.some((d) => d.severity === 'error')) return false;
  const pre = checkConditions(run.world, mi, r.lifecycle.preconditions, { ...extras }, 'Resource precondition failed', ctxDiag);
  run.diagnostics.push(...pre);
  if (pre.some((d) => d.severity === 'error')) return false;

  // ignore_changes: keep prior values for the listed attributes.
  if (priorValue && r.lifecycle.ignoreChanges !== undefined) config = applyIgnoreChanges(schema, config, priorValue, r.lifecycle.ignoreChanges);

  const tainted = prior?.status === 'tainted';
  const requested = run.opts.replace.includes(address);
  const triggered = priorValue ? replaceTriggered(run, node, mi) : false;
  let planned = proposeAndPlan(run, schema, handler, priorValue ?? null, config, slot, diags);
  if (!planned) return false;

  let actions: Actions;
  let reason: ActionReason | undefined;
  let replacePaths: (string | number)[][] | undefined;
  if (!priorValue) actions = ['create'];
  else {
    const forced = tainted || requested || triggered || planned.requiresReplace.length > 0;
    if (forced) {
      actions = r.lifecycle.createBeforeDestroy ? ['create', 'delete'] : ['delete', 'create'];
      reason = tainted ? 'replace_because_tainted' : requested ? 'replace_by_request' : triggered ? 'replace_by_triggers' : 'replace_because_cannot_update';
      if (!tainted && !requested && !triggered) replacePaths = planned.requiresReplace.map((p) => [...p]);
      const fresh = proposeAndPlan(run, schema, handler, null, config, slot, diags);
      if (!fresh) return false;
      planned = fresh;
    } else if (equals(planned.value, priorValue) && !importing) actions = ['no-op'];
    else if (equals(planned.value, priorValue)) actions = ['no-op'];
    else actions = ['update'];
  }
  if (r.lifecycle.preventDestroy && (actions as readonly string[]).includes('delete')) {
    run.diagnostics.push(preventDestroyError(address, r));
    return false;
  }
  const change = buildChange({
    addr,
    providerAddr: slot.stateAddr,
    ...(providerKey !== undefined ? { providerKey } : {}),
    actions,
    before: priorValue,
    after: planned.value,
    ...(reason ? { reason } : {}),
    ...(replacePaths ? { replacePaths } : {}),
    ...(importing !== undefined ? { importing } : {}),
    previous: run.movedFrom.get(address),
    createBeforeDestroy: r.lifecycle.createBeforeDestroy,
    dependencies: stateDependencies(run.resourceDeps, node.id),
    ...(handler.schemaVersion ? { schemaVersion: handler.schemaVersion } : {}),
  });
  run.changes.push(change);
  run.world.setValue(addr, planned.value);
  run.planned.set(address, { addr, address, resource: r, nodeId: node.id, mi, key, extras, slot, providerKey, change, planned: planned.value, ...(importing !== undefined ? { importId: importing, imported: imported! } : {}) });
  return true;
}

function validateConfig(run: PlanRun, schema: TypeSchema | undefined, config: Value, r: Resource, address: string, slot: { provider: unknown; instances: Map<InstanceKey, { view: import('../../providers/index.js').ProviderConfigView }> }, handler: { validate?: (c: Attributes, p: import('../../providers/index.js').ProviderConfigView) => import('../../providers/index.js').HandlerDiagnostic[] }, ctxDiag: { address: string; context: string }): Diagnostic[] {
  const diags: Diagnostic[] = [];
  if (schema) {
    const known: Record<string, unknown> = {};
    for (const name of Object.keys(schema.attributes)) {
      const v = getPath(config, [name]);
      if (v === undefined || (isKnown(v) && isNull(v))) continue;
      known[name] = isWhollyKnown(v) ? toJSON(v) : UNKNOWN;
    }
    diags.push(...validateAttributes(schema, known, { address, ranges: (a) => r.config.attributes[a]?.range ?? r.range }).map((d) => ({ ...ctxDiag, ...d })));
  }
  const view = [...slot.instances.values()][0]?.view;
  if (handler.validate && view) {
    for (const { attribute, ...d } of handler.validate(toHandlerAttrs(schema, config), view)) {
      diags.push({ ...ctxDiag, subject: (attribute !== undefined ? r.config.attributes[attribute]?.range : undefined) ?? r.range, ...d });
    }
  }
  void run;
  return diags;
}

/** The proposed new state and the handler's plan for it. */
export function proposeAndPlan(
  run: PlanRun,
  schema: TypeSchema | undefined,
  handler: { plan?: (req: import('../../providers/index.js').PlanRequest, view: import('../../providers/index.js').ProviderConfigView) => PlanResponse },
  prior: Value | null,
  config: Value,
  slot: { instances: Map<InstanceKey, { view: import('../../providers/index.js').ProviderConfigView }> },
  diags: Diagnostic[],
): { value: Value; requiresReplace: (string | number)[][] } | undefined {
  const parts: Record<string, Value> = {};
  for (const name of attrNames(schema)) {
    const c = getPath(config, [name])!;
    const a = schema?.attributes[name];
    if (a && a.computed && (c === undefined || (isKnown(c) && isNull(c)))) parts[name] = prior ? getPath(prior, [name]) ?? unknown(a.type) : unknown(a.type);
    else parts[name] = c ?? unknown(attrType(schema, name));
  }
  const proposed = objectOf(parts);
  const requiresReplace: (string | number)[][] = [];
  if (prior && schema) {
    for (const a of Object.values(schema.attributes)) {
      if (!a.forceNew) continue;
      const pv = getPath(proposed, [a.name]);
      const ov = getPath(prior, [a.name]);
      if (pv && ov && !equals(pv, ov)) requiresReplace.push([a.name]);
    }
  }
  if (!handler.plan) return { value: proposed, requiresReplace };
  const view = [...slot.instances.values()][0]?.view ?? { name: 'unknown' };
  const resp = handler.plan(
    { prior: prior ? toHandlerAttrs(schema, prior) : null, proposed: toHandlerAttrs(schema, proposed), config: toHandlerAttrs(schema, config), requiresReplace },
    view,
  );
  if (resp.diagnostics) diags.push(...resp.diagnostics);
  if (resp.diagnostics?.some((d) => d.severity === 'error')) {
    run.diagnostics.push(...resp.diagnostics);
    return undefined;
  }
  const value = fromHandlerAttrs(schema, resp.planned, proposed, sensitiveOf(schema, config, (handler as { derivedSensitive?: Readonly<Record<string, string>> }).derivedSensitive));
  return { value, requiresReplace: resp.requiresReplace ? resp.requiresReplace.map((p) => [...p]) : requiresReplace };
}

/** Replaces the configured values of `ignore_changes` attributes with their prior values. */
export function applyIgnoreChanges(schema: TypeSchema | undefined, config: Value, prior: Value, ignore: Resource['lifecycle']['ignoreChanges']): Value {
  const names = attrNames(schema);
  const parts: Record<string, Value> = {};
  for (const n of names) {
    const ignored = ignore === 'all' || ignore.some((p) => p[0] === n);
    const src = ignored && !(schema?.attributes[n]?.readOnly ?? false) ? prior : config;
    parts[n] = getPath(src, [n]) ?? getPath(config, [n])!;
  }
  return objectOf(parts);
}

function replaceTriggered(run: PlanRun, node: ResourceNode, mi: ModuleInstance): boolean {
  for (const e of node.resource.lifecycle.replaceTriggeredBy) {
    for (const ref of refsOf(e)) {
      const [t, n, k] = ref.parts;
      const local = `${String(t)}.${String(n)}`;
      if (!mi.module.managedResources.has(local)) continue;
      const base = mi.key ? `${mi.key}.${local}` : local;
      const hit = run.changes.some(
        (c) => stripKey(c.address) === base && (k === undefined || c.index === k) && !c.deposed && ['update', 'delete', 'create'].some((a) => (c.actions as readonly string[]).includes(a)),
      );
      if (hit) return true;
    }
  }
  return false;
}

function stripKey(address: string): string {
  const i = address.lastIndexOf('[');
  return i < 0 || !address.endsWith(']') ? address : address.slice(0, i);
}
