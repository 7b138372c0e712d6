import { createHash, randomUUID } from 'node:crypto';
import { dataResource } from '../scoped-data.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { error, hasErrors, type Diagnostic } from '../../diag/index.js';
import { compareInstances, formatInstance, formatModule, parseInstance, type ResourceInstanceAddr } from '../../addrs/index.js';
import { isWhollyKnown, toJSON, type Value } from '../../lang/index.js';
import type { Module } from '../../config/model.js';
import type { OutputChange, Plan, ResourceChange } from '../../plans/model.js';
import { MINITF_VERSION, type StateFile } from '../../states/model.js';
import { World, configKey, type ModuleInstance } from '../eval/world.js';
import { expand } from '../eval/expand.js';
import { buildConfigGraph, type ConfigNode } from '../nodes.js';
import { resourceDependencies, walkGraph } from '../deps.js';
import type { EngineContext, Outcome, PlanOptions } from '../options.js';
import { configureProvider, type ProviderSlots } from '../providers.js';
import { StateIndex } from '../../states/index.js';
import { resolveVariables } from '../vars/resolve.js';
import { childVariableValue } from '../vars/child.js';
import { collectImports } from './imports.js';
import { planManagedNode, planOrphanInstance } from './managed.js';
import { planDataNode } from './data.js';
import { applyMoves } from './moved.js';
import { evaluateOutput, outputChange } from './outputs.js';
import type { PlanRun } from './run.js';
import { buildTargeting } from './targets.js';
import type { Config } from '../../config/index.js';
import { evaluateChecks } from '../checks.js';

/** A plan together with the run that made it (apply in the same process continues from it). */
export interface PlanResult {
  readonly plan: Plan;
  readonly run: PlanRun;
  /** The refreshed prior state (moves applied, data sources read) that apply starts from. */
  readonly refreshed: StateFile;
}

/** A new, empty state snapshot (serial 0, fresh lineage). */
export function newState(): StateFile {
  return { version: 4, terraform_version: MINITF_VERSION, serial: 0, lineage: randomUUID(), outputs: {}, resources: [], check_results: null };
}

/**
 * Plans: refreshes prior objects, evaluates the configuration, and decides an action for every resource
 * instance and output. The result's plan is meaningful (and applyable) unless diagnostics hold errors;
 * planning never changes anything outside minitf (data sources are read, objects refreshed).
 */
export async function plan(ctx: EngineContext, opts: PlanOptions): Promise<Outcome<PlanResult | undefined>> {
  const diags: Diagnostic[] = [];
  const root = ctx.config.root;
  const original = opts.state ?? newState();
  const working = structuredClone(original);
  const state = new StateIndex(working);
  const moved = applyMoves(root, state);
  diags.push(...moved.diagnostics);
  const graph = buildConfigGraph(root);
  const world = new World(ctx.cwd, root, ctx.workspace, true);
  const vars = resolveVariables(root, ctx.variables);
  diags.push(...vars.diagnostics);
  if (hasErrors(diags)) return { value: undefined, diagnostics: diags };
  world.vars.set('', vars.value);
  const targeting = buildTargeting(graph, opts.targets, opts.excludes, opts.mode === 'destroy');
  diags.push(...targeting.diagnostics);
  const imports = collectImports(world, root);
  diags.push(...imports.diagnostics);
  for (const r of opts.replace) if ('error' in parseInstance(r)) diags.push(error('Invalid replace address', `-replace=${r}: ${(parseInstance(r) as { error: string }).error}`));
  if (hasErrors(diags)) return { value: undefined, diagnostics: diags };

  const limiter = pLimit(Math.max(1, opts.parallelism));
  const run: PlanRun = {
    ctx,
    opts,
    graph,
    world,
    state,
    original,
    providers: new Map() as ProviderSlots,
    resourceDeps: resourceDependencies(graph),
    changes: [],
    drift: [],
    planned: new Map(),
    movedFrom: moved.value,
    imports: imports.value,
    targeting: targeting.value,
    diagnostics: diags,
    limit: (fn) => limiter(fn),
  };
  const outputs = new Map<string, { value: ReturnType<typeof evaluateOutput>['value']; sensitive: boolean }>();

  await walkGraph(graph.deps, Math.max(1, opts.parallelism) * 4, async (id) => {
    try {
      return await visit(run, graph.nodes.get(id)!, outputs);
    } catch (e) {
      diags.push(bugDiagnostic(e, id));
      return false;
    }
  }, {
    onSkip: () => {},
  });
  diags.push(...world.diagnostics);
  await planOrphans(run);
  const checks = opts.mode === 'destroy' || opts.skipChecks ? undefined : evaluateChecks(world, 'plan');
  if (checks) diags.push(...checks.diagnostics);

  const outputChanges = planOutputs(run, root, outputs);
  if (opts.mode === 'refresh-only') {
    // Only the refreshed state is applied: nothing planned may be carried out.
    run.changes.length = 0;
    run.planned.clear();
  }
  for (const c of run.changes) {
    if (!c.previousAddress && run.movedFrom.has(c.address)) Object.assign(c, { previousAddress: run.movedFrom.get(c.address) });
  }
  const sorted = sortChanges(run.changes);
  const errored = hasErrors(diags);
  const hasChanges = sorted.some((c) => c.actions[0] !== 'no-op' || c.previousAddress || c.importing) || outputChanges.some((o) => o.actions[0] !== 'no-op');
  const variables: Record<string, { value: unknown; sensitive?: boolean }> = {};
  for (const [n, v] of vars.value) variables[n] = { value: safeJSON(v), ...(root.variables.get(n)?.sensitive ? { sensitive: true } : {}) };
  const p: Plan = {
    mode: opts.mode,
    resourceChanges: sorted,
    resourceDrift: sortChanges(run.drift),
    outputChanges,
    variables,
    targets: opts.targets,
    excludes: opts.excludes,
    replaceAddrs: opts.replace,
    stateLineage: original.lineage,
    stateSerial: original.serial,
    configDigest: configDigest(ctx.config),
    timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    errored,
    complete: !errored,
    applyable: !errored && (hasChanges || opts.mode === 'refresh-only'),
    diagnostics: diags,
    ...(checks?.results.length ? { checks: checks.results } : {}),
  };
  return { value: { plan: p, run, refreshed: working }, diagnostics: diags };
}

