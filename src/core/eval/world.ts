import { relative } from 'node:path';
import { dataResource } from '../scoped-data.js';
import type { Diagnostic, Result } from '../../diag/index.js';
import { formatInstance, formatModule, type InstanceKey, type ModulePath, type ResourceInstanceAddr } from '../../addrs/index.js';
import type { Module, Resource } from '../../config/model.js';
import {
  evaluate as langEvaluate,
  fromJSON,
  objectOf,
  references,
  tupleOf,
  unknown,
  type Expression,
  type Reference,
  type Scope,
  type Value,
} from '../../lang/index.js';
import { objectTypeOf } from '../schema-types.js';

/** One instance of a module: its path (`module.pool[1]`), key text and configuration. */
export interface ModuleInstance {
  readonly path: ModulePath;
  /** `formatModule(path)`: `''` for the root. */
  readonly key: string;
  readonly module: Module;
}

/** How a resource expands in one module instance. */
export type Expansion =
  | { readonly mode: 'single' }
  | { readonly mode: 'count'; readonly keys: readonly number[] }
  | { readonly mode: 'for_each'; readonly keys: readonly string[]; readonly values: ReadonlyMap<string, Value> }
  | { readonly mode: 'unknown' };

/** Per-instance symbols: `count.index`, `each.key`/`each.value`, `self`. */
export interface Extras {
  readonly countIndex?: number;
  readonly eachKey?: string;
  readonly eachValue?: Value;
  readonly self?: Value;
  /** Extra root names (e.g. a `dynamic` block iterator). */
  readonly symbols?: Readonly<Record<string, Value>>;
}

const refCache = new WeakMap<Expression, Reference[]>();

/** The references of an expression, cached per expression object. */
export function refsOf(expr: Expression): Reference[] {
  let r = refCache.get(expr);
  if (!r) {
    r = references(expr);
    refCache.set(expr, r);
  }
  return r;
}

/** The instance address of resource `r` with key `key` in module instance `mi`. */
export function instanceAddr(mi: ModuleInstance, r: Resource, key: InstanceKey): ResourceInstanceAddr {
  return { module: mi.path, mode: r.mode, type: r.type, name: r.name, ...(key !== undefined ? { key } : {}) };
}

/**
 * The evaluation world of one plan or apply: variable values per module instance, module and resource
 * expansions, the current value of every resource instance (planned during plan, applied during apply),
 * and memoised locals and child-module outputs. Scopes are built per expression from its references,
 * so only what an expression names is assembled.
 */
export class World {
  readonly vars = new Map<string, Map<string, Value>>();
  readonly moduleInstances = new Map<string, ModuleInstance[]>();
  readonly expansions = new Map<string, Expansion>();
  readonly values = new Map<string, Value>();
  /** `each.value` of module instances created by a `for_each` module call, by module instance key. */
  readonly moduleEach = new Map<string, Value>();
  private readonly locals = new Map<string, Value>();
  private readonly localsInProgress = new Set<string>();
  private readonly childOutputs = new Map<string, Value>();
  private readonly aggCache = new Map<string, Value>();
  readonly diagnostics: Diagnostic[] = [];
  /** Check blocks (`moduleInstanceKey|name`) whose nested data source could not be read: their assertions are skipped. */
  readonly unreadChecks = new Set<string>();
  /**
   * Computes a module instance's variable that `vars` does not hold yet (apply: a child module input
   * the plan knew only partly, evaluated once what it refers to exists); the result is kept in `vars`.
   */
  varFallback?: (mi: ModuleInstance, name: string) => Value | undefined;

  constructor(
    readonly cwd: string,
    readonly root: Module,
    readonly workspace: string,
    readonly planning: boolean,
  ) {
    this.moduleInstances.set('', [{ path: [], key: '', module: root }]);
  }

  /** Evaluates an expression in a module instance with the given per-instance symbols. */
  evaluate(expr: Expression, mi: ModuleInstance, extras: Extras = {}): Result<Value> {
    return langEvaluate(expr, this.scope([expr], mi, extras));
  }

  /** Records the current value of a resource instance (planned or applied). */
  setValue(addr: ResourceInstanceAddr, v: Value | undefined): void {
    const k = formatInstance(addr);
    if (v === undefined) this.values.delete(k);
    else this.values.set(k, v);
    this.aggCache.delete(aggKey(addr.module, addr.mode, addr.type, addr.name));
  }

