import { error } from '../../diag/index.js';
import { formatInstance, type InstanceKey, type ResourceInstanceAddr } from '../../addrs/index.js';
import { isKnown, toJSON } from '../../lang/index.js';
import type { StateInstance } from '../../states/model.js';
import { isDeepStrictEqual } from 'node:util';
import type { ConfigNode } from '../nodes.js';
import type { ProviderSlot } from '../providers.js';
import { operationContext, timeoutMs } from '../opctx.js';
import { providerErrorDiagnostic } from '../errors.js';
import { target } from '../events.js';
import type { Extras, ModuleInstance } from '../eval/world.js';
import { schemaOf } from '../schema-types.js';
import { buildChange } from './change.js';
import type { PlanRun } from './run.js';
import { instanceValue } from './values.js';

/** The provider slot and instance key serving a resource instance (evaluates `alicloud.r[each.key]`). */
export function providerFor(run: PlanRun, node: Extract<ConfigNode, { kind: 'resource' }>, mi: ModuleInstance, extras: Extras, address: string): { slot: ProviderSlot; providerKey: InstanceKey } | undefined {
  const slot = run.providers.get(node.provider);
  if (!slot) {
    run.diagnostics.push(error('Provider configuration not present', `The provider configuration for ${address} (${node.provider}) is not available.`, { address, subject: node.resource.range }));
    return undefined;
  }
  if (!slot.forEach) return { slot, providerKey: undefined };
  const keyExpr = node.resource.provider?.key;
  if (!keyExpr) {
    run.diagnostics.push(error('Invalid provider reference', `${slot.stateAddr} uses for_each, so ${address} must choose an instance: provider = ${node.resource.provider?.name}.${node.resource.provider?.alias}[KEY].`, { address, subject: node.resource.range }));
    return undefined;
  }
  const k = run.world.evaluate(keyExpr, mi, extras);
  run.diagnostics.push(...k.diagnostics);
  if (!isKnown(k.value)) {
    run.diagnostics.push(error('Invalid provider instance key', `The provider instance key for ${address} must be known during planning.`, { address, subject: keyExpr.range }));
    return undefined;
  }
  const key = toJSON(k.value) as InstanceKey;
  if (!slot.instances.has(key)) {
    run.diagnostics.push(error('Invalid provider instance key', `${slot.stateAddr} has no instance with key ${JSON.stringify(key)}; its for_each keys are ${[...slot.instances.keys()].map((x) => JSON.stringify(x)).join(', ')}.`, { address, subject: keyExpr.range }));
    return undefined;
  }
  return { slot, providerKey: key };
}

/**
 * Refreshes one prior object through the handler's `read`, updating the run's state and recording
 * drift. Returns the refreshed object, or null when it is gone from the cloud.
 */
export async function refreshInstance(run: PlanRun, addr: ResourceInstanceAddr, slot: ProviderSlot, providerKey: InstanceKey, prior: StateInstance): Promise<StateInstance | null> {
  const handler = slot.provider?.resources[addr.type];
  if (!handler) return prior;
  const address = formatInstance(addr);
  return run.limit(async () => {
    const oc = operationContext(slot, providerKey, address, timeoutMs(undefined, handler.timeouts.read ?? 5 * 60_000), undefined);
    run.diagnostics.push(...oc.diagnostics);
    if (!oc.value) return prior;
    run.ctx.listener?.refreshStart?.(target(addr, prior.deposed), prior.attributes);
    let fresh: Record<string, unknown> | null;
    try {
      fresh = await handler.read(oc.value, prior.attributes);
    } catch (e) {
      run.diagnostics.push(providerErrorDiagnostic(e, address, 'read'));
      return prior;
    }
    run.ctx.listener?.refreshComplete?.(target(addr, prior.deposed), fresh);
    const schema = schemaOf('resource', addr.type);
    if (!fresh) {
      run.state.removeObject(addr, prior.deposed);
      run.drift.push(buildChange({ addr, providerAddr: slot.stateAddr, actions: ['delete'], before: instanceValue(schema, prior), after: undefined }));
      return null;
    }
    const next: StateInstance = { ...prior, attributes: fresh };
    if (!isDeepStrictEqual(fresh, prior.attributes)) {
      run.drift.push(buildChange({ addr, providerAddr: slot.stateAddr, actions: ['update'], before: instanceValue(schema, prior), after: instanceValue(schema, next) }));
      run.state.setObject(addr, run.state.resource(addr)?.provider ?? slot.stateAddr, next);
    }
    return next;
  });
}
