import { formatProviderConfig, impliedProvider, providerSource } from '../addrs/index.js';
import { references, type Expression, type Reference } from '../lang/index.js';
import { bodyReferences, referenceTarget } from './deps.js';
import type { Config } from './load.js';
import type { Module, ProviderRefExpr, Resource } from './model.js';

/** A node of Terraform's plan graph that `terraform graph -type=plan` declares (the others appear in edges only). */
export interface PlanGraphNode {
  readonly label: string;
  readonly shape: 'box' | 'diamond' | 'note';
}

/** Terraform's plan graph of a configuration: node names as Terraform writes them, edges from dependent to dependency. */
export interface PlanGraph {
  /** Every node name (`terraform_data.a (expand)`, `var.x`, `module.m (close)`, `root`, …). */
  readonly nodes: ReadonlySet<string>;
  /** The nodes Terraform draws with a label and shape. */
  readonly declared: ReadonlyMap<string, PlanGraphNode>;
  /** Edges after transitive reduction, as [from, to]. */
  readonly edges: readonly (readonly [string, string])[];
}

interface Scope {
  readonly mod: Module;
  /** `""` for the root module, else `module.a.module.b.` */
  readonly prefix: string;
  /** The provider node a local provider key (`alicloud`, `alicloud.hz`) resolves to in this module. */
  readonly provider: (name: string, alias?: string) => string;
}

/**
 * Builds the graph Terraform 1.11 prints for `terraform graph -type=plan`: a node per resource and
 * data source (`ADDR (expand)`), root input variable (`var.NAME`), module variable, local and
 * output (`… (expand)`), module call (`module.NAME (expand)` and `(close)`), check block (`(expand)`
 * and `(report)`, with its scoped data source), provider configuration
 * (and its `(close)`), and `root`; an edge wherever Terraform has one (references, `depends_on`,
 * provider use, module membership, closers), transitively reduced as Terraform reduces it.
 */
export function planGraph(config: Config): PlanGraph {
  const edges = new Map<string, Set<string>>();
  const nodes = new Set<string>();
  const declared = new Map<string, PlanGraphNode>();
  const users = new Map<string, Set<string>>();
  const node = (n: string, decl?: PlanGraphNode): string => {
    nodes.add(n);
    if (decl) declared.set(n, decl);
    return n;
  };
  const edge = (from: string, to: string | undefined): void => {
    if (!to || to === from) return;
    node(from);
    node(to);
    let s = edges.get(from);
    if (!s) edges.set(from, (s = new Set()));
    s.add(to);
  };
  const rootProviders = new Map<string, string>();
  const providerNode = (mod: Module, prefix: string, name: string, alias?: string): string => {
    const id = formatProviderConfig(providerSource(name, mod.terraform.requiredProviders[name]?.source), alias, prefix.replace(/\.$/, ''));
    return node(id, { label: id, shape: 'diamond' });
  };

  const addModule = (scope: Scope, caller?: { expand: string; inputs: (name: string) => Expression | undefined; parent: Scope }): void => {
    const { mod, prefix } = scope;
    const inModule = (n: string) => (caller ? edge(n, caller.expand) : undefined);
    const refs = (from: string, exprs: readonly (Expression | Reference[])[], s: Scope = scope) => {
      for (const e of exprs) for (const r of Array.isArray(e) ? e : references(e)) for (const t of targets(s, r)) edge(from, t);
    };
    for (const p of mod.providers) {
      const id = providerNode(mod, prefix, p.name, p.alias);
      if (!prefix && !p.alias) rootProviders.set(p.name, id);
      refs(id, [bodyReferences(p.config), ...(p.forEach ? [p.forEach] : [])]);
      inModule(id);
    }
    for (const v of mod.variables.values()) {
      if (!caller) {
        node(`var.${v.name}`, { label: `var.${v.name}`, shape: 'note' });
        continue;
      }
      const id = node(`${prefix}var.${v.name} (expand)`);
      inModule(id);
      const input = caller.inputs(v.name);
      if (input) refs(id, [input], caller.parent);
    }
    for (const [name, l] of mod.locals) {
      const id = node(`${prefix}local.${name} (expand)`);
      refs(id, [l.expr]);
      inModule(id);
    }
    for (const o of mod.outputs.values()) {
      const id = node(`${prefix}output.${o.name} (expand)`);
      refs(id, [o.value, ...o.preconditions.flatMap((c) => [c.condition, c.errorMessage]), ...o.dependsOn]);
      inModule(id);
    }
    const resourceNode = (r: Resource): string => {
      const id = node(`${prefix}${r.address} (expand)`, { label: `${prefix}${r.address}`, shape: 'box' });
      const lc = r.lifecycle;
      refs(id, [bodyReferences(r.config), ...(r.count ? [r.count] : []), ...(r.forEach ? [r.forEach] : []), ...lc.replaceTriggeredBy, ...[...lc.preconditions, ...lc.postconditions].flatMap((c) => [c.condition, c.errorMessage]), ...r.dependsOn]);
      const p = resourceProvider(scope, r);
      edge(id, p);
      let u = users.get(p);
      if (!u) users.set(p, (u = new Set()));
      u.add(id);
      inModule(id);
      return id;
    };
    for (const r of [...mod.managedResources.values(), ...mod.dataResources.values()]) resourceNode(r);
    for (const c of mod.checks.values()) {
      const expand = node(`${prefix}check.${c.name} (expand)`);
      const report = node(`${prefix}check.${c.name} (report)`);
      inModule(report);
      edge(expand, report);
      refs(expand, c.asserts.flatMap((a) => [a.condition, a.errorMessage]));
      if (c.data) {
        const id = resourceNode(c.data);
        edge(id, report);
        edge(expand, id);
      }
    }
    for (const call of mod.moduleCalls.values()) {
      const expand = node(`${prefix}module.${call.name} (expand)`);
      const close = node(`${prefix}module.${call.name} (close)`);
      refs(expand, [...(call.count ? [call.count] : []), ...(call.forEach ? [call.forEach] : []), ...call.dependsOn]);
      inModule(expand);
      const childPrefix = `${prefix}module.${call.name}.`;
      const child: Scope = {
        mod: call.module,
        prefix: childPrefix,
        provider: (name, alias) => {
          if (call.module.providers.some((p) => p.name === name && p.alias === alias)) return providerNode(call.module, childPrefix, name, alias);
          const passed = call.providers[alias ? `${name}.${alias}` : name];
          if (passed) return scope.provider(passed.name, passed.alias);
          return scope.provider(name, alias);
        },
      };
      addModule(child, { expand, inputs: (n) => call.inputs[n]?.expr, parent: scope });
      for (const n of [...nodes]) if (n.startsWith(childPrefix)) edge(close, n);
    }
  };

  const resourceProvider = (scope: Scope, r: Resource): string => {
    const ref: ProviderRefExpr | undefined = r.provider;
    return ref ? scope.provider(ref.name, ref.alias) : scope.provider(impliedProvider(r.type));
  };
  const rootMod = config.root;
  addModule({
    mod: rootMod,
    prefix: '',
    provider: (name, alias) => (!alias && rootProviders.get(name)) || providerNode(rootMod, '', name, alias),
  });
  for (const p of [...declared.keys()].filter((n) => declared.get(n)!.shape === 'diamond')) {
    const close = `${p} (close)`;
    edge(close, p);
    for (const u of users.get(p) ?? []) edge(close, u);
  }
  const dependents = new Set<string>();
  for (const s of edges.values()) for (const t of s) dependents.add(t);
  node('root');
  for (const n of [...nodes]) if (n !== 'root' && !dependents.has(n)) edge('root', n);
  return { nodes, declared, edges: reduce(edges) };
}