async function visit(run: PlanRun, node: ConfigNode, outputs: Map<string, { value: ReturnType<typeof evaluateOutput>['value']; sensitive: boolean }>): Promise<boolean> {
  const w = run.world;
  const mis = () => w.moduleInstances.get(node.path.join('.')) ?? [];
  switch (node.kind) {
    case 'provider': {
      const r = await configureProvider(w, run.graph, node, { env: run.ctx.env, cwd: run.ctx.cwd, ...(run.ctx.emulator ? { emulator: run.ctx.emulator } : {}) });
      run.diagnostics.push(...r.diagnostics);
      run.providers.set(node.id, r.value);
      return !hasErrors(r.diagnostics);
    }
    case 'var': {
      if (node.path.length === 0) return true;
      let ok = true;
      for (const mi of mis()) ok = childVariable(run, mi, node.name) && ok;
      return ok;
    }
    case 'local': {
      for (const mi of mis()) w.local(mi, node.name);
      return true;
    }
    case 'output': {
      let ok = true;
      for (const mi of mis()) {
        const o = mi.module.outputs.get(node.name)!;
        const r = evaluateOutput(w, mi, o);
        run.diagnostics.push(...r.diagnostics);
        if (hasErrors(r.diagnostics)) ok = false;
        if (node.path.length === 0) outputs.set(node.name, { value: r.value, sensitive: o.sensitive });
        else w.childOutput(mi, node.name);
      }
      return ok;
    }
    case 'call': {
      const childKey = [...node.path, node.call.name].join('.');
      const list: ModuleInstance[] = w.moduleInstances.get(childKey) ?? [];
      let ok = true;
      for (const mi of mis()) {
        const ex = expand(w, mi, node.call.count, node.call.forEach, node.call.range, `module.${node.call.name}`);
        run.diagnostics.push(...ex.diagnostics);
        if (ex.value.mode === 'unknown') {
          ok = false;
          continue;
        }
        const keys = ex.value.mode === 'single' ? [undefined] : [...ex.value.keys];
        for (const k of keys) {
          const path = [...mi.path, { name: node.call.name, ...(k !== undefined ? { key: k } : {}) }];
          const key = formatModule(path);
          list.push({ path, key, module: node.call.module });
          if (ex.value.mode === 'for_each' && typeof k === 'string') w.moduleEach.set(key, ex.value.values.get(k)!);
        }
      }
      w.moduleInstances.set(childKey, list);
      return ok;
    }
    case 'resource':
      return node.resource.mode === 'managed' ? planManagedNode(run, node) : planDataNode(run, node);
  }
}

/** Evaluates one input variable of a child module instance and records it in the world. */
function childVariable(run: PlanRun, mi: ModuleInstance, name: string): boolean {
  const r = childVariableValue(run.world, mi, name);
  run.diagnostics.push(...r.diagnostics);
  if (!r.value) return false;
  let m = run.world.vars.get(mi.key);
  if (!m) run.world.vars.set(mi.key, (m = new Map()));
  m.set(name, r.value);
  return true;
}