  /** Records how a resource expands in a module instance. */
  setExpansion(mi: ModuleInstance, r: Resource, e: Expansion): void {
    this.expansions.set(`${mi.key}|${r.address}`, e);
    this.aggCache.delete(aggKey(mi.path, r.mode, r.type, r.name));
  }

  /** How a resource expands in a module instance (undefined before its node ran). */
  expansion(mi: ModuleInstance, r: Resource): Expansion | undefined {
    return this.expansions.get(`${mi.key}|${r.address}`);
  }

  /** Builds the scope for evaluating `exprs` in `mi`. */
  scope(exprs: readonly Expression[], mi: ModuleInstance, extras: Extras = {}): Scope {
    const roots = new Map<string, Value>();
    const byRoot = new Map<string, Set<string>>();
    for (const e of exprs) {
      for (const ref of refsOf(e)) {
        const root = String(ref.parts[0]);
        let s = byRoot.get(root);
        if (!s) byRoot.set(root, (s = new Set()));
        if (root === 'data') {
          if (ref.parts.length >= 3) s.add(`${String(ref.parts[1])}.${String(ref.parts[2])}`);
        } else if (ref.parts.length >= 2) s.add(String(ref.parts[1]));
        else s.add('*');
      }
    }
    for (const [root, names] of byRoot) {
      const v = this.rootValue(root, names, mi, extras);
      if (v !== undefined) roots.set(root, v);
    }
    if (extras.symbols) for (const [k, v] of Object.entries(extras.symbols)) roots.set(k, v);
    const declared = (r: string): Iterable<string> => (r === 'var' ? mi.module.variables.keys() : r === 'local' ? mi.module.locals.keys() : r === 'module' ? mi.module.moduleCalls.keys() : []);
    return { get: (r) => roots.get(r), baseDir: mi.module.dir, planning: this.planning, declared };
  }

  private rootValue(root: string, names: Set<string>, mi: ModuleInstance, x: Extras): Value | undefined {
    const mod = mi.module;
    switch (root) {
      case 'var': {
        const vars = this.vars.get(mi.key);
        const out: Record<string, Value> = {};
        for (const n of names) {
          let v = vars?.get(n);
          if (v === undefined && this.varFallback && mi.module.variables.has(n)) {
            v = this.varFallback(mi, n);
            if (v !== undefined) (this.vars.get(mi.key) ?? this.vars.set(mi.key, new Map()).get(mi.key)!).set(n, v);
          }
          if (v !== undefined) out[n] = v;
        }
        return objectOf(out);
      }
      case 'local': {
        const out: Record<string, Value> = {};
        for (const n of names) {
          const v = this.local(mi, n);
          if (v !== undefined) out[n] = v;
        }
        return objectOf(out);
      }
      case 'count':
        return x.countIndex === undefined ? undefined : objectOf({ index: fromJSON(x.countIndex) });
      case 'each':
        return x.eachKey === undefined ? undefined : objectOf({ key: fromJSON(x.eachKey), value: x.eachValue ?? fromJSON(x.eachKey) });
      case 'self':
        return x.self;
      case 'path':
        return objectOf({
          module: fromJSON(relative(this.cwd, mod.dir) || '.'),
          root: fromJSON(relative(this.cwd, this.root.dir) || '.'),
          cwd: fromJSON(this.cwd),
        });
      case 'terraform':
        return objectOf({ workspace: fromJSON(this.workspace) });
      case 'data': {
        const types: Record<string, Record<string, Value>> = {};
        for (const tn of names) {
          const r = dataResource(mod, `data.${tn}`);
          if (!r) continue;
          (types[r.type] ??= {})[r.name] = this.aggregate(mi, r);
        }
        const out: Record<string, Value> = {};
        for (const [t, m] of Object.entries(types)) out[t] = objectOf(m);
        return objectOf(out);
      }
      case 'module': {
        const out: Record<string, Value> = {};
        for (const n of names) {
          const v = this.moduleValue(mi, n);
          if (v !== undefined) out[n] = v;
        }
        return objectOf(out);
      }
      default: {
        const out: Record<string, Value> = {};
        for (const n of names) {
          const r = mod.managedResources.get(`${root}.${n}`);
          if (r) out[n] = this.aggregate(mi, r);
        }
        return Object.keys(out).length ? objectOf(out) : undefined;
      }
    }
  }

