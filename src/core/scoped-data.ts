import type { Module, Resource } from '../config/model.js';

const cache = new WeakMap<Module, ReadonlyMap<string, Resource>>();

/** The data resources nested in a module's `check` blocks, by config address (`data.type.name`). */
export function checkDataResources(mod: Module): ReadonlyMap<string, Resource> {
  let m = cache.get(mod);
  if (!m) {
    m = new Map([...mod.checks.values()].flatMap((c) => (c.data ? [[c.data.address, c.data] as const] : [])));
    cache.set(mod, m);
  }
  return m;
}

/** A module's data resource by config address, nested in a check block or not. */
export function dataResource(mod: Module, address: string): Resource | undefined {
  return mod.dataResources.get(address) ?? checkDataResources(mod).get(address);
}

/** True when `r` is a data resource nested in one of `mod`'s check blocks (its errors are warnings). */
export function isCheckData(mod: Module, r: Resource): boolean {
  return checkDataResources(mod).get(r.address) === r;
}