/** The nodes a reference in `scope` stands for (none for `count.index`, `path.module`, undeclared names). */
function targets(scope: Scope, r: Reference): string[] {
  const t = referenceTarget(r.parts);
  if (!t) return [];
  const { mod, prefix } = scope;
  const [root, a] = r.parts;
  if (root === 'var') return mod.variables.has(String(a)) ? [prefix ? `${prefix}var.${a} (expand)` : `var.${a}`] : [];
  if (root === 'local') return mod.locals.has(String(a)) ? [`${prefix}local.${a} (expand)`] : [];
  if (root === 'module') {
    const call = mod.moduleCalls.get(String(a));
    if (!call) return [];
    const out = r.parts.slice(2).find((p): p is string => typeof p === 'string');
    const child = `${prefix}module.${a}.`;
    if (out !== undefined && call.module.outputs.has(out)) return [`${child}output.${out} (expand)`];
    return [`${prefix}module.${a} (close)`];
  }
  if (root === 'data') return mod.dataResources.has(t) ? [`${prefix}${t} (expand)`] : [];
  return mod.managedResources.has(t) ? [`${prefix}${t} (expand)`] : [];
}

/** Terraform's transitive reduction: drops `u → v` when `v` is reachable from `u` another way. */
function reduce(edges: ReadonlyMap<string, ReadonlySet<string>>): [string, string][] {
  const reach = new Map<string, Set<string>>();
  const reachable = (n: string): Set<string> => {
    let r = reach.get(n);
    if (r) return r;
    r = new Set();
    reach.set(n, r);
    for (const t of edges.get(n) ?? []) {
      r.add(t);
      for (const x of reachable(t)) r.add(x);
    }
    return r;
  };
  const out: [string, string][] = [];
  for (const [from, tos] of edges) {
    for (const to of tos) {
      const indirect = [...tos].some((o) => o !== to && reachable(o).has(to));
      if (!indirect) out.push([from, to]);
    }
  }
  return out;
}

/** The graph in Terraform's `graph -type=plan` DOT text: declared nodes, then edges, each sorted. */
export function planGraphDot(g: PlanGraph): string {
  const q = (n: string) => `"[root] ${n.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const s = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const lines = ['digraph {', '\tcompound = "true"', '\tnewrank = "true"', '\tsubgraph "root" {'];
  for (const n of [...g.declared.keys()].sort(cmp)) {
    const d = g.declared.get(n)!;
    lines.push(`\t\t${q(n)} [label = ${s(d.label)}, shape = ${s(d.shape)}]`);
  }
  for (const [a, b] of [...g.edges].sort((x, y) => cmp(x[0], y[0]) || cmp(x[1], y[1]))) lines.push(`\t\t${q(a)} -> ${q(b)}`);
  lines.push('\t}', '}');
  return lines.join('\n') + '\n';
}
