import { randomBytes } from 'node:crypto';
import { warning, type Diagnostic } from '../../diag/index.js';
import { parseInstance, type InstanceKey, type ResourceInstanceAddr } from '../../addrs/index.js';
import type { StateInstance } from '../../states/model.js';
import type { PendingCreate } from '../options.js';
import type { ProviderSlot } from '../providers.js';
import type { PlanResult } from '../plan/planner.js';
import { operationContext, timeoutMs } from '../opctx.js';
import { providerErrorDiagnostic } from '../errors.js';
import { isDefiniteRefusal } from '../../providers/index.js';
import type { ApplyRun } from './run-op.js';

/**
 * Recovering what an interrupted create may have made. A create's intent is journaled with its
 * ClientToken and arguments before the call is sent; when a later apply does not repeat that create
 * (the address left the configuration, is not targeted, or its arguments changed), it repeats the
 * recorded call instead: with the same token the cloud returns the object it already made (or makes
 * it, if the first request never arrived), and that object is recorded, so nothing the killed run
 * started is left untracked. It lands as the address's current object when the address has none,
 * else as a deposed object; either way the next plan shows what becomes of it. A destroy deletes
 * recovered objects at once.
 */

/**
 * Recovers the pending creates this apply does not repeat (see above); run before the walk. Not in a
 * refresh-only apply, nor in one limited by -target/-exclude: repeating a request may create an
 * object, which those must not do; the intents stay pending (plan keeps warning) for a full apply.
 */
export async function recoverPendingCreates(run: ApplyRun, planned: PlanResult): Promise<void> {
  const o = planned.run.opts;
  if (o.mode === 'refresh-only' || o.targets.length || o.excludes.length) return;
  for (const [address, p] of [...run.tokens]) {
    const change = planned.run.planned.get(address)?.change;
    if ((change?.actions as readonly string[] | undefined)?.includes('create')) continue;
    run.tokens.delete(address);
    const parsed = parseInstance(address);
    if ('error' in parsed || !p.request || !p.resource) {
      run.diagnostics.push(leftBehind(address, p.token));
      continue;
    }
    const slot = [...planned.run.providers.values()].find((s) => s.stateAddr === p.resource!.provider);
    const key = slot?.forEach ? parsed.addr.key : undefined;
    if (!slot || !slot.instances.has(key)) {
      run.diagnostics.push(leftBehind(address, p.token, `the provider configuration ${p.resource.provider} it was made with is no longer present`));
      continue;
    }
    const got = await recoverCreate(run, parsed.addr, address, p, slot, key);
    if (got && planned.run.opts.mode === 'destroy') await destroyRecovered(run, parsed.addr, address, got, slot, key);
  }
}

/**
 * Repeats one recorded create and records the object it returns (current when the address has none
 * and `asDeposed` is false, else deposed under a new key), resolving the intent. Returns where it was recorded, or undefined
 * (with a warning) when the call failed: the intent then stays pending for the next apply, unless
 * the cloud refused the call outright (`isDefiniteRefusal`), which closes it as failed.
 */
export async function recoverCreate(run: ApplyRun, addr: ResourceInstanceAddr, address: string, p: PendingCreate, slot: ProviderSlot, key: InstanceKey, asDeposed = false): Promise<{ deposed?: string; instance: StateInstance } | undefined> {
  const handler = slot.provider?.resources[addr.type];
  if (!handler || !p.request || !p.resource) {
    run.diagnostics.push(leftBehind(address, p.token, `minitf has no handler for ${addr.type} here`));
    return undefined;
  }
  const deposed = asDeposed || run.state.object(addr) ? randomBytes(4).toString('hex') : undefined;
  const where = deposed ? { deposed } : {};
  const record = async (instance: StateInstance) => {
    await run.journal([{ t: 'object', addr: address, resource: p.resource!, instance }, ...(deposed ? [{ t: 'failed' as const, addr: address, action: 'create', message: `recovered as deposed object ${deposed}` }] : [])]);
    run.state.setObject(addr, p.resource!.provider, instance);
  };
  const oc = operationContext(slot, key, address, timeoutMs(undefined, handler.timeouts.create), run.opts.kill);
  if (!oc.value) {
    run.diagnostics.push(...oc.diagnostics);
    return undefined;
  }
  const base = { schema_version: handler.schemaVersion ?? 0, sensitive_attributes: p.request.sensitive_attributes, ...where };
  let partial = false;
  try {
    const attrs = await run.limit(() =>
      handler.create({ ...oc.value!, clientToken: p.token, recordPartial: (attributes) => ((partial = true), record({ ...base, status: 'tainted', attributes })) }, p.request!.attributes),
    );
    const instance: StateInstance = { ...base, attributes: attrs };
    await record(instance);
    const id = typeof attrs.id === 'string' ? ` [id=${attrs.id}]` : '';
    run.diagnostics.push(
      warning(
        'Recovered an object from an interrupted create',
        `An earlier apply was interrupted while creating ${address}; minitf repeated that request (ClientToken ${p.token}) and recorded the object it returned${id}${deposed ? ` as deposed object ${deposed}, because the address now has another object` : ''}. Run plan to see what becomes of it.`,
        { address },
      ),
    );
    return { ...where, instance };
  } catch (e) {
    const d = providerErrorDiagnostic(e, address, 'create');
    if (!partial && isDefiniteRefusal(e)) {
      await run.journal([{ t: 'failed', addr: address, action: 'create', message: (e as Error).message }]);
      run.diagnostics.push(
        warning(
          'Interrupted create refused when repeated',
          `An earlier apply was interrupted while creating ${address}; minitf repeated that request (ClientToken ${p.token}) and the cloud refused it, so it made nothing: ${d.detail ?? d.summary} The pending create is closed.`,
          { address },
        ),
      );
      return undefined;
    }
    run.diagnostics.push(leftBehind(address, p.token, `repeating the request failed: ${d.summary}${d.detail ? `. ${d.detail}` : ''}`));
    return undefined;
  }
}

async function destroyRecovered(run: ApplyRun, addr: ResourceInstanceAddr, address: string, got: { deposed?: string; instance: StateInstance }, slot: ProviderSlot, key: InstanceKey): Promise<void> {
  const handler = slot.provider!.resources[addr.type]!;
  const oc = operationContext(slot, key, address, timeoutMs(undefined, handler.timeouts.delete), run.opts.kill);
  if (!oc.value) return;
  try {
    await run.limit(() => handler.delete(oc.value!, got.instance.attributes));
    await run.journal([{ t: 'removed', addr: address, ...(got.deposed ? { deposed: got.deposed } : {}) }]);
    run.state.removeObject(addr, got.deposed);
  } catch (e) {
    const d = providerErrorDiagnostic(e, address, 'delete');
    run.diagnostics.push(warning('Could not destroy a recovered object', `${d.summary}. ${d.detail ?? ''} It stays in state; run destroy again.`, { address }));
  }
}

function leftBehind(address: string, token: string, why?: string): Diagnostic {
  return warning(
    'Interrupted create may have left an object behind',
    `An earlier apply was interrupted while creating ${address} (ClientToken ${token})${why ? `, and ${why}` : ', and the request was not recorded in full'}, so minitf cannot adopt what that request may have made. If the cloud has an object for ${address} that is not in the state, delete it or import it.`,
    { address },
  );
}
