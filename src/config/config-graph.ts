import { formatProviderConfig, providerSource } from '../addrs/index.js';
import type { Diagnostic } from '../diag/index.js';
import { Dag } from '../graph/index.js';
import { moduleGraph, providerNodeId, type DepNode } from './deps.js';
import type { Config } from './load.js';
import type { Module } from './model.js';

/** A node of the whole-configuration graph: a resource, data source or provider configuration. */
export interface ConfigGraphNode {
  /** Module-prefixed id: `alicloud_vpc.default`, `module.pool.terraform_data.x`, `provider.alicloud.hz`. */
  readonly id: string;
  readonly kind: 'resource' | 'data' | 'provider';
  /** Display label: the address, or for providers Terraform's `provider["source"].alias`. */
  readonly label: string;
}

/**
 * The graph `minitf graph` draws: every resource, data source and provider configuration of the
 * configuration, child modules included (ids prefixed `module.NAME.`), with an edge wherever one
 * depends on another through references (also through variables, locals, outputs and module calls,
 * which are not drawn), `depends_on` or provider assignment. A child module's default provider
 * configuration is the one passed in `providers = { … }`, or else the caller's default one.
 */
export function configGraph(config: Config): { graph: Dag<ConfigGraphNode>; diagnostics: Diagnostic[] } {
  const full = new Dag<FullNode>();
  const diagnostics: Diagnostic[] = [];
  addModule(config.root, '', undefined, full, diagnostics);
  const keep = (id: string): boolean => {
    const k = full.get(id)?.kind;
    return k === 'resource' || k === 'data' || k === 'provider';
  };
  const out = new Dag<ConfigGraphNode>();
  for (const id of full.nodes()) if (keep(id)) out.addNode(id, { id, kind: full.get(id)!.kind as ConfigGraphNode['kind'], label: full.get(id)!.label });
  for (const id of out.nodes()) {
    const seen = new Set<string>();
    const stack = [...full.dependencies(id)];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      if (keep(n)) {
        if (n !== id) out.addEdge(id, n);
      } else stack.push(...full.dependencies(n));
    }
  }
  return { graph: out, diagnostics };
}

/** A node of the whole graph before it is reduced to resources: `via` names the module call a synthetic call-part node belongs to. */
type FullNode = DepNode & { label: string; prefix: string; via?: { call: string; part: 'scope' | 'input' } };

interface Caller {
  readonly prefix: string;
  readonly callId: string;
  /** The caller's node for what the call's `count`/`for_each`/`depends_on` refer to: every object of the child waits for it. */
  readonly scopeId: string;
  /** Input name → the caller's node for what that argument refers to. */
  readonly inputIds: ReadonlyMap<string, string>;
  /** Child provider key (`alicloud`, `alicloud.x`) → caller's node id. */
  readonly providers: ReadonlyMap<string, string>;
  readonly defaultProvider: (name: string) => string;
}

