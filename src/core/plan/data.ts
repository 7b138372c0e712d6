import { error, type Diagnostic } from '../../diag/index.js';
import { isCheckData } from '../scoped-data.js';
import { formatInstance, type InstanceKey } from '../../addrs/index.js';
import { isWhollyKnown, sensitivePaths, type Value } from '../../lang/index.js';
import type { StateInstance } from '../../states/model.js';
import { evaluateBody } from '../eval/body.js';
import { expandResource, instancesOf } from '../eval/expand.js';
import { instanceAddr, type Extras, type ModuleInstance } from '../eval/world.js';
import type { ConfigNode } from '../nodes.js';
import { operationContext, timeoutMs } from '../opctx.js';
import { providerErrorDiagnostic } from '../errors.js';
import { target } from '../events.js';
import { schemaOf } from '../schema-types.js';
import { buildChange } from './change.js';
import { proposeAndPlan } from './managed.js';
import { providerFor } from './refresh.js';
import type { PlanRun } from './run.js';
import { fromHandlerAttrs, sensitiveOf, toHandlerAttrs, toStatePath } from './values.js';

type ResourceNode = Extract<ConfigNode, { kind: 'resource' }>;

/**
 * Plans a data resource node: each instance is read now when its configuration is wholly known and
 * nothing it explicitly depends on has changes pending; otherwise it is planned as a read during
 * apply (`<=`, with Terraform's reasons). Values read are recorded in the refreshed state.
 */
export async function planDataNode(run: PlanRun, node: ResourceNode): Promise<boolean> {
  const r = node.resource;
  const mis = run.world.moduleInstances.get(node.path.join('.')) ?? [];
  const jobs: Promise<boolean>[] = [];
  for (const mi of mis) {
    const ex = expandResource(run.world, mi, r, node.id, run.diagnostics);
    if (ex.mode === 'unknown') return false;
    const instances = instancesOf(ex);
    const keys = instances.map((x) => x.key);
    for (const x of instances) jobs.push(isCheckData(mi.module, r) ? planCheckDataInstance(run, node, mi, x.key, x.extras) : planDataInstance(run, node, mi, x.key, x.extras));
    // Drop data instances the expansion no longer has.
    const res = run.state.resource({ module: mi.path, mode: 'data', type: r.type, name: r.name });
    for (const inst of res?.instances ?? []) if (!keys.some((k) => k === inst.index_key)) run.state.removeObject(instanceAddr(mi, r, inst.index_key));
  }
  return (await Promise.all(jobs)).every(Boolean);
}

/**
 * A data source nested in a check block: read like any other, but what goes wrong is a warning and
 * planning goes on (Terraform's rule: a check never blocks a plan); its value is then unknown.
 */
async function planCheckDataInstance(run: PlanRun, node: ResourceNode, mi: ModuleInstance, key: InstanceKey, extras: Extras): Promise<boolean> {
  const own: Diagnostic[] = [];
  const ok = await planDataInstance({ ...run, diagnostics: own }, node, mi, key, extras);
  const check = [...mi.module.checks.values()].find((c) => c.data === node.resource)!;
  const context = `check "${check.name}"`;
  run.diagnostics.push(...own.map((d) => (d.severity === 'error' ? { ...d, severity: 'warning' as const, context } : d)));
  // Its assertions are not evaluated when the data could not be read, as in Terraform.
  if (!ok || own.some((d) => d.severity === 'error')) run.world.unreadChecks.add(`${mi.key}|${check.name}`);
  return true;
}

