import { randomBytes } from 'node:crypto';
import {
  compareInstances,
  formatInstance,
  formatModule,
  formatResource,
  parseInstance,
  parseModulePath,
  type InstanceKey,
  type ModulePath,
  type ResourceAddr,
  type ResourceInstanceAddr,
} from '../addrs/index.js';
import { MinitfError } from '../diag/index.js';
import type { StateFile, StateInstance, StateResource } from './model.js';

/** One resource instance in state: its address and its objects (current and deposed). */
export interface InstanceEntry {
  readonly addr: ResourceInstanceAddr;
  /** The formatted address, `module.m[0].terraform_data.x["k"]`. */
  readonly address: string;
  readonly resource: StateResource;
  readonly current?: StateInstance;
  readonly deposed: readonly StateInstance[];
}

/** One side of a move: a module instance, a whole resource, or one resource instance. */
export type MoveEndpoint =
  | { readonly kind: 'module'; readonly path: ModulePath }
  | { readonly kind: 'resource'; readonly addr: ResourceAddr }
  | { readonly kind: 'instance'; readonly addr: ResourceInstanceAddr };

/** What a move did: how many resource instances moved, or why nothing moved. */
export type MoveOutcome =
  | { readonly ok: true; readonly moved: number }
  | { readonly ok: false; readonly reason: 'no_source' | 'target_exists' | 'type_mismatch'; readonly message: string };

/**
 * An index over a state for finding and changing resources and instances by address in O(1) per
 * resource (instances of one resource are scanned). It edits `state` in place; once an index exists,
 * change the state only through it (or build a new one). Instances are appended unsorted: writers sort
 * (see `formatState`).
 */
export class StateIndex {
  readonly state: StateFile;
  readonly #byKey = new Map<string, StateResource>();
  readonly #modules = new WeakMap<StateResource, ModulePath>();
  /** Each resource's objects by instance key (current and deposed), so finding one is O(1), not a scan. */
  readonly #slots = new WeakMap<StateResource, Map<string, StateInstance[]>>();

  constructor(state: StateFile) {
    this.state = state;
    for (const r of state.resources) this.#byKey.set(keyOf(r.module ?? '', r.mode, r.type, r.name), r);
  }

  /** The resource entry at `addr` (the key, if any, is ignored). */
  resource(addr: ResourceAddr | string): StateResource | undefined {
    const a = toAddr(addr);
    return this.#byKey.get(keyOf(formatModule(a.module), a.mode, a.type, a.name));
  }

  /** The object of instance `addr`: the current one, or the deposed object `deposed`. */
  object(addr: ResourceInstanceAddr | string, deposed?: string): StateInstance | undefined {
    const a = toAddr(addr);
    const r = this.resource(a);
    return r && this.#slot(r, a.key).find((i) => (i.deposed ?? '') === (deposed ?? ''));
  }

  /** The instance at `addr` with all its objects, or undefined when it has none. */
  instance(addr: ResourceInstanceAddr | string): InstanceEntry | undefined {
    const a = toAddr(addr);
    const r = this.resource(a);
    const objs = r ? this.#slot(r, a.key) : [];
    return r && objs.length ? entry(a, r, objs) : undefined;
  }

  /**
   * Sets one object of instance `addr` (current, or deposed when `obj.deposed` is set), replacing the
   * object with the same key and deposed key. Creates the resource entry with `provider` when missing
   * (an existing entry's provider is updated). `obj.index_key` is set from the address.
   */
  setObject(addr: ResourceInstanceAddr | string, provider: string, obj: StateInstance): void {
    const a = toAddr(addr);
    let r = this.resource(a);
    if (!r) {
      const mod = formatModule(a.module);
      r = { ...(mod ? { module: mod } : {}), mode: a.mode, type: a.type, name: a.name, provider, instances: [] };
      this.state.resources.push(r);
      this.#byKey.set(keyOf(mod, a.mode, a.type, a.name), r);
    } else if (provider && r.provider !== provider) r.provider = provider;
    // Built without `delete`, which would make every instance a slow dictionary-mode object.
    const { index_key: _key, deposed, ...rest } = obj;
    const o: StateInstance = { ...(a.key !== undefined ? { index_key: a.key } : {}), ...rest, ...(deposed ? { deposed } : {}) };
    const slot = this.#slot(r, a.key);
    const old = slot.findIndex((i) => (i.deposed ?? '') === (deposed || ''));
    if (old >= 0) {
      r.instances[r.instances.indexOf(slot[old]!)] = o;
      slot[old] = o;
    } else {
      r.instances.push(o);
      slot.push(o);
    }
  }

  /** Removes one object (the current one, or deposed `deposed`); drops the resource when it is empty. */
  removeObject(addr: ResourceInstanceAddr | string, deposed?: string): boolean {
    const a = toAddr(addr);
    const r = this.resource(a);
    if (!r) return false;
    const slot = this.#slot(r, a.key);
    const at = slot.findIndex((i) => (i.deposed ?? '') === (deposed ?? ''));
    if (at < 0) return false;
    r.instances.splice(r.instances.indexOf(slot[at]!), 1);
    slot.splice(at, 1);
    this.#dropIfEmpty(r);
    return true;
  }