function addModule(mod: Module, prefix: string, caller: Caller | undefined, full: Dag<FullNode>, diagnostics: Diagnostic[]): void {
  const g = moduleGraph(mod, { moduleName: prefix ? prefix.slice(0, -1) : 'the root module' });
  diagnostics.push(...g.diagnostics);
  const rename = new Map<string, string>();
  for (const [id, n] of g.value.nodes) {
    if (n.kind === 'provider' && n.provider?.implied && caller) {
      rename.set(id, caller.providers.get(n.provider.name) ?? caller.defaultProvider(n.provider.name));
      continue;
    }
    if (n.kind === 'provider' && n.provider?.alias && caller?.providers.has(`${n.provider.name}.${n.provider.alias}`) && !mod.providers.some((p) => p.name === n.provider!.name && p.alias === n.provider!.alias)) {
      rename.set(id, caller.providers.get(`${n.provider.name}.${n.provider.alias}`)!);
      continue;
    }
    const full_id = prefix + id;
    rename.set(id, full_id);
    const label = n.kind === 'provider' ? providerLabel(mod, n.provider!.name, n.provider!.alias, prefix) : prefix + id;
    full.addNode(full_id, { ...n, id: full_id, label, prefix });
  }
  for (const e of g.value.graph.edges()) {
    const from = rename.get(e.from)!;
    const to = rename.get(e.to)!;
    if (from !== to) full.addEdge(from, to);
  }
  // As the engine orders them (and Terraform records them): a child's variable waits for its own
  // argument only; every object of the child waits for the call's count/for_each/depends_on.
  if (caller) {
    for (const v of mod.variables.keys()) {
      full.addEdge(prefix + `var.${v}`, caller.scopeId);
      const input = caller.inputIds.get(v);
      if (input) full.addEdge(prefix + `var.${v}`, input);
    }
    for (const [id, n] of g.value.nodes) if ((n.kind === 'resource' || n.kind === 'data' || (n.kind === 'provider' && rename.get(id) === prefix + id))) full.addEdge(prefix + id, caller.scopeId);
  }
  const parts = new Map<string, { scopeId: string; inputIds: Map<string, string> }>();
  for (const call of mod.moduleCalls.values()) {
    const c = g.value.calls.get(call.name)!;
    const node = (id: string, part: 'scope' | 'input', targets: ReadonlySet<string>) => {
      full.addNode(id, { id, kind: 'module', label: id, prefix, via: { call: call.name, part } });
      for (const t of targets) {
        const to = rename.get(t);
        if (to && to !== id) full.addEdge(id, to);
      }
      return id;
    };
    const scopeId = node(`${prefix}module.${call.name}#scope`, 'scope', c.scope);
    if (caller) full.addEdge(scopeId, caller.scopeId);
    const inputIds = new Map([...c.inputs].map(([k, t]) => [k, node(`${prefix}module.${call.name}#input.${k}`, 'input', t)]));
    parts.set(call.name, { scopeId, inputIds });
  }
  for (const call of mod.moduleCalls.values()) {
    const childPrefix = `${prefix}module.${call.name}.`;
    const callId = prefix + `module.${call.name}`;
    const providers = new Map<string, string>();
    for (const [k, ref] of Object.entries(call.providers)) {
      const local = providerNodeId(ref.name, ref.alias);
      providers.set(k, rename.get(local) ?? prefix + local);
    }
    const defaultProvider = (name: string): string => {
      const local = providerNodeId(name);
      const id = rename.get(local) ?? prefix + local;
      if (!full.hasNode(id)) full.addNode(id, { id, kind: 'provider', provider: { name, implied: true }, label: providerLabel(mod, name, undefined, prefix), prefix });
      return id;
    };
    addModule(call.module, childPrefix, { prefix: childPrefix, callId, providers, defaultProvider, ...parts.get(call.name)! }, full, diagnostics);
    // In the caller, `module.NAME.out` reaches the child's outputs and `depends_on = [module.NAME]`
    // everything the child manages; the call node itself only gathers the inputs.
    const outputs = [...call.module.outputs.keys()].map((o) => `${childPrefix}output.${o}`);
    const members = full.nodes().filter((id) => id.startsWith(childPrefix) && (full.get(id)?.kind === 'resource' || full.get(id)?.kind === 'data'));
    for (const dependent of [...full.dependents(callId)]) {
      if (full.get(dependent)?.prefix !== prefix) continue;
      const local = [...g.value.nodes.values()].find((n) => prefix + n.id === dependent || rename.get(n.id) === dependent);
      const via = full.get(dependent)?.via;
      const kinds = local ? g.value.edgeKinds.get(`${local.id}\0module.${call.name}`) : via?.part === 'scope' ? g.value.edgeKinds.get(`module.${via.call}\0module.${call.name}`) : undefined;
      full.removeEdge(dependent, callId);
      for (const o of outputs) full.addEdge(dependent, o);
      if (kinds?.has('depends_on')) for (const m of members) full.addEdge(dependent, m);
    }
  }
}

function providerLabel(mod: Module, name: string, alias: string | undefined, prefix: string): string {
  return formatProviderConfig(providerSource(name, mod.terraform.requiredProviders[name]?.source), alias, prefix.replace(/\.$/, ''));
}