  /** The value of a resource as a reference sees it: one object, a tuple (count) or an object (for_each). */
  aggregate(mi: ModuleInstance, r: Resource): Value {
    const key = aggKey(mi.path, r.mode, r.type, r.name);
    const hit = this.aggCache.get(key);
    if (hit) return hit;
    const t = objectTypeOf(r.mode === 'data' ? 'data' : 'resource', r.type) ?? 'dynamic';
    const e = this.expansion(mi, r);
    const get = (k: InstanceKey) => this.values.get(formatInstance(instanceAddr(mi, r, k))) ?? unknown(t);
    let v: Value;
    if (!e || e.mode === 'unknown') v = unknown('dynamic');
    else if (e.mode === 'single') v = get(undefined);
    else if (e.mode === 'count') v = tupleOf(e.keys.map((k) => get(k)));
    else {
      const o: Record<string, Value> = {};
      for (const k of e.keys) o[k] = get(k);
      v = objectOf(o);
    }
    this.aggCache.set(key, v);
    return v;
  }

  /** Evaluates (once) a local value of a module instance. */
  local(mi: ModuleInstance, name: string): Value | undefined {
    const k = `${mi.key}\0${name}`;
    const hit = this.locals.get(k);
    if (hit) return hit;
    const attr = mi.module.locals.get(name);
    if (!attr) return undefined;
    if (this.localsInProgress.has(k)) return unknown('dynamic');
    this.localsInProgress.add(k);
    const r = this.evaluate(attr.expr, mi);
    this.localsInProgress.delete(k);
    for (const d of r.diagnostics) this.diagnostics.push(d);
    this.locals.set(k, r.value);
    return r.value;
  }

  /** Forgets memoised locals and child outputs (between plan and apply phases). */
  resetMemo(): void {
    this.locals.clear();
    this.childOutputs.clear();
    this.aggCache.clear();
  }

  /** The value of `module.NAME` as seen from `mi`: an object of outputs, or a tuple/object of them. */
  moduleValue(mi: ModuleInstance, name: string): Value | undefined {
    const call = mi.module.moduleCalls.get(name);
    if (!call) return undefined;
    const childKey = configKey(mi.path) ? `${configKey(mi.path)}.${name}` : name;
    const children = (this.moduleInstances.get(childKey) ?? []).filter((c) => isChildOf(c.path, mi.path));
    const objFor = (c: ModuleInstance) => {
      const o: Record<string, Value> = {};
      for (const outName of call.module.outputs.keys()) o[outName] = this.childOutput(c, outName);
      return objectOf(o);
    };
    if (call.count) return tupleOf(children.map(objFor));
    if (call.forEach) {
      const o: Record<string, Value> = {};
      for (const c of children) o[String(c.path[c.path.length - 1]!.key)] = objFor(c);
      return objectOf(o);
    }
    return children[0] ? objFor(children[0]) : unknown('dynamic');
  }

  /** Evaluates (once) an output of a child module instance. */
  childOutput(mi: ModuleInstance, name: string): Value {
    const k = `${mi.key}\0${name}`;
    const hit = this.childOutputs.get(k);
    if (hit) return hit;
    const o = mi.module.outputs.get(name);
    if (!o) return unknown('dynamic');
    const r = this.evaluate(o.value, mi);
    for (const d of r.diagnostics) this.diagnostics.push(d);
    this.childOutputs.set(k, r.value);
    return r.value;
  }
}

/** The configuration key of a module path: call names joined by dots (`pool.inner`), `''` for root. */
export function configKey(path: ModulePath): string {
  return path.map((s) => s.name).join('.');
}

function isChildOf(child: ModulePath, parent: ModulePath): boolean {
  if (child.length !== parent.length + 1) return false;
  return formatModule(child.slice(0, parent.length)) === formatModule(parent);
}

function aggKey(path: ModulePath, mode: string, type: string, name: string): string {
  return `${formatModule(path)}|${mode}|${type}|${name}`;
}
