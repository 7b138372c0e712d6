import { createHash, randomUUID } from 'node:crypto';
import { isCheckData } from '../scoped-data.js';
import { error, hasErrors, warning, type Diagnostic } from '../../diag/index.js';
import { equals, getPath, isWhollyKnown } from '../../lang/index.js';
import { isDefiniteRefusal, UNKNOWN, type Attributes, type ResourceHandler } from '../../providers/index.js';
import type { JournalEvent, ResourceRef } from '../../states/backend.js';
import type { StateInstance } from '../../states/model.js';
import type { EngineContext, ApplyOptions, PendingCreate } from '../options.js';
import type { PlannedInstance } from '../plan/run.js';
import type { StateIndex } from '../../states/index.js';
import type { World } from '../eval/world.js';
import { evaluateBody } from '../eval/body.js';
import { schemaOf } from '../schema-types.js';
import { operationContext, timeoutMs } from '../opctx.js';
import { providerErrorDiagnostic } from '../errors.js';
import { target } from '../events.js';
import { checkConditions } from '../plan/conditions.js';
import { applyIgnoreChanges, proposeAndPlan } from '../plan/managed.js';
import { dataSensitivePaths, readData } from '../plan/data.js';
import { attrNames, fromHandlerAttrs, instanceValue, sensitiveOf, toHandlerAttrs, toStatePath } from '../plan/values.js';
import type { Op } from './ops.js';
import { recoverCreate } from './recover.js';
import { finalPlanInconsistencies, resultInconsistencies } from './consistency.js';

/** What operations share during one apply. */
export interface ApplyRun {
  readonly ctx: EngineContext;
  readonly opts: ApplyOptions;
  readonly world: World;
  readonly state: StateIndex;
  readonly diagnostics: Diagnostic[];
  readonly counts: { added: number; changed: number; destroyed: number; imported: number };
  readonly failed: string[];
  /** Appends journal events durably (resolves once on disk). */
  journal(events: JournalEvent[]): Promise<void>;
  resourceRef(pi: PlannedInstance): ResourceRef;
  /**
   * Pending creates by address (from an interrupted earlier run). A create of the same address with
   * the same arguments takes its entry (and token); what is left afterwards is recovered.
   */
  readonly tokens: Map<string, PendingCreate>;
  /** Limits operations in flight (`-parallelism`): handler calls run inside it, journal writes outside. */
  limit<T>(fn: () => Promise<T>): Promise<T>;
}

/** Runs one operation; false when it failed (its dependents are then skipped). */
export async function runOp(run: ApplyRun, op: Op): Promise<boolean> {
  try {
    switch (op.kind) {
      case 'create':
      case 'update':
        return await createOrUpdate(run, op);
      case 'delete':
        return await destroy(run, op);
      case 'read':
        return await read(run, op);
      case 'import':
        return await recordImport(run, op);
    }
  } catch (e) {
    if (run.opts.kill.aborted || e instanceof NotStarted) return cancelled(run, op.pi);
    run.diagnostics.push(providerErrorDiagnostic(e, op.pi.address, op.kind));
    run.failed.push(op.pi.address);
    return false;
  }
}

function handlerOf(pi: PlannedInstance): ResourceHandler | undefined {
  return pi.slot?.provider?.resources[pi.addr.type];
}

function fail(run: ApplyRun, pi: PlannedInstance, d: Diagnostic[]): false {
  run.diagnostics.push(...d);
  run.failed.push(pi.address);
  return false;
}

/**
 * An operation abandoned after a second interrupt: it failed, but its error (the abort) says
 * nothing useful; the apply reports one `operation canceled` for all of them.
 */
/** Thrown by `ApplyRun.limit` when an interrupt came before the operation got its turn: nothing was sent. */
export class NotStarted extends Error {
  constructor() {
    super('not started: interrupted');
  }
}

function cancelled(run: ApplyRun, pi: PlannedInstance): false {
  run.failed.push(pi.address);
  return false;
}

async function recordImport(run: ApplyRun, op: Op): Promise<boolean> {
  const pi = op.pi;
  if (!pi.imported) return true;
  const inst: StateInstance = { ...pi.imported, ...(pi.change.dependencies ? { dependencies: [...pi.change.dependencies] } : {}) };
  await run.journal([{ t: 'object', addr: pi.address, resource: run.resourceRef(pi), instance: inst }]);
  run.state.setObject(pi.addr, pi.slot.stateAddr, inst);
  run.world.setValue(pi.addr, instanceValue(schemaOf('resource', pi.addr.type), inst));
  run.counts.imported++;
  return true;
}

