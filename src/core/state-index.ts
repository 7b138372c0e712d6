import { formatInstance, formatModule, parseInstance, parseModulePath, type InstanceKey, type ModulePath, type ResourceInstanceAddr } from '../addrs/index.js';
import type { StateFile, StateInstance, StateResource } from '../states/model.js';

/** A current or deposed object found in state, with where it lives. */
export interface FoundInstance {
  readonly addr: ResourceInstanceAddr;
  readonly resource: StateResource;
  readonly instance: StateInstance;
}

/** The module path of a state resource (`module.a[0]` text → path). */
export function modulePathOf(r: StateResource): ModulePath {
  if (!r.module) return [];
  const p = parseModulePath(r.module);
  return 'path' in p ? p.path : [];
}

/** The instance address of an object in a state resource. */
export function addrOf(r: StateResource, i: StateInstance): ResourceInstanceAddr {
  return { module: modulePathOf(r), mode: r.mode, type: r.type, name: r.name, ...(i.index_key !== undefined ? { key: i.index_key } : {}) };
}

/**
 * An index over a state snapshot for the engine's lookups by address and its in-place mutations.
 * The wrapped `StateFile` is mutated directly; resource entries are created and dropped as needed.
 */
export class StateIndex {
  private readonly byResource = new Map<string, StateResource>();

  constructor(readonly state: StateFile) {
    for (const r of state.resources) this.byResource.set(resourceKey(modulePathOf(r), r.mode, r.type, r.name), r);
  }

  /** The state resource entry of a resource (any instance key). */
  resource(a: Omit<ResourceInstanceAddr, 'key'>): StateResource | undefined {
    return this.byResource.get(resourceKey(a.module, a.mode, a.type, a.name));
  }

  /** The current object of an instance (not deposed). */
  current(a: ResourceInstanceAddr): StateInstance | undefined {
    return this.resource(a)?.instances.find((i) => i.index_key === a.key && !i.deposed);
  }

  /** Deposed objects of an instance. */
  deposed(a: ResourceInstanceAddr): StateInstance[] {
    return this.resource(a)?.instances.filter((i) => i.index_key === a.key && i.deposed) ?? [];
  }

  /** Every object in state (current and deposed). */
  all(): FoundInstance[] {
    const out: FoundInstance[] = [];
    for (const r of this.state.resources) for (const i of r.instances) out.push({ addr: addrOf(r, i), resource: r, instance: i });
    return out;
  }

  /** Sets (adds or replaces) an object; `deposed` objects are matched by their deposed key. */
  set(a: ResourceInstanceAddr, provider: string, inst: StateInstance): void {
    let r = this.resource(a);
    if (!r) {
      r = { ...(a.module.length ? { module: formatModule(a.module) } : {}), mode: a.mode, type: a.type, name: a.name, provider, instances: [] };
      this.state.resources.push(r);
      this.byResource.set(resourceKey(a.module, a.mode, a.type, a.name), r);
    }
    r.provider = provider;
    const withKey: StateInstance = { ...inst };
    if (a.key !== undefined) withKey.index_key = a.key;
    else delete withKey.index_key;
    const idx = r.instances.findIndex((i) => i.index_key === a.key && (i.deposed ?? '') === (inst.deposed ?? ''));
    if (idx >= 0) r.instances[idx] = withKey;
    else r.instances.push(withKey);
  }

  /** Removes an object (current, or the deposed one with that key); drops empty resources. */
  remove(a: ResourceInstanceAddr, deposed?: string): void {
    const r = this.resource(a);
    if (!r) return;
    r.instances = r.instances.filter((i) => !(i.index_key === a.key && (i.deposed ?? '') === (deposed ?? '')));
    if (r.instances.length === 0) {
      this.state.resources = this.state.resources.filter((x) => x !== r);
      this.byResource.delete(resourceKey(a.module, a.mode, a.type, a.name));
    }
  }

  /** Moves an instance (with its deposed objects) to a new address. */
  move(from: ResourceInstanceAddr, to: ResourceInstanceAddr): void {
    const r = this.resource(from);
    if (!r) return;
    const moving = r.instances.filter((i) => i.index_key === from.key);
    for (const i of moving) {
      this.remove(from, i.deposed);
      this.set(to, r.provider, i);
    }
  }
}

function resourceKey(module: ModulePath, mode: string, type: string, name: string): string {
  return `${formatModule(module)}|${mode}|${type}|${name}`;
}

/** Parses an instance address or returns undefined. */
export function parseAddr(text: string): ResourceInstanceAddr | undefined {
  const r = parseInstance(text);
  return 'addr' in r ? r.addr : undefined;
}

/** The instance key of an address as text for messages. */
export function keyText(k: InstanceKey): string {
  return k === undefined ? '' : typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`;
}

/** A deep copy of a state snapshot. */
export function cloneState(s: StateFile): StateFile {
  return structuredClone(s);
}

export { formatInstance };
