import { error, hasErrors, type Diagnostic } from '../../diag/index.js';
import { formatInstance, parseInstance, type InstanceKey, type ResourceInstanceAddr } from '../../addrs/index.js';
import type { Import, Module, Resource } from '../../config/model.js';
import { asAddressTraversal, containsSensitive, entries, fromJSON, isNull, isWhollyKnown, objectOf, toJSON, typeOf, type Value } from '../../lang/index.js';
import { refsOf, type Extras, type ModuleInstance, type World } from '../eval/world.js';
import type { ResourceHandler } from '../../providers/index.js';
import type { StateInstance } from '../../states/model.js';
import { providerErrorDiagnostic } from '../errors.js';
import { target } from '../events.js';
import { operationContext, timeoutMs } from '../opctx.js';
import type { ProviderSlot } from '../providers.js';
import type { PlanRun } from './run.js';
import { schemaOf } from '../schema-types.js';
import { sensitiveOf, toStatePath } from './values.js';

/**
 * Collects the root module's `import` blocks as target address → ID. `id`, `for_each` and the index in
 * `to` may name variables and locals (and `each.key`/`each.value` under `for_each`, which takes a map,
 * a set of strings or a list as Terraform's does); all must be known at plan time. Evaluating here must
 * not leave memoised locals behind (they may depend on resources not yet planned), so the world's memo
 * is reset afterwards.
 */
export function collectImports(world: World, root: Module): { value: Map<string, string>; diagnostics: Diagnostic[] } {
  const out = new Map<string, string>();
  const diags: Diagnostic[] = [];
  const mi = world.moduleInstances.get('')![0]!;
  const worldDiags = world.diagnostics.length;
  for (const imp of root.imports) {
    const to = asAddressTraversal(imp.to);
    if (!to || (imp.forEach === undefined && to.key && refsOf(to.key).some((r) => r.parts[0] === 'each'))) {
      diags.push(error('Invalid import address', 'The "to" argument of an import block must be a resource instance address, such as terraform_data.x or aws_x.y["k"] (with an index that may use each.key under for_each).', { subject: imp.range }));
      continue;
    }
    for (const each of importInstances(world, mi, imp, diags)) {
      const extras: Extras = each ? { symbols: { each: objectOf({ key: fromJSON(each.key), value: each.value }) } } : {};
      let text = to.text;
      if (to.key) {
        const k = world.evaluate(to.key, mi, extras);
        diags.push(...k.diagnostics);
        const key = isWhollyKnown(k.value) ? toJSON(k.value) : undefined;
        if (typeof key !== 'string' && typeof key !== 'number') {
          if (!hasErrors(k.diagnostics)) diags.push(error('Invalid import address', 'The instance key in the "to" argument of an import block must be a known string or number at plan time.', { subject: imp.range }));
          continue;
        }
        text += `[${JSON.stringify(key)}]`;
      }
      const parsed = parseInstance(text);
      if ('error' in parsed) {
        diags.push(error('Invalid import address', `The "to" argument of an import block must be a resource instance address, such as terraform_data.x or aws_x.y["k"]: ${parsed.error}`, { subject: imp.range }));
        continue;
      }
      const id = world.evaluate(imp.id, mi, extras);
      diags.push(...id.diagnostics);
      if (hasErrors(id.diagnostics)) continue;
      if (!isWhollyKnown(id.value) || typeof toJSON(id.value) !== 'string' || toJSON(id.value) === '') {
        const why = !isWhollyKnown(id.value) ? 'depends on values that cannot be determined until apply' : 'is not a non-empty string';
        diags.push(error('Invalid import id argument', `The import ID ${why}; it must be a known, non-empty string at plan time.`, { subject: imp.id.range }));
        continue;
      }
      const address = formatInstance(parsed.addr);
      if (out.has(address)) {
        diags.push(error('Duplicate import configuration', `More than one import block targets "${address}"; an object can be imported only once.`, { subject: imp.range, address }));
        continue;
      }
      out.set(address, toJSON(id.value) as string);
    }
  }
  world.diagnostics.length = worldDiags;
  world.resetMemo();
  return { value: out, diagnostics: diags };
}

/** The `each` symbols of an import block: one undefined entry without `for_each`. */
function importInstances(world: World, mi: ModuleInstance, imp: Import, diags: Diagnostic[]): ({ key: string | number; value: Value } | undefined)[] {
  if (!imp.forEach) return [undefined];
  const r = world.evaluate(imp.forEach, mi);
  diags.push(...r.diagnostics);
  if (hasErrors(r.diagnostics)) return [];
  const v = r.value;
  const bad = (detail: string) => {
    diags.push(error('Invalid for_each argument', detail, { subject: imp.forEach!.range }));
    return [];
  };
  if (!isWhollyKnown(v)) return bad('The "for_each" value of an import block depends on values that cannot be determined until apply; import blocks need their keys and IDs at plan time.');
  if (isNull(v)) return bad('The given "for_each" argument value is null. A map, set of strings or list is allowed.');
  if (containsSensitive(v)) return bad('Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments.');
  const t = typeOf(v);
  const kind = typeof t === 'string' ? t : t[0];
  if (kind === 'map' || kind === 'object') return entries(v).map(([k, value]) => ({ key: String(k), value }));
  if (kind === 'list' || kind === 'tuple') return entries(v).map(([k, value]) => ({ key: Number(k), value }));
  if (kind === 'set') {
    const items = entries(v).map(([, item]) => item);
    if (items.some((i) => typeof toJSON(i) !== 'string')) return bad('The given "for_each" argument value is unsuitable: a set given to for_each must hold strings.');
    return items.map((i) => ({ key: toJSON(i) as string, value: i }));
  }
  return bad(`The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, a set of strings or a list, and you have provided a value of type ${kind}.`);
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
      run.ctx.listener?.refreshStart?.(target(addr), attrs);
      const read = (await handler.read(oc.value, attrs)) ?? attrs;
      // The schema's sensitive attributes are listed, so the state seals them (an imported password).
      return { schema_version: handler.schemaVersion ?? 0, attributes: read, sensitive_attributes: sensitiveOf(schemaOf('resource', addr.type), undefined).map(toStatePath) };
    } catch (e) {
      run.diagnostics.push(providerErrorDiagnostic(e, address, 'import'));
      return null;
    }
  });
}