async function createOrUpdate(run: ApplyRun, op: Op): Promise<boolean> {
  const pi = op.pi;
  const r = pi.resource;
  const handler = handlerOf(pi);
  if (!handler) return fail(run, pi, [error('Invalid resource type', `No handler for ${pi.addr.type}.`, { address: pi.address })]);
  const schema = schemaOf('resource', r.type);
  const ev = evaluateBody(run.world, pi.mi, r.config, schema, pi.extras, pi.address);
  if (hasErrors(ev.diagnostics)) return fail(run, pi, ev.diagnostics);
  let config = ev.value;
  const current = op.kind === 'update' || pi.importId !== undefined ? run.state.object(pi.addr) ?? pi.imported : undefined;
  const priorValue = current ? instanceValue(schema, current) : null;
  if (priorValue) config = applyIgnoreChanges(schema, config, priorValue, r.lifecycle.ignoreChanges);
  const diags: Diagnostic[] = [];
  const planned = proposeAndPlan({ diagnostics: diags } as never, schema, handler, op.kind === 'create' ? null : priorValue, config, pi.slot, diags);
  if (!planned) return fail(run, pi, diags);
  // The plan is the contract: what it knew must come out the same now, or nothing is sent.
  const drifted = finalPlanInconsistencies(pi.address, pi.change.providerAddr, pi.planned, planned.value);
  if (drifted.length) return fail(run, pi, drifted);
  const unknownInConfig = attrNames(schema).filter((n) => {
    const v = getPath(config, [n]);
    return v !== undefined && !isWhollyKnown(v);
  });
  if (unknownInConfig.length) {
    return fail(run, pi, [error('Configuration contains unknown values', `The arguments ${unknownInConfig.join(', ')} of ${pi.address} are still unknown at apply time, so it cannot be ${op.kind === 'create' ? 'created' : 'updated'}. This is a bug in minitf.`, { address: pi.address })]);
  }
  const configAttrs = stripUnknown(toHandlerAttrs(schema, config));
  const sensitive = sensitiveOf(schema, config, handler.derivedSensitive);
  const kind = op.kind as 'create' | 'update';
  const ms = timeoutMs(r.timeouts[kind], handler.timeouts[kind]);
  const progress = (u: { percent?: number; message?: string }) => run.ctx.listener?.applyProgress?.(target(pi.addr), u);
  const clientCheck = operationContext(pi.slot, pi.providerKey, pi.address, ms, run.opts.kill, progress);
  if (!clientCheck.value) return fail(run, pi, clientCheck.diagnostics);
  const base: Omit<StateInstance, 'attributes'> = {
    schema_version: handler.schemaVersion ?? 0,
    sensitive_attributes: sensitive.map(toStatePath),
    ...(pi.change.dependencies?.length ? { dependencies: [...pi.change.dependencies] } : {}),
    ...(r.lifecycle.createBeforeDestroy ? { create_before_destroy: true } : {}),
  };
  let attrs: Attributes;
  let partial = false;
  try {
    if (op.kind === 'create') {
      if (op.deposed) {
        // create_before_destroy: the current object becomes deposed before the new one is made.
        const old = run.state.object(pi.addr);
        if (old) {
          const dep: StateInstance = { ...old, deposed: op.deposed };
          await run.journal([{ t: 'removed', addr: pi.address }, { t: 'object', addr: pi.address, resource: run.resourceRef(pi), instance: dep }]);
          run.state.removeObject(pi.addr);
          run.state.setObject(pi.addr, pi.slot.stateAddr, dep);
        }
      }
      const argsHash = hashArgs(configAttrs);
      const token = (await pendingToken(run, pi, argsHash)) ?? randomUUID();
      // The intent is durable before anything is sent, and written outside the parallelism limit so
      // journal writes overlap with other operations' API calls.
      const request: StateInstance = { schema_version: base.schema_version, attributes: configAttrs, sensitive_attributes: base.sensitive_attributes };
      await run.journal([{ t: 'intent', addr: pi.address, resource: run.resourceRef(pi), action: 'create', token, argsHash, request, time: new Date().toISOString() }]);
      attrs = await run.limit(async () => {
        run.ctx.listener?.applyStart?.(target(pi.addr), kind, null);
        const oc = operationContext(pi.slot, pi.providerKey, pi.address, ms, run.opts.kill, progress).value!;
        return handler.create(
          {
            ...oc,
            clientToken: token,
            recordPartial: async (attributes) => {
              partial = true;
              const inst: StateInstance = { ...base, status: 'tainted', attributes };
              await run.journal([{ t: 'object', addr: pi.address, resource: run.resourceRef(pi), instance: inst }]);
              run.state.setObject(pi.addr, pi.slot.stateAddr, inst);
            },
          },
          configAttrs,
        );
      });
    } else {
      const changed = attrNames(schema).filter((n) => {
        const a = getPath(planned.value, [n]);
        const b = priorValue ? getPath(priorValue, [n]) : undefined;
        return !(a && b && equals(a, b));
      });
      attrs = await run.limit(async () => {
        run.ctx.listener?.applyStart?.(target(pi.addr), kind, current?.attributes ?? null);
        const oc = operationContext(pi.slot, pi.providerKey, pi.address, ms, run.opts.kill, progress).value!;
        return handler.update(oc, current!.attributes, configAttrs, changed);
      });
    }
  } catch (e) {
    if (e instanceof NotStarted) return cancelled(run, pi);
    // The cloud refused the create and made nothing: its intent is closed, not left for recovery.
    if (op.kind === 'create' && !partial && isDefiniteRefusal(e)) await run.journal([{ t: 'failed', addr: pi.address, action: 'create', message: (e as Error).message }]);
    run.ctx.listener?.applyErrored?.(target(pi.addr), kind);
    if (run.opts.kill.aborted) return cancelled(run, pi);
    return fail(run, pi, [{ ...providerErrorDiagnostic(e, pi.address, op.kind), subject: r.range, context: `resource "${r.type}" "${r.name}"` }]);
  }
  const value = fromHandlerAttrs(schema, attrs, undefined, sensitive);
  const inst: StateInstance = { ...base, attributes: schema ? (toHandlerAttrs(schema, value) as Record<string, unknown>) : attrs };
  await run.journal([{ t: 'object', addr: pi.address, resource: run.resourceRef(pi), instance: inst }]);
  run.state.setObject(pi.addr, pi.slot.stateAddr, inst);
  run.world.setValue(pi.addr, value);
  if (op.kind === 'create') run.counts.added++;
  else run.counts.changed++;
  run.ctx.listener?.applyComplete?.(target(pi.addr), kind, inst.attributes);
  // The object exists and is recorded as returned; a result that breaks the plan still stops its dependents.
  const broken = resultInconsistencies(pi.address, pi.change.providerAddr, planned.value, value);
  if (broken.length) return fail(run, pi, broken);
  const post = checkConditions(run.world, pi.mi, r.lifecycle.postconditions, { ...pi.extras, self: value }, 'Resource postcondition failed', { address: pi.address, context: `resource "${r.type}" "${r.name}"` });
  if (hasErrors(post)) return fail(run, pi, post);
  run.diagnostics.push(...post);
  if (pi.importId !== undefined) run.counts.imported++;
  return true;
}

