/**
 * Dependency analysis of one module: its objects as graph nodes and the configuration-level edges
 * between them, from expression references, `depends_on` and provider assignment. `validate`,
 * `minitf graph` and the planner share it.
 *
 * Node ids (stable, also used as the `Cycle: …` members):
 * - `alicloud_vpc.default` — a managed resource (`type.name`)
 * - `data.alicloud_zones.default` — a data resource
 * - `var.x`, `local.y`, `output.z` — input variables, local values, outputs
 * - `module.m` — a module call
 * - `check.c` — a check block (its asserts and scoped data source)
 * - `provider.alicloud` — the default configuration of a provider (implied when no block declares
 *   it), `provider.alicloud.hz` — an aliased configuration
 *
 * An edge `from → to` means `from` depends on `to`. A resource without `provider` depends on the
 * default configuration of its implied provider (the type's prefix, `alicloud_vpc` → `alicloud`).
 */
import { impliedProvider } from '../addrs/index.js';
import { didYouMean, error, nameSuggestion, type Diagnostic, type Result, type SourceRange } from '../diag/index.js';
import { Dag } from '../graph/index.js';
import { references, type Expression, type Reference } from '../lang/index.js';
import { getSchema } from '../schema/index.js';
import type { Body, Module, ProviderRefExpr, Resource } from './model.js';

/** What a node stands for. */
export type DepNodeKind = 'resource' | 'data' | 'variable' | 'local' | 'output' | 'module' | 'check' | 'provider';

/** A node of the configuration graph. */
export interface DepNode {
  readonly id: string;
  readonly kind: DepNodeKind;
  /** Where it is declared (absent for an implied default provider configuration). */
  readonly range?: SourceRange;
  /** The block header for diagnostics (`resource "t" "n"`). */
  readonly context?: string;
  /** For `resource` and `data` nodes. */
  readonly resource?: Resource;
  /** For `provider` nodes: the provider local name and alias. */
  readonly provider?: { readonly name: string; readonly alias?: string; readonly implied: boolean };
}

/** Why an edge exists. */
export type DepEdgeKind = 'reference' | 'depends_on' | 'provider';

/** The graph of one module. */
export interface ModuleGraph {
  readonly nodes: ReadonlyMap<string, DepNode>;
  readonly graph: Dag<DepNode>;
  /** Why each edge exists (`from\0to` → kinds). */
  readonly edgeKinds: ReadonlyMap<string, ReadonlySet<DepEdgeKind>>;
  /**
   * Per module call, what its parts refer to, apart: each input argument's targets, and the targets
   * of `count`/`for_each`/`depends_on` (which every object of the child module waits for). The
   * `module.NAME` node gathers all of them.
   */
  readonly calls: ReadonlyMap<string, { readonly inputs: ReadonlyMap<string, ReadonlySet<string>>; readonly scope: ReadonlySet<string> }>;
}

/** Options of `moduleGraph`. */
export interface ModuleGraphOptions {
  /** How diagnostics name the module: `the root module` (default) or `module.pool`. */
  readonly moduleName?: string;
  /** Report references to undeclared objects (default true; off when the configuration is incomplete). */
  readonly reportUndeclared?: boolean;
}

/** The id of a provider configuration node. */
export function providerNodeId(name: string, alias?: string): string {
  return alias ? `provider.${name}.${alias}` : `provider.${name}`;
}

/** The node id a reference points at, or undefined for references to no node (`count`, `each`, …). */
export function referenceTarget(parts: readonly (string | number)[]): string | undefined {
  const [root, a, b] = parts;
  if (typeof root !== 'string') return undefined;
  switch (root) {
    case 'var':
      return typeof a === 'string' ? `var.${a}` : undefined;
    case 'local':
      return typeof a === 'string' ? `local.${a}` : undefined;
    case 'module':
      return typeof a === 'string' ? `module.${a}` : undefined;
    case 'data':
      return typeof a === 'string' && typeof b === 'string' ? `data.${a}.${b}` : undefined;
    case 'count':
    case 'each':
    case 'self':
    case 'path':
    case 'terraform':
      return undefined;
    default:
      return typeof a === 'string' ? `${root}.${a}` : undefined;
  }
}

