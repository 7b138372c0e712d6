import { randomBytes, randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { error, hasErrors, type Diagnostic } from '../../diag/index.js';
import { formatModule, parseInstance } from '../../addrs/index.js';
import type { StateFile, StateOutput } from '../../states/model.js';
import type { ResourceRef } from '../../states/backend.js';
import { World } from '../eval/world.js';
import type { EngineContext, Outcome, ApplyOptions } from '../options.js';
import type { PlanResult } from '../plan/planner.js';
import { evaluateOutput, stateOutput } from '../plan/outputs.js';
import { StateIndex } from '../../states/index.js';
import { schemaOf } from '../schema-types.js';
import { instanceValue } from '../plan/values.js';
import { buildOps } from './ops.js';
import { NotStarted, runOp, type ApplyRun } from './run-op.js';
import { finishPendingDeletes } from './finish-deletes.js';
import { recoverPendingCreates } from './recover.js';
import { walkGraph } from '../deps.js';
import { childVariableValue } from '../vars/child.js';
import { isWhollyKnown } from '../../lang/index.js';
import { evaluateChecks } from '../checks.js';
import { stateCheckResults } from '../../plans/checks.js';

/** What an apply did. */
export interface ApplyResult {
  readonly state: StateFile;
  readonly added: number;
  readonly changed: number;
  readonly destroyed: number;
  readonly imported: number;
  readonly outputs: Readonly<Record<string, StateOutput>>;
  /** Addresses whose operation failed (the final message lists them). */
  readonly failed: readonly string[];
  /** True when an interrupt stopped the apply before everything ran. */
  readonly interrupted: boolean;
}

/**
 * Carries out a plan made in this process: runs every operation in dependency order with at most
 * `parallelism` in flight, journals each step before and after it happens (so a kill at any moment
 * loses nothing), writes snapshots periodically and at the end, and evaluates outputs. A failed
 * operation skips its dependents while independent work continues; the result lists what failed.
 */
export async function apply(ctx: EngineContext, planned: PlanResult, opts: ApplyOptions): Promise<Outcome<ApplyResult>> {
  const diags: Diagnostic[] = [];
  const { run: prun } = planned;
  const working: StateFile = structuredClone(planned.refreshed);
  const idx = new StateIndex(working);
  const world = new World(ctx.cwd, ctx.config.root, ctx.workspace, false);
  // Root variables as planned; a child module's input the plan knew only partly is evaluated again
  // when first needed, by then what it refers to has been applied (operations run in dependency order).
  for (const [k, v] of prun.world.vars) world.vars.set(k, k === '' ? v : new Map([...v].filter(([, x]) => isWhollyKnown(x))));
  world.varFallback = (mi, name) => {
    const r = childVariableValue(world, mi, name);
    world.diagnostics.push(...r.diagnostics);
    return r.value;
  };
  for (const [k, v] of prun.world.moduleInstances) world.moduleInstances.set(k, v);
  for (const [k, v] of prun.world.moduleEach) world.moduleEach.set(k, v);
  for (const [k, v] of prun.world.expansions) world.expansions.set(k, v);
  for (const e of idx.instances()) {
    if (e.current) world.setValue(e.addr, instanceValue(schemaOf(e.addr.mode === 'data' ? 'data' : 'resource', e.addr.type), e.current));
  }

  const limiter = pLimit(Math.max(1, opts.parallelism));
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  const persist = async () => {
    if (!dirty) return writing;
    dirty = false;
    const snapshot: StateFile = structuredClone({ ...working, serial: working.serial + 1 });
    working.serial = snapshot.serial;
    writing = writing.then(() => opts.backend.write(snapshot));
    return writing;
  };
  const timer = setInterval(() => void persist().catch(() => {}), opts.persistIntervalMs ?? 5000);
  timer.unref();

  const arun: ApplyRun = {
    ctx,
    opts,
    world,
    state: idx,
    diagnostics: diags,
    counts: { added: 0, changed: 0, destroyed: 0, imported: 0 },
    failed: [],
    journal: async (events) => {
      await opts.backend.append(events);
      dirty = true;
    },
    resourceRef: (pi) => resourceRef(pi.addr, pi.change.providerAddr),
    tokens: new Map(opts.pendingTokens ?? []),
    limit: (fn) =>
      limiter(() => {
        if (opts.stop.aborted) throw new NotStarted();
        return fn();
      }),
  };

  const { ops, deps } = buildOps(prun.planned.values(), prun.resourceDeps, () => randomBytes(4).toString('hex'));
  await finishPendingDeletes(arun, planned, opts.pendingDeletes ?? []);
  await recoverPendingCreates(arun, planned);
  // Operations run their handler calls inside `limiter` (at most -parallelism in flight); the walk
  // itself starts more, so journal writes and evaluation overlap with other operations' API calls.
  await walkGraph(deps, Math.max(opts.parallelism * 4, 32), async (id) => runOp(arun, ops.get(id)!), {
    signal: opts.stop,
    onSkip: (id) => {
      if (opts.stop.aborted) arun.failed.push(ops.get(id)!.pi.address);
    },
  });
  const interrupted = opts.stop.aborted;
  if (!interrupted) {
    // Deletes an earlier run journaled but never carried out, for objects this complete apply kept:
    // the plan no longer deletes them, so those intents are settled.
    const settled = (opts.pendingDeletes ?? []).filter((pd) => {
      const a = parseInstance(pd.addr);
      return 'addr' in a && idx.object(a.addr, pd.deposed) !== undefined;
    });
    if (settled.length) await arun.journal(settled.map((pd) => ({ t: 'failed' as const, addr: pd.addr, ...(pd.deposed ? { deposed: pd.deposed } : {}), action: 'delete', message: 'not carried out: a later apply kept the object' })));
  }
  if (opts.kill.aborted) {
    diags.push(error('operation canceled', 'minitf was interrupted twice: it stopped waiting for the operations still running. What the cloud had made by then is recorded in state (as tainted when it was not complete). Run apply again to finish.'));
  } else if (interrupted) {
    diags.push(error('execution halted', 'minitf was interrupted: operations already running were finished and recorded; nothing new was started. Run apply again to finish.'));
  }

  // Outputs.
  const outputs: Record<string, StateOutput> = {};
  if (prun.opts.mode !== 'destroy') {
    world.resetMemo();
    const root = world.moduleInstances.get('')![0]!;
    for (const o of ctx.config.root.outputs.values()) {
      const r = evaluateOutput(world, root, o);
      if (!interrupted && !hasErrors(diags)) diags.push(...r.diagnostics);
      if (!r.value) {
        if (working.outputs[o.name]) outputs[o.name] = working.outputs[o.name]!;
        continue;
      }
      const so = stateOutput(r.value, o.sensitive);
      if (so) outputs[o.name] = so;
    }
  }
  // A destroy that left no managed object forgets the data sources too, as Terraform's does.
  if (prun.opts.mode === 'destroy' && !interrupted) {
    const left = idx.instances();
    if (!left.some((e) => e.addr.mode === 'managed')) {
      const data = left.filter((e) => e.addr.mode === 'data');
      if (data.length) await arun.journal(data.map((e) => ({ t: 'removed' as const, addr: e.address })));
      for (const e of data) idx.removeInstance(e.addr);
    }
  }
  if (prun.opts.mode !== 'destroy' && !interrupted) {
    const checks = evaluateChecks(world, 'apply');
    diags.push(...checks.diagnostics);
    working.check_results = stateCheckResults(checks.results);
  } else if (prun.opts.mode === 'destroy') working.check_results = null;
  working.outputs = outputs;
  await arun.journal([{ t: 'outputs', outputs }]);
  clearInterval(timer);
  dirty = true;
  await persist();
  return {
    value: { state: working, ...arun.counts, outputs, failed: arun.failed, interrupted },
    diagnostics: diags,
  };
}

function resourceRef(addr: import('../../addrs/index.js').ResourceInstanceAddr, provider: string): ResourceRef {
  const mod = addr.module.length ? formatModule(addr.module) : undefined;
  return { ...(mod ? { module: mod } : {}), mode: addr.mode, type: addr.type, name: addr.name, provider };
}

/** A fresh ClientToken (ASCII, ≤ 64 characters). */
export function newToken(): string {
  return randomUUID();
}
