import { formatKey, type InstanceKey } from './keys.js';

/** Well-known provider source addresses. */
export const PROVIDER_SOURCES: Readonly<Record<string, string>> = {
  alicloud: 'registry.terraform.io/aliyun/alicloud',
  random: 'registry.terraform.io/hashicorp/random',
  terraform: 'terraform.io/builtin/terraform',
};

/** The full source address of a provider local name (`alicloud` → `registry.terraform.io/aliyun/alicloud`). */
export function providerSource(localName: string, declared?: string): string {
  if (declared) {
    const parts = declared.split('/');
    if (parts.length === 2) return `registry.terraform.io/${declared}`;
    return declared;
  }
  return PROVIDER_SOURCES[localName] ?? `registry.terraform.io/hashicorp/${localName}`;
}

/** Other sources a built-in provider answers to: namespaces the registry moved it from. */
const SOURCE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  alicloud: ['registry.terraform.io/hashicorp/alicloud'],
};

/**
 * The built-in source a `required_providers` entry names wrongly: for a local name minitf has built
 * in (`random`) and a declared source that is another provider (`acme/random`), the built-in source
 * (`registry.terraform.io/hashicorp/random`); undefined when the source is that provider (in any
 * letter case, with or without the registry host) or minitf has no provider by that name.
 */
export function mismatchedSource(localName: string, declared: string): string | undefined {
  const builtIn = PROVIDER_SOURCES[localName];
  if (!builtIn || localName === 'terraform') return undefined;
  const got = providerSource(localName, declared).toLowerCase();
  return got === builtIn || (SOURCE_ALIASES[localName] ?? []).includes(got) ? undefined : builtIn;
}

/** A reference to a provider configuration from configuration: `alicloud`, `alicloud.hz`, `alicloud.by_region["k"]`. */
export interface ProviderRef {
  readonly name: string;
  readonly alias?: string;
  readonly key?: InstanceKey;
}

/** Formats a provider reference the way configuration writes it (`alicloud.hz`, `alicloud.r["k"]`). */
export function formatProviderRef(p: ProviderRef): string {
  return `${p.name}${p.alias ? `.${p.alias}` : ''}${formatKey(p.key)}`;
}

/**
 * Formats the provider configuration address recorded in state: `provider["SOURCE"]` or
 * `provider["SOURCE"].alias`, prefixed with the module path when not in the root module.
 */
export function formatProviderConfig(source: string, alias?: string, modulePrefix = ''): string {
  const p = `provider["${source}"]${alias ? `.${alias}` : ''}`;
  return modulePrefix ? `${modulePrefix}.${p}` : p;
}

/** Parses a state provider address (`provider["src"].alias`) into its parts, or undefined. */
export function parseProviderConfig(text: string): { module: string; source: string; alias?: string } | undefined {
  const m = /^(?:(.*)\.)?provider\["([^"]+)"\](?:\.([A-Za-z_][A-Za-z0-9_-]*))?$/.exec(text);
  if (!m) return undefined;
  return { module: m[1] ?? '', source: m[2]!, ...(m[3] ? { alias: m[3] } : {}) };
}

/** The local name implied by a resource type: the part before the first underscore (`alicloud_vpc` → `alicloud`). */
export function impliedProvider(resourceType: string): string {
  const i = resourceType.indexOf('_');
  return i < 0 ? resourceType : resourceType.slice(0, i);
}