/**
 * The references of every expression of a body, nested and dynamic blocks included; inside a
 * dynamic block's `content`, references to its iterator (`disk.value`) are local and left out.
 */
export function bodyReferences(body: Body, locals: ReadonlySet<string> = new Set()): Reference[] {
  const out: Reference[] = [];
  const add = (e: Expression): void => {
    for (const r of references(e)) if (!locals.has(String(r.parts[0]))) out.push(r);
  };
  for (const a of Object.values(body.attributes)) add(a.expr);
  for (const b of body.blocks) for (const r of bodyReferences(b.body, locals)) out.push(r);
  for (const d of body.dynamic) {
    add(d.forEach);
    for (const r of bodyReferences(d.content, new Set([...locals, d.iterator]))) out.push(r);
  }
  return out;
}

/**
 * Builds the configuration graph of one module. Diagnostics report references to undeclared objects
 * (`Reference to undeclared resource`, `… input variable`, `… local value`, `… module`), unknown
 * attributes of resources and module outputs (`Unsupported attribute`), undeclared provider aliases
 * (`Provider configuration not present`) and self-references (`Self-referential block`); such edges
 * are left out. The graph may contain cycles: callers check `graph.cycles()` (see `cycleDiagnostics`).
 */
export function moduleGraph(mod: Module, opts: ModuleGraphOptions = {}): Result<ModuleGraph> {
  const where = opts.moduleName ?? 'the root module';
  const diags: Diagnostic[] = [];
  const nodes = new Map<string, DepNode>();
  const graph = new Dag<DepNode>();
  const edgeKinds = new Map<string, Set<DepEdgeKind>>();
  const add = (n: DepNode): void => {
    nodes.set(n.id, n);
    graph.addNode(n.id, n);
  };
  const edge = (from: string, to: string, kind: DepEdgeKind): void => {
    graph.addEdge(from, to);
    const k = `${from}\0${to}`;
    let s = edgeKinds.get(k);
    if (!s) edgeKinds.set(k, (s = new Set()));
    s.add(kind);
  };

  // 1. Nodes.
  for (const p of mod.providers) add({ id: providerNodeId(p.name, p.alias), kind: 'provider', range: p.range, context: `provider "${p.name}"`, provider: { name: p.name, ...(p.alias ? { alias: p.alias } : {}), implied: false } });
  for (const v of mod.variables.values()) add({ id: `var.${v.name}`, kind: 'variable', range: v.range, context: `variable "${v.name}"` });
  for (const [name, l] of mod.locals) add({ id: `local.${name}`, kind: 'local', range: l.range, context: 'locals' });
  for (const o of mod.outputs.values()) add({ id: `output.${o.name}`, kind: 'output', range: o.range, context: `output "${o.name}"` });
  for (const m of mod.moduleCalls.values()) add({ id: `module.${m.name}`, kind: 'module', range: m.range, context: `module "${m.name}"` });
  for (const c of mod.checks.values()) add({ id: `check.${c.name}`, kind: 'check', range: c.range, context: `check "${c.name}"` });
  const resources = [...mod.managedResources.values(), ...mod.dataResources.values()];
  for (const r of resources) add({ id: r.address, kind: r.mode === 'managed' ? 'resource' : 'data', range: r.range, context: contextOf(r), resource: r });

  // 2. Reference edges.
  const refEdges = (from: DepNode, exprs: readonly (Expression | Reference[])[], kind: DepEdgeKind, self?: string): Set<string> => {
    const targets = new Set<string>();
    for (const e of exprs) for (const ref of Array.isArray(e) ? e : references(e)) {
      if (self !== undefined && from.kind === 'check' && referenceTarget(ref.parts) === self) continue;
      const to = resolveRef(mod, ref, from, where, self, diags);
      if (to) targets.add(to);
      if (to && to !== from.id) edge(from.id, to, kind);
      else if (to && to === from.id && from.kind !== 'variable') diags.push(error('Self-referential block', `Configuration for ${from.id} may not refer to itself.`, { subject: ref.range, ...(from.context ? { context: from.context } : {}) }));
    }
    return targets;
  };
  for (const p of mod.providers) refEdges(nodes.get(providerNodeId(p.name, p.alias))!, [bodyReferences(p.config), ...(p.forEach ? [p.forEach] : [])], 'reference');
  for (const v of mod.variables.values()) refEdges(nodes.get(`var.${v.name}`)!, v.validations.flatMap((c) => [c.condition, c.errorMessage]), 'reference');
  for (const [name, l] of mod.locals) refEdges(nodes.get(`local.${name}`)!, [l.expr], 'reference');
  for (const o of mod.outputs.values()) {
    const n = nodes.get(`output.${o.name}`)!;
    refEdges(n, [o.value, ...o.preconditions.flatMap((c) => [c.condition, c.errorMessage])], 'reference');
    refEdges(n, o.dependsOn, 'depends_on');
  }
  const calls = new Map<string, { inputs: Map<string, Set<string>>; scope: Set<string> }>();
  for (const m of mod.moduleCalls.values()) {
    const n = nodes.get(`module.${m.name}`)!;
    const inputs = new Map(Object.entries(m.inputs).map(([k, a]) => [k, refEdges(n, [a.expr], 'reference')]));
    const scope = refEdges(n, [...(m.count ? [m.count] : []), ...(m.forEach ? [m.forEach] : [])], 'reference');
    for (const t of refEdges(n, m.dependsOn, 'depends_on')) scope.add(t);
    calls.set(m.name, { inputs, scope });
    for (const ref of Object.values(m.providers)) providerEdge(n, ref);
  }
  for (const c of mod.checks.values()) {
    const n = nodes.get(`check.${c.name}`)!;
    refEdges(n, c.asserts.flatMap((a) => [a.condition, a.errorMessage]), 'reference', c.data?.address);
    if (c.data) {
      refEdges(n, [bodyReferences(c.data.config), ...c.data.dependsOn], 'reference', c.data.address);
      if (c.data.provider) providerEdge(n, c.data.provider);
      else implied(n, impliedProvider(c.data.type));
    }
  }
  for (const r of resources) {
    const n = nodes.get(r.address)!;
    const lc = r.lifecycle;
    const conds = [...lc.preconditions, ...lc.postconditions].flatMap((c) => [c.condition, c.errorMessage]);
    refEdges(n, [bodyReferences(r.config), ...(r.count ? [r.count] : []), ...(r.forEach ? [r.forEach] : []), ...lc.replaceTriggeredBy, ...conds], 'reference', r.address);
    refEdges(n, r.dependsOn, 'depends_on');
    if (r.provider) providerEdge(n, r.provider);
    else implied(n, impliedProvider(r.type));
  }

  function implied(n: DepNode, name: string): void {
    const id = providerNodeId(name);
    if (!nodes.has(id)) add({ id, kind: 'provider', context: `provider "${name}"`, provider: { name, implied: true } });
    edge(n.id, id, 'provider');
  }
  function providerEdge(n: DepNode, ref: ProviderRefExpr): void {
    if (!ref.alias) return implied(n, ref.name);
    const id = providerNodeId(ref.name, ref.alias);
    if (!nodes.has(id)) {
      diags.push(
        error(
          'Provider configuration not present',
          `To work with ${n.id} its provider configuration ${ref.name}.${ref.alias} is required, but no provider "${ref.name}" block with alias = "${ref.alias}" is declared in ${where}. Add the provider block, or refer to a configuration that exists.`,
          { subject: ref.range, ...(n.context ? { context: n.context } : {}) },
        ),
      );
      return;
    }
    if (ref.key) refEdges(n, [ref.key], 'reference');
    edge(n.id, id, 'provider');
  }

  const report = opts.reportUndeclared === false ? diags.filter((d) => !UNDECLARED.has(d.summary)) : diags;
  return { value: { nodes, graph, edgeKinds, calls }, diagnostics: report };
}

