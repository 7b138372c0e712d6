import { warning } from '../../diag/index.js';
import { parseInstance } from '../../addrs/index.js';
import { StateIndex } from '../../states/index.js';
import { operationContext, timeoutMs } from '../opctx.js';
import { providerErrorDiagnostic } from '../errors.js';
import type { PlanResult } from '../plan/planner.js';
import type { ApplyRun } from './run-op.js';

/**
 * Finishes deletes that an interrupted earlier apply started: for each pending delete whose object the
 * refresh found already gone from the cloud, calls the handler's `delete` with the attributes recorded
 * before (it removes what is left, e.g. an image copy's snapshots, and treats the missing object as
 * done), then journals the object as removed. Objects still present are left to the plan.
 */
export async function finishPendingDeletes(run: ApplyRun, planned: PlanResult, pending: readonly { readonly addr: string; readonly deposed?: string }[]): Promise<void> {
  if (!pending.length) return;
  const before = new StateIndex(structuredClone(planned.run.original));
  for (const pd of pending) {
    const parsed = parseInstance(pd.addr);
    if ('error' in parsed) continue;
    const addr = parsed.addr;
    const prior = before.object(addr, pd.deposed);
    if (!prior || run.state.object(addr, pd.deposed)) continue;
    const res = before.resource(addr)!;
    const slot = [...planned.run.providers.values()].find((s) => s.stateAddr === res.provider);
    const handler = slot?.provider?.resources[addr.type];
    if (!slot || !handler) continue;
    const key = slot.forEach ? addr.key : undefined;
    const oc = operationContext(slot, key, pd.addr, timeoutMs(undefined, handler.timeouts.delete), run.opts.kill);
    if (!oc.value) {
      run.diagnostics.push(...oc.diagnostics);
      continue;
    }
    try {
      await run.limit(() => handler.delete(oc.value!, prior.attributes));
      await run.journal([{ t: 'removed', addr: pd.addr, ...(pd.deposed ? { deposed: pd.deposed } : {}) }]);
    } catch (e) {
      const d = providerErrorDiagnostic(e, pd.addr, 'delete');
      run.diagnostics.push(warning('Could not finish an interrupted delete', `${d.summary}. ${d.detail ?? ''} The next apply tries again.`, { address: pd.addr }));
    }
  }
}