async function destroy(run: ApplyRun, op: Op): Promise<boolean> {
  const pi = op.pi;
  const handler = handlerOf(pi);
  const prior = op.deposed ? run.state.object(pi.addr, op.deposed) : run.state.object(pi.addr);
  if (!prior) return true;
  if (!handler) return fail(run, pi, [error('Invalid resource type', `No handler for ${pi.addr.type}.`, { address: pi.address })]);
  const tg = target(pi.addr, op.deposed);
  const ms = timeoutMs(pi.resource?.timeouts.delete, handler.timeouts.delete);
  const check = operationContext(pi.slot, pi.providerKey, pi.address, ms, run.opts.kill);
  if (!check.value) return fail(run, pi, check.diagnostics);
  // A delete intent: if minitf is killed mid-delete, the next apply finishes the delete from the
  // object recorded here even when the cloud object is already gone (e.g. its snapshots remain).
  // The object as refreshed goes first, so the attributes the finishing delete needs are durable too.
  await run.journal([
    { t: 'object', addr: pi.address, resource: run.resourceRef(pi), instance: prior },
    { t: 'intent', addr: pi.address, ...(op.deposed ? { deposed: op.deposed } : {}), resource: run.resourceRef(pi), action: 'delete', time: new Date().toISOString() },
  ]);
  try {
    await run.limit(async () => {
      run.ctx.listener?.applyStart?.(tg, 'delete', prior.attributes);
      const oc = operationContext(pi.slot, pi.providerKey, pi.address, ms, run.opts.kill).value!;
      await handler.delete(oc, prior.attributes);
    });
  } catch (e) {
    if (e instanceof NotStarted) return cancelled(run, pi);
    run.ctx.listener?.applyErrored?.(tg, 'delete');
    if (run.opts.kill.aborted) return cancelled(run, pi);
    return fail(run, pi, [providerErrorDiagnostic(e, pi.address, 'delete')]);
  }
  await run.journal([{ t: 'removed', addr: pi.address, ...(op.deposed ? { deposed: op.deposed } : {}) }]);
  run.state.removeObject(pi.addr, op.deposed);
  if (!op.deposed && !op.replacing) run.world.setValue(pi.addr, undefined);
  run.counts.destroyed++;
  run.ctx.listener?.applyComplete?.(tg, 'delete', null);
  return true;
}

