import type { Body, Module, ModuleCall, ProviderConfig, Resource } from '../config/model.js';
import { checkDataResources, dataResource } from './scoped-data.js';
import type { Expression } from '../lang/index.js';
import { impliedProvider } from '../addrs/index.js';
import { refsOf } from './eval/world.js';

/**
 * A configuration-level node of the engine's graph. Ids are the node's address in the module tree
 * (`module.pool.terraform_data.member`, `var.x`, `module.m.output.o`, `provider.alicloud.hz`).
 */
export type ConfigNode =
  | { readonly kind: 'var'; readonly id: string; readonly path: readonly string[]; readonly name: string }
  | { readonly kind: 'local'; readonly id: string; readonly path: readonly string[]; readonly name: string }
  | { readonly kind: 'output'; readonly id: string; readonly path: readonly string[]; readonly name: string }
  | { readonly kind: 'resource'; readonly id: string; readonly path: readonly string[]; readonly resource: Resource; readonly provider: string }
  | { readonly kind: 'call'; readonly id: string; readonly path: readonly string[]; readonly call: ModuleCall }
  | { readonly kind: 'provider'; readonly id: string; readonly path: readonly string[]; readonly name: string; readonly alias?: string; readonly config?: ProviderConfig };

/** The engine's configuration graph: nodes and, per node, the ids it depends on. */
export interface ConfigGraph {
  readonly nodes: ReadonlyMap<string, ConfigNode>;
  readonly deps: ReadonlyMap<string, ReadonlySet<string>>;
  readonly modules: ReadonlyMap<string, Module>;
}

/** The id prefix of a module config path: `module.a.module.b.` (empty for the root). */
export function prefixOf(path: readonly string[]): string {
  return path.map((n) => `module.${n}.`).join('');
}

/** All expressions of a body, including nested and dynamic blocks. */
export function bodyExprs(b: Body): Expression[] {
  const out: Expression[] = Object.values(b.attributes).map((a) => a.expr);
  for (const blk of b.blocks) out.push(...bodyExprs(blk.body));
  for (const d of b.dynamic) out.push(d.forEach, ...bodyExprs(d.content));
  return out;
}

/** Every expression a resource block evaluates (arguments, meta-arguments, conditions). */
export function resourceExprs(r: Resource): Expression[] {
  const out = bodyExprs(r.config);
  if (r.count) out.push(r.count);
  if (r.forEach) out.push(r.forEach);
  out.push(...r.dependsOn, ...r.lifecycle.replaceTriggeredBy);
  for (const c of [...r.lifecycle.preconditions, ...r.lifecycle.postconditions]) out.push(c.condition, c.errorMessage);
  if (r.provider?.key) out.push(r.provider.key);
  return out;
}

/**
 * Builds the configuration graph of a module tree in small steps: add every node of every module,
 * resolve provider assignments, then add reference edges (a reference to something undeclared adds
 * no edge: static validation reports it).
 */
export function buildConfigGraph(root: Module): ConfigGraph {
  const nodes = new Map<string, ConfigNode>();
  const deps = new Map<string, Set<string>>();
  const modules = new Map<string, Module>();
  const add = (n: ConfigNode) => {
    nodes.set(n.id, n);
    if (!deps.has(n.id)) deps.set(n.id, new Set());
  };
  const edge = (from: string, to: string) => {
    if (from !== to) deps.get(from)!.add(to);
  };

  const visit = (mod: Module, path: string[], parent?: { mod: Module; path: string[]; call: ModuleCall }) => {
    const pfx = prefixOf(path);
    modules.set(path.join('.'), mod);
    const callId = parent ? `${prefixOf(parent.path)}module.${parent.call.name}` : undefined;
    const refEdges = (from: string, exprs: readonly Expression[], inMod = mod, inPath = path) => {
      for (const e of exprs) for (const to of resolveRefs(inMod, inPath, e)) edge(from, to);
    };
    for (const p of mod.providers) {
      const id = `${pfx}provider.${p.name}${p.alias ? `.${p.alias}` : ''}`;
      add({ kind: 'provider', id, path, name: p.name, ...(p.alias ? { alias: p.alias } : {}), config: p });
      refEdges(id, [...bodyExprs(p.config), ...(p.forEach ? [p.forEach] : [])]);
      if (callId) edge(id, callId);
    }
    for (const v of mod.variables.values()) {
      const id = `${pfx}var.${v.name}`;
      add({ kind: 'var', id, path, name: v.name });
      if (parent && callId) {
        edge(id, callId);
        const input = parent.call.inputs[v.name];
        if (input) refEdges(id, [input.expr], parent.mod, parent.path);
      }
    }
    for (const [name, a] of mod.locals) {
      const id = `${pfx}local.${name}`;
      add({ kind: 'local', id, path, name });
      refEdges(id, [a.expr]);
    }
    for (const o of mod.outputs.values()) {
      const id = `${pfx}output.${o.name}`;
      add({ kind: 'output', id, path, name: o.name });
      refEdges(id, [o.value, ...o.dependsOn, ...o.preconditions.flatMap((c) => [c.condition, c.errorMessage])]);
    }
    for (const r of [...mod.managedResources.values(), ...mod.dataResources.values(), ...checkDataResources(mod).values()]) {
      const id = `${pfx}${r.address}`;
      const provider = resolveProvider(root, modules, path, r.provider ? { name: r.provider.name, ...(r.provider.alias ? { alias: r.provider.alias } : {}) } : { name: impliedProvider(r.type) });
      add({ kind: 'resource', id, path, resource: r, provider });
      refEdges(id, resourceExprs(r));
      if (callId) edge(id, callId);
    }
    for (const call of mod.moduleCalls.values()) {
      const id = `${pfx}module.${call.name}`;
      add({ kind: 'call', id, path, call });
      refEdges(id, [...(call.count ? [call.count] : []), ...(call.forEach ? [call.forEach] : []), ...call.dependsOn]);
      if (callId) edge(id, callId);
      visit(call.module, [...path, call.name], { mod, path, call });
    }
  };
  visit(root, []);

  // Provider nodes referenced but not declared anywhere: implicit empty configurations at the root.
  for (const n of [...nodes.values()]) {
    if (n.kind !== 'resource') continue;
    if (!nodes.has(n.provider)) {
      const m = /^((?:module\.[^.]+\.)*)provider\.([^.]+)(?:\.(.+))?$/.exec(n.provider)!;
      add({ kind: 'provider', id: n.provider, path: [], name: m[2]!, ...(m[3] ? { alias: m[3] } : {}) });
    }
    edge(n.id, n.provider);
  }
  return { nodes, deps, modules };
}

