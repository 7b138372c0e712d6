import { error, type Diagnostic } from '../diag/index.js';
import { formatProviderConfig, providerSource, type InstanceKey } from '../addrs/index.js';
import { loadProvider, providerNames, type ConfiguredProvider, type Provider } from '../providers/index.js';
import { isKnown, toJSON, type Value } from '../lang/index.js';
import type { ConfigGraph, ConfigNode } from './nodes.js';
import { evaluateBody } from './eval/body.js';
import { expand } from './eval/expand.js';
import { schemaOf } from './schema-types.js';
import type { ModuleInstance, World } from './eval/world.js';

/** A provider configuration node, resolved: the provider, its state address, and its instances by key. */
export interface ProviderSlot {
  readonly nodeId: string;
  readonly name: string;
  readonly alias?: string;
  readonly provider: Provider | undefined;
  /** `provider["registry.terraform.io/aliyun/alicloud"].hz` (with module prefix where declared). */
  readonly stateAddr: string;
  /** Instances by key (`undefined` key for a provider without `for_each`). */
  readonly instances: Map<InstanceKey, ConfiguredProvider>;
  readonly forEach: boolean;
}

/** The provider slots of a run, by node id. */
export type ProviderSlots = Map<string, ProviderSlot>;

/** Where minitf reads provider credentials and endpoints from, plus embedded-emulator overrides. */
export interface ProviderEnv {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory of the run. */
  readonly cwd?: string;
  readonly emulator?: { readonly endpoint: string; readonly accessKeyId: string; readonly accessKeySecret: string };
}

/** The state address of a provider node (resolves the source from `required_providers`). */
export function providerStateAddr(graph: ConfigGraph, node: Extract<ConfigNode, { kind: 'provider' }>): string {
  const mod = graph.modules.get(node.path.join('.'));
  const declared = mod?.terraform.requiredProviders[node.name]?.source;
  const source = providerSource(node.name, declared);
  const modPrefix = node.path.map((p) => `module.${p}`).join('.');
  return formatProviderConfig(source, node.alias, modPrefix);
}

/**
 * Configures one provider node: evaluates its block (once per `for_each` key) and calls the provider's
 * `configure`. Configuring never contacts the cloud; an unknown provider name is a diagnostic.
 */
export async function configureProvider(world: World, graph: ConfigGraph, node: Extract<ConfigNode, { kind: 'provider' }>, penv: ProviderEnv): Promise<{ value: ProviderSlot; diagnostics: Diagnostic[] }> {
  const diags: Diagnostic[] = [];
  const provider = await loadProvider(node.name);
  const stateAddr = providerStateAddr(graph, node);
  const slot: ProviderSlot = { nodeId: node.id, name: node.name, ...(node.alias ? { alias: node.alias } : {}), provider, stateAddr, instances: new Map(), forEach: Boolean(node.config?.forEach) };
  if (!provider) {
    diags.push(error('Failed to query available provider packages', `minitf has no provider named "${node.name}". The providers built in are ${providerNames().sort().map((n) => `"${n}"`).join(', ')}.`, node.config ? { subject: node.config.range } : {}));
    return { value: slot, diagnostics: diags };
  }
  const mi: ModuleInstance = { path: [], key: '', module: graph.modules.get(node.path.join('.'))! };
  const keys: { key: InstanceKey; each?: Value }[] = [];
  if (node.config?.forEach) {
    const e = expand(world, mi, undefined, node.config.forEach, node.config.range, stateAddr);
    diags.push(...e.diagnostics);
    if (e.value.mode === 'for_each') for (const k of e.value.keys) keys.push({ key: k, each: e.value.values.get(k)! });
  } else keys.push({ key: undefined });
  const schema = schemaOf('provider', node.name);
  for (const k of keys) {
    let config: Record<string, unknown> = {};
    if (node.config) {
      const r = evaluateBody(world, mi, node.config.config, schema, k.key !== undefined ? { eachKey: String(k.key), eachValue: k.each! } : {});
      diags.push(...r.diagnostics);
      if (!isKnown(r.value)) {
        diags.push(error('Provider configuration depends on values not yet known', `The configuration of ${stateAddr} refers to values known only after apply; provider configurations must be known at plan time.`, { subject: node.config.range }));
      }
      config = (toJSON(r.value) ?? {}) as Record<string, unknown>;
    }
    const view = { name: node.name, ...(node.alias ? { alias: node.alias } : {}), ...(k.key !== undefined ? { key: k.key } : {}) };
    const c = provider.configure({ config, env: penv.env, ...(penv.cwd ? { cwd: penv.cwd } : {}), view, address: stateAddr + (k.key !== undefined ? `[${JSON.stringify(k.key)}]` : ''), ...(penv.emulator ? { emulator: penv.emulator } : {}) });
    diags.push(...c.diagnostics);
    if (c.value) slot.instances.set(k.key, c.value);
  }
  return { value: slot, diagnostics: diags };
}