  /** Removes every object of instance `addr` (current and deposed); returns how many were removed. */
  removeInstance(addr: ResourceInstanceAddr | string): number {
    const a = toAddr(addr);
    const r = this.resource(a);
    if (!r) return 0;
    const before = r.instances.length;
    r.instances = r.instances.filter((i) => !sameKey(i.index_key, a.key));
    this.#slots.get(r)?.delete(keyText(a.key));
    this.#dropIfEmpty(r);
    return before - r.instances.length;
  }

  /**
   * Turns the current object of `addr` into a deposed object (create_before_destroy) and returns its
   * deposed key (8 hex digits, new unless `key` is given); undefined when there is no current object.
   */
  depose(addr: ResourceInstanceAddr | string, key?: string): string | undefined {
    const a = toAddr(addr);
    const cur = this.object(a);
    if (!cur) return undefined;
    const r = this.resource(a)!;
    let k = key ?? randomBytes(4).toString('hex');
    while (!key && r.instances.some((i) => i.deposed === k)) k = randomBytes(4).toString('hex');
    cur.deposed = k;
    return k;
  }

  /**
   * Moves objects from one address to another (`moved` blocks, `state mv`): a module instance with
   * everything in it, a whole resource (keys kept), or one instance (current and deposed objects).
   * A resource endpoint paired with an instance endpoint means that resource's no-key instance.
   * Nothing changes unless the outcome is ok: the source must exist and the target must be free.
   */
  move(from: MoveEndpoint, to: MoveEndpoint): MoveOutcome {
    if (from.kind === 'module' || to.kind === 'module') {
      if (from.kind !== 'module' || to.kind !== 'module') return fail('type_mismatch', 'A module can only be moved to another module address.');
      return this.#moveModule(from.path, to.path);
    }
    if (from.kind === 'resource' && to.kind === 'resource') return this.#moveResource(from.addr, to.addr);
    return this.#moveInstance(from.addr, to.addr);
  }

  /** Every instance, in `state list` order (root module first, module path, data before managed, type, name, key). */
  instances(): InstanceEntry[] {
    const out: InstanceEntry[] = [];
    for (const r of this.state.resources) {
      const module = this.#modulePath(r);
      for (const objs of this.#slots.get(r)?.values() ?? groupByKey(r.instances).values()) {
        if (!objs.length) continue;
        const key = objs[0]!.index_key;
        const addr: ResourceInstanceAddr = { module, mode: r.mode, type: r.type, name: r.name, ...(key !== undefined ? { key } : {}) };
        out.push(entry(addr, r, objs));
      }
    }
    return out.sort((x, y) => compareInstances(x.addr, y.addr));
  }

  /** Every instance address, in `state list` order. */
  addresses(): string[] {
    return this.instances().map((e) => e.address);
  }

  /** The objects of `r`'s instance `key` (the index's own list: change it with `r.instances`). */
  #slot(r: StateResource, key: InstanceKey): StateInstance[] {
    let slots = this.#slots.get(r);
    if (!slots) this.#slots.set(r, (slots = groupByKey(r.instances)));
    let list = slots.get(keyText(key));
    if (!list) slots.set(keyText(key), (list = []));
    return list;
  }

  #modulePath(r: StateResource): ModulePath {
    let p = this.#modules.get(r);
    if (!p) {
      p = parseModuleText(r.module ?? '');
      this.#modules.set(r, p);
    }
    return p;
  }

  #dropIfEmpty(r: StateResource): void {
    if (r.instances.length) return;
    const at = this.state.resources.indexOf(r);
    if (at >= 0) this.state.resources.splice(at, 1);
    this.#byKey.delete(keyOf(r.module ?? '', r.mode, r.type, r.name));
  }

  /** Gives resources new module paths and names: every old key goes before any new one is set, so moves may overlap. */
  #rekey(moves: readonly { readonly r: StateResource; readonly module: string; readonly name: string }[]): void {
    for (const { r } of moves) this.#byKey.delete(keyOf(r.module ?? '', r.mode, r.type, r.name));
    for (const { r, module, name } of moves) {
      if (module) r.module = module;
      else delete r.module;
      r.name = name;
      this.#modules.delete(r);
      this.#byKey.set(keyOf(module, r.mode, r.type, name), r);
    }
  }

  #moveResource(from: ResourceAddr, to: ResourceAddr): MoveOutcome {
    const src = this.resource(from);
    if (!src) return fail('no_source', `Cannot move ${formatResource(from)}: does not match anything in the current state.`);
    if (from.mode !== to.mode || from.type !== to.type) {
      return fail('type_mismatch', `Cannot move ${formatResource(from)} to ${formatResource(to)}: the resource types do not match.`);
    }
    const keys = new Set(src.instances.map((i) => keyText(i.index_key)));
    if (this.resource(to)) {
      const what = keys.size === 1 && keys.has('') ? 'resource instance' : 'resource';
      return fail('target_exists', `Cannot move to ${formatResource(to)}: there is already a ${what} at that address in the current state.`);
    }
    this.#rekey([{ r: src, module: formatModule(to.module), name: to.name }]);
    return { ok: true, moved: keys.size };
  }

  #moveInstance(from: ResourceInstanceAddr, to: ResourceInstanceAddr): MoveOutcome {
    const src = this.instance(from);
    if (!src) return fail('no_source', `Cannot move ${formatInstance(from)}: does not match anything in the current state.`);
    if (from.mode !== to.mode || from.type !== to.type) {
      return fail('type_mismatch', `Cannot move ${formatInstance(from)} to ${formatInstance(to)}: the resource types do not match.`);
    }
    if (this.instance(to)) {
      return fail('target_exists', `Cannot move to ${formatInstance(to)}: there is already a resource instance at that address in the current state.`);
    }
    const objs = [...(src.current ? [src.current] : []), ...src.deposed];
    this.removeInstance(from);
    for (const o of objs) this.setObject(to, this.resource(to)?.provider ?? src.resource.provider, o);
    return { ok: true, moved: 1 };
  }

  #moveModule(from: ModulePath, to: ModulePath): MoveOutcome {
    const fromText = formatModule(from);
    const toText = formatModule(to);
    if (!from.length || !to.length) return fail('type_mismatch', 'Cannot move to or from the root module.');
    const inside = this.state.resources.filter((r) => isWithin(this.#modulePath(r), from));
    if (!inside.length) return fail('no_source', `Cannot move ${fromText}: does not match anything in the current state.`);
    const targets = inside.map((r) => {
      const tail = this.#modulePath(r).slice(from.length);
      return { r, module: formatModule([...to, ...tail]) };
    });
    const moving = new Set(inside);
    for (const t of targets) {
      const there = this.#byKey.get(keyOf(t.module, t.r.mode, t.r.type, t.r.name));
      if (there && !moving.has(there)) {
        return fail('target_exists', `Cannot move to ${toText}: there is already a module instance at that address in the current state.`);
      }
    }
    this.#rekey(targets.map((t) => ({ ...t, name: t.r.name })));
    return { ok: true, moved: 1 };
  }
}