async function planOrphans(run: PlanRun): Promise<void> {
  const jobs: Promise<boolean>[] = [];
  const objects = run.state.instances().flatMap((e) => [...(e.current ? [e.current] : []), ...e.deposed].map((instance) => ({ addr: e.addr, resource: e.resource, instance })));
  for (const f of objects) {
    const address = formatInstance(f.addr);
    if (run.planned.has(address) || (f.instance.deposed && run.planned.has(`${address} (deposed ${f.instance.deposed})`))) continue;
    const mod = moduleAt(run.graph.modules, f.addr);
    const miKnown = mod && (run.world.moduleInstances.get(f.addr.module.map((s) => s.name).join('.')) ?? []).some((m) => m.key === (f.resource.module ?? ''));
    const inConfig = mod && (f.addr.mode === 'managed' ? mod.managedResources.has(`${f.addr.type}.${f.addr.name}`) : dataResource(mod, `data.${f.addr.type}.${f.addr.name}`) !== undefined);
    if (inConfig && miKnown) continue;
    if (f.addr.mode === 'data') {
      run.state.removeObject(f.addr, f.instance.deposed);
      continue;
    }
    const reason = !mod || !miKnown ? 'delete_because_no_module' : 'delete_because_no_resource_config';
    const slot = [...run.providers.values()].find((s) => s.stateAddr === f.resource.provider);
    if (!slot) {
      const { loadProvider } = await import('../../providers/index.js');
      const name = /provider\["[^"]*\/([^"/]+)"\]/.exec(f.resource.provider)?.[1] ?? '';
      const prov = await loadProvider(name);
      if (prov) {
        const c = prov.configure({ config: {}, env: run.ctx.env, cwd: run.ctx.cwd, view: { name }, address: f.resource.provider, ...(run.ctx.emulator ? { emulator: run.ctx.emulator } : {}) });
        if (c.value) run.providers.set(f.resource.provider, { nodeId: f.resource.provider, name, provider: prov, stateAddr: f.resource.provider, instances: new Map([[undefined, c.value]]), forEach: false });
      }
    }
    const s2 = [...run.providers.values()].find((s) => s.stateAddr === f.resource.provider);
    const fakeNode = s2 ? { kind: 'resource' as const, id: `orphan:${address}`, path: [], resource: undefined as never, provider: s2.nodeId } : undefined;
    jobs.push(planOrphanInstance(run, fakeNode, undefined, f.instance, reason, f.addr, f.resource.provider));
  }
  await Promise.all(jobs);
}

function moduleAt(modules: ReadonlyMap<string, Module>, addr: ResourceInstanceAddr): Module | undefined {
  return modules.get(addr.module.map((s) => s.name).join('.'));
}

function planOutputs(run: PlanRun, root: Module, outputs: Map<string, { value: ReturnType<typeof evaluateOutput>['value']; sensitive: boolean }>): OutputChange[] {
  const prior = run.original.outputs;
  const out: OutputChange[] = [];
  const names = new Set([...Object.keys(prior), ...root.outputs.keys()]);
  for (const name of [...names].sort()) {
    const cfg = root.outputs.get(name);
    if (run.opts.mode === 'destroy' || !cfg) {
      if (prior[name]) out.push(outputChange(name, prior[name], undefined, Boolean(prior[name]!.sensitive)));
      continue;
    }
    const o = outputs.get(name);
    if (!o || o.value === undefined) continue;
    out.push(outputChange(name, prior[name], o.value, o.sensitive));
  }
  return out;
}

function sortChanges(changes: readonly ResourceChange[]): ResourceChange[] {
  const parsed = changes.map((c) => ({ c, a: (parseInstance(c.address) as { addr: ResourceInstanceAddr }).addr }));
  parsed.sort((x, y) => compareInstances(x.a, y.a) || (x.c.deposed ?? '').localeCompare(y.c.deposed ?? ''));
  return parsed.map((x) => x.c);
}

function safeJSON(v: Value): unknown {
  return isWhollyKnown(v) ? toJSON(v) : null;
}

/** A diagnostic for an unexpected exception: always a bug in minitf. */
export function bugDiagnostic(e: unknown, where: string): Diagnostic {
  const msg = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  return error('Internal error', `While processing ${where}: ${msg}\n\nThis is a bug in minitf.`);
}

/** A digest of every configuration file of the module tree (paths and contents). */
export function configDigest(config: Config): string {
  const h = createHash('sha256');
  const visit = (m: Module) => {
    for (const f of [...m.files].sort()) {
      h.update(join(m.dir, f));
      h.update('\0');
      try {
        h.update(readFileSync(join(m.dir, f)));
      } catch {
        h.update('missing');
      }
    }
    for (const c of m.moduleCalls.values()) visit(c.module);
  };
  visit(config.root);
  return h.digest('hex');
}