async function read(run: ApplyRun, op: Op): Promise<boolean> {
  if (!isCheckData(op.pi.mi.module, op.pi.resource)) return readNow(run, op);
  // A check's data source: what goes wrong is a warning and its check's assertions are skipped.
  const own: Diagnostic[] = [];
  const failed: string[] = [];
  const ok = await readNow({ ...run, diagnostics: own, failed }, op);
  const check = [...op.pi.mi.module.checks.values()].find((c) => c.data === op.pi.resource)!;
  run.diagnostics.push(...own.map((d) => (d.severity === 'error' ? { ...d, severity: 'warning' as const, context: `check "${check.name}"` } : d)));
  if (!ok) run.world.unreadChecks.add(`${op.pi.mi.key}|${check.name}`);
  return true;
}

async function readNow(run: ApplyRun, op: Op): Promise<boolean> {
  const pi = op.pi;
  const handler = pi.slot.provider?.dataSources[pi.addr.type];
  if (!handler) return fail(run, pi, [error('Invalid data source', `No handler for ${pi.addr.type}.`, { address: pi.address })]);
  const schema = schemaOf('data', pi.addr.type);
  const ev = evaluateBody(run.world, pi.mi, pi.resource.config, schema, pi.extras, pi.address);
  if (hasErrors(ev.diagnostics)) return fail(run, pi, ev.diagnostics);
  const value = await readData({ limit: (fn) => run.limit(fn), diagnostics: run.diagnostics, ctx: run.ctx }, pi.addr, pi.slot, pi.providerKey, handler, ev.value, schema, pi.resource.timeouts.read, run.opts.kill, pi.resource.range);
  if (!value) {
    run.failed.push(pi.address);
    return false;
  }
  const inst: StateInstance = { schema_version: 0, attributes: toHandlerAttrs(schema, value) as Record<string, unknown>, sensitive_attributes: dataSensitivePaths(value) };
  await run.journal([{ t: 'object', addr: pi.address, resource: run.resourceRef(pi), instance: inst }]);
  run.state.setObject(pi.addr, pi.slot.stateAddr, inst);
  run.world.setValue(pi.addr, value);
  return true;
}

/** SHA-256 of a create's arguments (keys sorted), to tell whether a pending ClientToken may be reused. */
export function hashArgs(a: Attributes): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(sorted(a))).digest('hex');
}

/**
 * The ClientToken of an earlier interrupted create of this address, when its arguments were the same:
 * repeating the call with it returns the object the cloud may already have made. With other arguments
 * the cloud would refuse the token (IdempotentParameterMismatch), so a fresh token is used; first the
 * old request is repeated and its object recorded as deposed (recover.ts), so the next plan deletes
 * it. An intent that did not record its arguments gets a warning naming its token instead.
 */
async function pendingToken(run: ApplyRun, pi: PlannedInstance, argsHash: string): Promise<string | undefined> {
  const p = run.tokens.get(pi.address);
  if (!p) return undefined;
  run.tokens.delete(pi.address);
  if (p.argsHash === undefined || p.argsHash === argsHash) return p.token;
  if (p.request && p.resource) {
    await recoverCreate(run, pi.addr, pi.address, p, pi.slot, pi.providerKey, true);
    return undefined;
  }
  run.diagnostics.push(
    warning(
      'Interrupted create may have left an object behind',
      `An earlier apply was interrupted while creating ${pi.address} (ClientToken ${p.token}), and its arguments have changed since, so minitf cannot adopt what that request may have created. If the cloud has an object for ${pi.address} that is not in the state, delete it or import it.`,
      { address: pi.address },
    ),
  );
  return undefined;
}

function stripUnknown(a: Attributes): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(a)) out[k] = v === UNKNOWN ? null : v;
  return out;
}