/**
 * Parses a move endpoint from address text: `module.a[0]` is a module instance, `t.n` a resource,
 * `t.n[0]` an instance. Returns an error message for text that is not an address.
 */
export function parseMoveEndpoint(text: string): MoveEndpoint | { error: string } {
  const inst = parseInstance(text);
  if ('addr' in inst) return inst.addr.key === undefined ? { kind: 'resource', addr: inst.addr } : { kind: 'instance', addr: inst.addr };
  const mod = parseModulePath(text);
  if ('path' in mod && mod.path.length) return { kind: 'module', path: mod.path };
  return { error: inst.error };
}

/** Formats a move endpoint as address text. */
export function formatMoveEndpoint(e: MoveEndpoint): string {
  if (e.kind === 'module') return formatModule(e.path);
  return e.kind === 'resource' ? formatResource(e.addr) : formatInstance(e.addr);
}

/** Parses a state file's `module` string (`module.a[0].module.b`); the empty string is the root. */
export function parseModuleText(text: string): ModulePath {
  if (!text) return [];
  const p = parseModulePath(text);
  if ('error' in p) throw new MinitfError('state_invalid_module', `Invalid module address "${text}" in state: ${p.error}`);
  return p.path;
}

function isWithin(path: ModulePath, prefix: ModulePath): boolean {
  if (path.length < prefix.length) return false;
  return prefix.every((s, i) => s.name === path[i]!.name && sameKey(s.key, path[i]!.key));
}

/** A resource's objects by instance key (`keyText`), in their order. */
function groupByKey(objs: readonly StateInstance[]): Map<string, StateInstance[]> {
  const groups = new Map<string, StateInstance[]>();
  for (const i of objs) {
    const k = keyText(i.index_key);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return groups;
}

function entry(addr: ResourceInstanceAddr, resource: StateResource, objs: readonly StateInstance[]): InstanceEntry {
  const current = objs.find((o) => !o.deposed);
  return { addr, address: formatInstance(addr), resource, ...(current ? { current } : {}), deposed: objs.filter((o) => o.deposed) };
}

function toAddr(a: ResourceInstanceAddr | ResourceAddr | string): ResourceInstanceAddr {
  if (typeof a !== 'string') return a;
  const p = parseInstance(a);
  if ('error' in p) throw new MinitfError('invalid_address', p.error);
  return p.addr;
}

function sameKey(a: InstanceKey | null, b: InstanceKey | null): boolean {
  return (a ?? undefined) === (b ?? undefined);
}

function keyText(k: InstanceKey): string {
  return k === undefined || k === null ? '' : typeof k === 'number' ? `#${k}` : `$${k}`;
}

function keyOf(module: string, mode: string, type: string, name: string): string {
  return `${module}\u0000${mode}\u0000${type}\u0000${name}`;
}

function fail(reason: 'no_source' | 'target_exists' | 'type_mismatch', message: string): MoveOutcome {
  return { ok: false, reason, message };
}