/** The node ids an expression in module `mod` (config path `path`) refers to. */
export function resolveRefs(mod: Module, path: readonly string[], e: Expression): string[] {
  const pfx = prefixOf(path);
  const out: string[] = [];
  for (const ref of refsOf(e)) {
    const p = ref.parts;
    const root = String(p[0]);
    const a = p[1] === undefined ? undefined : String(p[1]);
    switch (root) {
      case 'var':
        if (a && mod.variables.has(a)) out.push(`${pfx}var.${a}`);
        break;
      case 'local':
        if (a && mod.locals.has(a)) out.push(`${pfx}local.${a}`);
        break;
      case 'data': {
        const b = p[2] === undefined ? undefined : String(p[2]);
        if (a && b && dataResource(mod, `data.${a}.${b}`)) out.push(`${pfx}data.${a}.${b}`);
        break;
      }
      case 'module': {
        const call = a ? mod.moduleCalls.get(a) : undefined;
        if (!call) break;
        const o = typeof p[2] === 'string' ? p[2] : undefined;
        const cp = `${pfx}module.${call.name}.`;
        if (o && call.module.outputs.has(o)) out.push(`${cp}output.${o}`);
        else for (const name of call.module.outputs.keys()) out.push(`${cp}output.${name}`);
        out.push(`${pfx}module.${call.name}`);
        break;
      }
      case 'count':
      case 'each':
      case 'self':
      case 'path':
      case 'terraform':
        break;
      default:
        if (a && mod.managedResources.has(`${root}.${a}`)) out.push(`${pfx}${root}.${a}`);
    }
  }
  return out;
}

/**
 * Resolves which provider configuration serves a reference made in module `path`: the module's own
 * block, one passed in by the parent's `providers = {…}`, or (for default configurations) the nearest
 * ancestor's; an implicit empty root configuration when none is declared. Returns the provider node id.
 */
export function resolveProvider(root: Module, _modules: ReadonlyMap<string, Module>, path: readonly string[], ref: { name: string; alias?: string }): string {
  const chain: Module[] = [root];
  for (let i = 0; i < path.length; i++) chain.push(chain[i]!.moduleCalls.get(path[i]!)!.module);
  let depth = path.length;
  let cur = { ...ref };
  for (;;) {
    const mod = chain[depth]!;
    if (mod.providers.some((p) => p.name === cur.name && (p.alias ?? undefined) === (cur.alias ?? undefined))) {
      return `${prefixOf(path.slice(0, depth))}provider.${cur.name}${cur.alias ? `.${cur.alias}` : ''}`;
    }
    if (depth === 0) return `provider.${cur.name}${cur.alias ? `.${cur.alias}` : ''}`;
    const call = chain[depth - 1]!.moduleCalls.get(path[depth - 1]!)!;
    const passed = call.providers[`${cur.name}${cur.alias ? `.${cur.alias}` : ''}`];
    if (passed) cur = { name: passed.name, ...(passed.alias ? { alias: passed.alias } : {}) };
    else if (cur.alias) return `${prefixOf(path.slice(0, depth))}provider.${cur.name}.${cur.alias}`;
    depth--;
  }
}
