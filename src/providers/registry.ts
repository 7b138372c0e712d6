import type { Provider } from './types.js';

type Loader = () => Promise<Provider>;

const loaders: Record<string, Loader> = {
  terraform: async () => (await import('./terraform/index.js')).terraformProvider,
  alicloud: async () => (await import('./alicloud/index.js')).alicloudProvider as Provider,
  random: async () => (await import('./random/index.js')).randomProvider,
};

const loaded = new Map<string, Promise<Provider>>();

/** Local names of the providers minitf has built in. */
export function providerNames(): string[] {
  return Object.keys(loaders);
}

/**
 * Loads a provider by local name (`alicloud`, `random`, `terraform`), or undefined when minitf has none by that
 * name. Loading a provider never loads its cloud SDK; clients are created on first use.
 */
export async function loadProvider(name: string): Promise<Provider | undefined> {
  const l = loaders[name];
  if (!l) return undefined;
  let p = loaded.get(name);
  if (!p) {
    p = l();
    loaded.set(name, p);
  }
  return p;
}