async function planDataInstance(run: PlanRun, node: ResourceNode, mi: ModuleInstance, key: InstanceKey, extras: Extras): Promise<boolean> {
  const r = node.resource;
  const addr = instanceAddr(mi, r, key);
  const address = formatInstance(addr);
  const schema = schemaOf('data', r.type);
  const pv = providerFor(run, node, mi, extras, address);
  if (!pv) return false;
  const handler = pv.slot.provider?.dataSources[r.type];
  if (!handler) {
    run.diagnostics.push(error('Invalid data source', `The provider ${pv.slot.stateAddr} does not support data source "${r.type}".`, { subject: r.range, address }));
    return false;
  }
  if (run.opts.mode === 'destroy') {
    const prior = run.state.object(addr);
    if (prior) run.world.setValue(addr, fromHandlerAttrs(schema, prior.attributes, undefined, []));
    return true;
  }
  const ev = evaluateBody(run.world, mi, r.config, schema, extras, address);
  run.diagnostics.push(...ev.diagnostics);
  if (ev.diagnostics.some((d) => d.severity === 'error')) return false;
  const pending = r.dependsOn.length > 0 && dependsOnPending(run, node);
  if (!isWhollyKnown(ev.value) || pending) {
    const planned = proposeAndPlan(run, schema, {}, null, ev.value, pv.slot, run.diagnostics);
    if (!planned) return false;
    const reason = pending ? 'read_because_dependency_pending' : 'read_because_config_unknown';
    const change = buildChange({ addr, providerAddr: pv.slot.stateAddr, ...(pv.providerKey !== undefined ? { providerKey: pv.providerKey } : {}), actions: ['read'], before: undefined, after: planned.value, reason });
    run.changes.push(change);
    run.world.setValue(addr, planned.value);
    run.planned.set(address, { addr, address, resource: r, nodeId: node.id, mi, key, extras, slot: pv.slot, providerKey: pv.providerKey, change, planned: planned.value });
    return true;
  }
  const kept = run.opts.keepReadData ? run.state.object(addr) : undefined;
  let value: Value | undefined;
  if (kept) {
    value = fromHandlerAttrs(schema, kept.attributes, undefined, sensitiveOf(schema, ev.value));
    run.world.setValue(addr, value);
  } else {
    value = await readData(run, addr, pv.slot, pv.providerKey, handler, ev.value, schema, r.timeouts.read, undefined, r.range);
    if (!value) return false;
    run.world.setValue(addr, value);
    const inst: StateInstance = { schema_version: 0, attributes: toHandlerAttrs(schema, value) as Record<string, unknown>, sensitive_attributes: dataSensitivePaths(value) };
    run.state.setObject(addr, pv.slot.stateAddr, inst);
  }
  // Nested in a check block: read again during apply, so the check sees what apply made (Terraform's
  // `read_because_check_nested`); not in refresh-only plans, which carry nothing out.
  if (isCheckData(mi.module, r) && run.opts.mode === 'normal') {
    const change = buildChange({ addr, providerAddr: pv.slot.stateAddr, ...(pv.providerKey !== undefined ? { providerKey: pv.providerKey } : {}), actions: ['read'], before: undefined, after: value, reason: 'read_because_check_nested' });
    run.changes.push(change);
    run.planned.set(address, { addr, address, resource: r, nodeId: node.id, mi, key, extras, slot: pv.slot, providerKey: pv.providerKey, change, planned: value });
  }
  return true;
}

/** Reads a data source now (`ADDR: Reading...`); returns config values merged with what it read. */
export async function readData(
  run: { limit: PlanRun['limit']; diagnostics: PlanRun['diagnostics']; ctx: PlanRun['ctx'] },
  addr: import('../../addrs/index.js').ResourceInstanceAddr,
  slot: PlanRun['providers'] extends Map<string, infer S> ? S : never,
  providerKey: InstanceKey,
  handler: Pick<import('../../providers/index.js').DataSourceHandler, 'read' | 'timeouts' | 'sensitive'>,
  config: Value,
  schema: ReturnType<typeof schemaOf>,
  timeout: string | undefined,
  kill?: AbortSignal,
  /** The data block, for the subject of a diagnostic about the read. */
  range?: import('../../diag/index.js').SourceRange,
): Promise<Value | undefined> {
  const address = formatInstance(addr);
  return run.limit(async () => {
    const oc = operationContext(slot, providerKey, address, timeoutMs(timeout, handler.timeouts?.read ?? 5 * 60_000), kill);
    run.diagnostics.push(...oc.diagnostics);
    if (!oc.value) return undefined;
    run.ctx.listener?.applyStart?.(target(addr), 'read', null);
    try {
      const attrs = await handler.read(oc.value, toHandlerAttrs(schema, config));
      run.ctx.listener?.applyComplete?.(target(addr), 'read', attrs);
      const sensitive = [...sensitiveOf(schema, config), ...(handler.sensitive?.(attrs) ?? []).map((p) => [...p])];
      return fromHandlerAttrs(schema, { ...toHandlerAttrs(schema, config), ...attrs }, undefined, sensitive);
    } catch (e) {
      run.ctx.listener?.applyErrored?.(target(addr), 'read');
      const d = providerErrorDiagnostic(e, address, 'read');
      // A diagnostic about the provider instance (rejected credentials) has no address and stays
      // sourceless, so the reads it stopped share one diagnostic.
      run.diagnostics.push(range && d.address && !d.subject ? { ...d, subject: range, context: `data "${addr.type}" "${addr.name}"` } : d);
      return undefined;
    }
  });
}

/** The `sensitive_attributes` of a data instance's value: its sensitive paths, so the state seals them. */
export function dataSensitivePaths(value: Value): StateInstance['sensitive_attributes'] {
  return sensitivePaths(value).map(toStatePath);
}

function dependsOnPending(run: PlanRun, node: ResourceNode): boolean {
  const deps = run.resourceDeps.get(node.id) ?? new Set<string>();
  return run.changes.some((c) => {
    if (c.actions[0] === 'no-op') return false;
    const base = c.address.replace(/\[[^\]]*\]$/, '');
    return deps.has(base);
  });
}