/** Summaries that only mean something when every declaration was loaded. */
const UNDECLARED = new Set([
  'Reference to undeclared input variable',
  'Reference to undeclared local value',
  'Reference to undeclared module',
  'Reference to undeclared resource',
  'Provider configuration not present',
  'Unsupported attribute',
]);

/** `resource "t" "n"` / `data "t" "n"`. */
function contextOf(r: Resource): string {
  return `${r.mode === 'managed' ? 'resource' : 'data'} "${r.type}" "${r.name}"`;
}

/** Resolves a reference to a node id, reporting references to undeclared objects. */
function resolveRef(mod: Module, ref: Reference, from: DepNode, where: string, self: string | undefined, diags: Diagnostic[]): string | undefined {
  const target = referenceTarget(ref.parts);
  if (!target) return undefined;
  const extra = { subject: ref.range, ...(from.context ? { context: from.context } : {}) };
  const [root, a, b] = ref.parts as [string, string | number | undefined, string | number | undefined];
  switch (root) {
    case 'var':
      if (!mod.variables.has(a as string)) {
        const like = nameSuggestion(String(a), mod.variables.keys());
        const how = like ? `Did you mean "${like}"?` : `This variable can be declared with a variable "${a}" {} block.`;
        diags.push(error('Reference to undeclared input variable', `An input variable with the name "${a}" has not been declared. ${how}`, extra));
        return undefined;
      }
      return target;
    case 'local':
      if (!mod.locals.has(a as string)) {
        diags.push(error('Reference to undeclared local value', `A local value with the name "${a}" has not been declared.${didYouMean(String(a), mod.locals.keys())}`, extra));
        return undefined;
      }
      return target;
    case 'module': {
      const call = mod.moduleCalls.get(a as string);
      if (!call) {
        diags.push(error('Reference to undeclared module', `No module call named "${a}" is declared in ${where}.${didYouMean(String(a), mod.moduleCalls.keys())}`, extra));
        return undefined;
      }
      const out = call.count || call.forEach ? undefined : b;
      if (typeof out === 'string' && call.module.files.length && !call.module.outputs.has(out)) {
        diags.push(error('Unsupported attribute', `This object does not have an attribute named "${out}": the module "${a}" declares no output "${out}".`, extra));
      }
      return target;
    }
    case 'data':
      if (!mod.dataResources.has(target)) {
        diags.push(error('Reference to undeclared resource', `A data resource "${a}" "${b}" has not been declared in ${where}.`, extra));
        return undefined;
      }
      attributeCheck(mod.dataResources.get(target)!, ref.parts.slice(3), extra, diags);
      return target;
    default: {
      const r = mod.managedResources.get(target);
      if (!r) {
        diags.push(error('Reference to undeclared resource', `A managed resource "${root}" "${a}" has not been declared in ${where}.`, extra));
        return undefined;
      }
      if (target !== self) attributeCheck(r, ref.parts.slice(2), extra, diags);
      return target;
    }
  }
}

/** `Unsupported attribute` for `type.name.attr` when the type's schema has no such attribute. */
function attributeCheck(r: Resource, rest: readonly (string | number)[], extra: Partial<Diagnostic>, diags: Diagnostic[]): void {
  if (r.count || r.forEach) return;
  const attr = rest[0];
  if (typeof attr !== 'string') return;
  const schema = getSchema(r.mode === 'managed' ? 'resource' : 'data', r.type);
  if (!schema || schema.attributes[attr] || schema.blocks[attr]) return;
  const like = didYouMean(attr, [...Object.keys(schema.attributes), ...Object.keys(schema.blocks)]);
  diags.push(error('Unsupported attribute', `This object has no argument, nested block, or exported attribute named "${attr}".${like}`, extra));
}
