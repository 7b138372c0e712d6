import { error, type Diagnostic } from '../../diag/index.js';
import { formatInstance, parseInstance, type InstanceKey, type ResourceInstanceAddr } from '../../addrs/index.js';
import type { Module, Resource } from '../../config/model.js';
import { asTraversal, evaluate, isKnown, toJSON } from '../../lang/index.js';
import type { ResourceHandler } from '../../providers/index.js';
import type { StateInstance } from '../../states/model.js';
import { providerErrorDiagnostic } from '../errors.js';
import { target } from '../events.js';
import { operationContext, timeoutMs } from '../opctx.js';
import type { ProviderSlot } from '../providers.js';
import type { PlanRun } from './run.js';

/** Collects the root module's `import` blocks as target address → ID (IDs must be known at plan time). */
export function collectImports(root: Module, baseDir: string): { value: Map<string, string>; diagnostics: Diagnostic[] } {
  const out = new Map<string, string>();
  const diags: Diagnostic[] = [];
  for (const imp of root.imports) {
    const parts = asTraversal(imp.to);
    const text = parts ? parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') : undefined;
    const parsed = text ? parseInstance(text) : undefined;
    if (!parsed || 'error' in parsed) {
      diags.push(error('Invalid import address', 'The "to" argument of an import block must be a resource instance address, such as terraform_data.x or aws_x.y["k"].', { subject: imp.range }));
      continue;
    }
    if (imp.forEach) {
      diags.push(error('Unsupported import block', 'minitf does not support for_each in import blocks yet; write one import block per instance.', { subject: imp.range }));
      continue;
    }
    const id = evaluate(imp.id, { get: () => undefined, baseDir });
    diags.push(...id.diagnostics);
    if (!isKnown(id.value) || typeof toJSON(id.value) !== 'string') {
      diags.push(error('Invalid import id argument', 'The import ID must be a known string at plan time.', { subject: imp.id.range }));
      continue;
    }
    out.set(formatInstance(parsed.addr), toJSON(id.value) as string);
  }
  return { value: out, diagnostics: diags };
}

/**
 * Imports an object for an import block during plan (`ADDR: Preparing import... [id=ID]`), then reads
 * it; returns the imported object (not yet in state: apply records it), or null on failure.
 */
export async function importInstance(run: PlanRun, addr: ResourceInstanceAddr, slot: ProviderSlot, providerKey: InstanceKey, handler: ResourceHandler, id: string, r: Resource): Promise<StateInstance | null> {
  const address = formatInstance(addr);
  return run.limit(async () => {
    const oc = operationContext(slot, providerKey, address, timeoutMs(r.timeouts.read, handler.timeouts.read ?? 5 * 60_000), undefined);
    run.diagnostics.push(...oc.diagnostics);
    if (!oc.value) return null;
    run.ctx.listener?.planImport?.(target(addr), id);
    try {
      const attrs = await handler.import(oc.value, id);
      if (!attrs) {
        run.diagnostics.push(error('Cannot import non-existent remote object', `While attempting to import an existing object to "${address}", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use "minitf apply" to create a new remote object for this resource.`, { address, subject: r.range }));
        return null;
      }
      const read = (await handler.read(oc.value, attrs)) ?? attrs;
      return { schema_version: 0, attributes: read, sensitive_attributes: [] };
    } catch (e) {
      run.diagnostics.push(providerErrorDiagnostic(e, address, 'import'));
      return null;
    }
  });
}
