import { error, hasErrors, type Diagnostic } from '../../diag/index.js';
import { formatInstance, formatModule, parseInstance } from '../../addrs/index.js';
import type { Backend } from '../../states/backend.js';
import type { StateFile, StateInstance } from '../../states/model.js';
import { newState } from '../plan/planner.js';
import { World } from '../eval/world.js';
import { buildConfigGraph } from '../nodes.js';
import { configureProvider } from '../providers.js';
import { operationContext, timeoutMs } from '../opctx.js';
import { providerErrorDiagnostic } from '../errors.js';
import { target } from '../events.js';
import { resolveVariables } from '../vars/resolve.js';
import { StateIndex } from '../../states/index.js';
import { resourceDependencies } from '../deps.js';
import { schemaOf } from '../schema-types.js';
import { sensitiveOf, toStatePath } from '../plan/values.js';
import type { EngineContext, Outcome } from '../options.js';

/** What `importResource` did, for the CLI's messages. */
export interface ImportResult {
  readonly address: string;
  readonly type: string;
  readonly id: string;
  readonly state: StateFile;
}

/**
 * `minitf import ADDR ID`: checks that ADDR has a resource block, reads the object through the handler's
 * `import` then `read`, and records it in state (journal first, then a snapshot). Errors follow
 * Terraform's wording (`resource address "X" does not exist in the configuration.`, `Resource already
 * managed by Terraform`). The prior state is left untouched on failure.
 */
export async function importResource(ctx: EngineContext, address: string, id: string, prior: StateFile | null, backend: Backend): Promise<Outcome<ImportResult | undefined>> {
  const diags: Diagnostic[] = [];
  const parsed = parseInstance(address);
  if ('error' in parsed) return { value: undefined, diagnostics: [error('Invalid address', parsed.error)] };
  const addr = parsed.addr;
  if (addr.mode !== 'managed') return { value: undefined, diagnostics: [error('Invalid address', 'Only managed resources can be imported; data sources are read, not imported.')] };
  const graph = buildConfigGraph(ctx.config.root);
  const nodeId = `${addr.module.map((m) => `module.${m.name}.`).join('')}${addr.type}.${addr.name}`;
  const node = graph.nodes.get(nodeId);
  if (!node || node.kind !== 'resource') {
    return {
      value: undefined,
      diagnostics: [
        error(
          'Configuration for import target does not exist',
          `The configuration does not contain a resource block for ${address}: resource address "${address}" does not exist in the configuration.\n\nBefore importing this resource, please create its configuration in the root module. For example:\n\nresource "${addr.type}" "${addr.name}" {\n  # (resource arguments)\n}`,
        ),
      ],
    };
  }
  const r = node.resource;
  if ((r.count || r.forEach) && addr.key === undefined) {
    return { value: undefined, diagnostics: [error('Invalid address', `${formatInstance(addr)} uses ${r.count ? 'count' : 'for_each'}: give the instance key, e.g. ${formatInstance({ ...addr, key: r.count ? 0 : 'key' })}.`)] };
  }
  const state = structuredClone(prior ?? newState());
  const idx = new StateIndex(state);
  if (idx.object(addr)) {
    return {
      value: undefined,
      diagnostics: [error('Resource already managed by minitf', `minitf is already managing a remote object for ${formatInstance(addr)}. To import to this address you must first remove the existing object from the state.`)],
    };
  }
  const world = new World(ctx.cwd, ctx.config.root, ctx.workspace, true);
  const vars = resolveVariables(ctx.config.root, ctx.variables);
  diags.push(...vars.diagnostics);
  if (hasErrors(diags)) return { value: undefined, diagnostics: diags };
  world.vars.set('', vars.value);
  const pnode = graph.nodes.get(node.provider);
  if (!pnode || pnode.kind !== 'provider') return { value: undefined, diagnostics: [error('Provider configuration not present', `No provider configuration serves ${address}.`)] };
  const slotR = await configureProvider(world, graph, pnode, { env: ctx.env, cwd: ctx.cwd, ...(ctx.emulator ? { emulator: ctx.emulator } : {}) });
  diags.push(...slotR.diagnostics);
  if (hasErrors(diags)) return { value: undefined, diagnostics: diags };
  const slot = slotR.value;
  const handler = slot.provider?.resources[addr.type];
  if (!handler) return { value: undefined, diagnostics: [error('Invalid resource type', `The provider ${slot.stateAddr} does not support resource type "${addr.type}".`)] };
  const providerKey = slot.forEach ? [...slot.instances.keys()][0] : undefined;
  const oc = operationContext(slot, providerKey, address, timeoutMs(r.timeouts.read, handler.timeouts.read ?? 5 * 60_000), undefined);
  diags.push(...oc.diagnostics);
  if (!oc.value) return { value: undefined, diagnostics: diags };
  ctx.listener?.importStart?.(target(addr), id);
  let attrs;
  try {
    const imported = await handler.import(oc.value, id);
    attrs = imported ? await handler.read(oc.value, imported) : null;
  } catch (e) {
    diags.push(providerErrorDiagnostic(e, address, 'import'));
    return { value: undefined, diagnostics: diags };
  }
  if (!attrs) {
    diags.push(
      error(
        'Cannot import non-existent remote object',
        `While attempting to import an existing object to "${address}", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use "minitf apply" to create a new remote object for this resource.`,
      ),
    );
    return { value: undefined, diagnostics: diags };
  }
  const deps = [...(resourceDependencies(graph).get(nodeId) ?? [])].sort();
  // The schema's sensitive attributes are listed, so the state seals them (an imported password).
  const sensitive = sensitiveOf(schemaOf('resource', addr.type), undefined);
  const inst: StateInstance = { schema_version: handler.schemaVersion ?? 0, attributes: attrs, sensitive_attributes: sensitive.map(toStatePath), ...(deps.length ? { dependencies: deps } : {}) };
  await backend.append([{ t: 'object', addr: formatInstance(addr), resource: { ...(addr.module.length ? { module: formatModule(addr.module) } : {}), mode: 'managed', type: addr.type, name: addr.name, provider: slot.stateAddr }, instance: inst }]);
  idx.setObject(addr, slot.stateAddr, inst);
  state.serial += 1;
  await backend.write(state);
  ctx.listener?.importComplete?.(target(addr), id, attrs);
  return { value: { address: formatInstance(addr), type: addr.type, id, state }, diagnostics: diags };
}
