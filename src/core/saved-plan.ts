import { error, hasErrors, warning, type Diagnostic } from '../diag/index.js';
import { fromPlanJSON, typeOf, type Type } from '../lang/index.js';
import type { Plan, ResourceChange } from '../plans/model.js';
import { checkSavedPlan, type PlanFileContents } from '../plans/planfile.js';
import type { StateFile } from '../states/model.js';
import type { EngineContext, Outcome, RawVariable } from './options.js';
import { configDigest, plan, type PlanResult } from './plan/planner.js';
import type { PlannedInstance } from './plan/run.js';
import { objectTypeOf } from './schema-types.js';

/** The variable values a saved plan was made with, as raw values of the highest precedence. */
export function savedVariables(p: Plan): RawVariable[] {
  return Object.entries(p.variables).map(([name, v]) => ({ name, value: { json: { literal: v.value } }, source: 'the saved plan' }));
}

const changeKey = (c: { address: string; deposed?: string }) => `${c.address}|${c.deposed ?? ''}`;
const actionsKey = (c: ResourceChange) => `${changeKey(c)}|${c.actions.join(',')}`;

function sameActions(saved: Plan, now: Plan): boolean {
  const a = saved.resourceChanges.map(actionsKey).sort();
  const b = now.resourceChanges.map(actionsKey).sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const stale = (): Diagnostic =>
  error('Saved plan is stale', 'The given plan file can no longer be applied because the state was changed by another operation after the plan was created.');

/**
 * Rebuilds, from a saved plan, the run that `apply` carries out. The plan must still apply (same state
 * lineage and serial, same configuration files: `checkSavedPlan`'s errors otherwise). The configuration
 * is evaluated again with the plan's variable values, from the plan's prior (refreshed) state, without
 * refreshing and without reading again the data sources the plan read, only to rebuild what apply needs
 * to fill the values the plan left unknown. Every instance then carries the saved plan's change and
 * planned value: apply holds each instance to what the plan knew (`Provider produced inconsistent
 * final plan` otherwise). A run whose actions differ from the saved plan's is refused as stale.
 */
export async function planFromSaved(ctx: EngineContext, saved: PlanFileContents, current: { readonly state: StateFile | null; readonly parallelism: number }): Promise<Outcome<PlanResult | undefined>> {
  const sp = saved.plan;
  const st = current.state;
  const bad = checkSavedPlan(sp, { ...(st ? { lineage: st.lineage, serial: st.serial } : {}), configDigest: configDigest(ctx.config) });
  if (bad.length) return { value: undefined, diagnostics: bad };
  const replay: EngineContext = { ...ctx, variables: savedVariables(sp) };
  const prior = saved.priorState && st && saved.priorState.lineage === st.lineage ? saved.priorState : st;
  const r = await plan(replay, {
    mode: sp.mode,
    refresh: false,
    targets: sp.targets,
    excludes: sp.excludes,
    replace: sp.replaceAddrs,
    parallelism: current.parallelism,
    state: prior,
    keepReadData: true,
    skipChecks: true,
  });
  if (!r.value || hasErrors(r.diagnostics)) return r;
  if (!sameActions(sp, r.value.plan)) return { value: undefined, diagnostics: [...r.diagnostics, stale()] };
  const byKey = new Map(sp.resourceChanges.map((c) => [changeKey(c), c]));
  for (const [k, pi] of r.value.run.planned) {
    const c = byKey.get(changeKey(pi.change));
    if (c) r.value.run.planned.set(k, bound(pi, c));
  }
  return { value: { ...r.value, plan: { ...sp, diagnostics: r.value.plan.diagnostics } }, diagnostics: r.diagnostics };
}

/** A planned instance holding the saved plan's change, and its planned value rebuilt from it. */
function bound(pi: PlannedInstance, c: ResourceChange): PlannedInstance {
  if (!pi.planned || c.after === null) return { ...pi, change: c };
  // Plan JSON does not tell a map from an object or a list from a tuple: the type planned again for
  // the same configuration does (unless the values changed type, then the schema's type serves).
  const schemaType = (c.valueType as Type | undefined) ?? objectTypeOf(c.mode === 'data' ? 'data' : 'resource', c.type);
  try {
    return { ...pi, change: c, planned: fromPlanJSON(c.after, c.afterUnknown, c.afterSensitive, typeOf(pi.planned)) };
  } catch {
    return { ...pi, change: c, planned: fromPlanJSON(c.after, c.afterUnknown, c.afterSensitive, schemaType) };
  }
}

/** Planning options given to `apply PLANFILE`. */
export interface GivenPlanOptions {
  readonly targets: readonly string[];
  readonly excludes: readonly string[];
  readonly replace: readonly string[];
  readonly destroy: boolean;
  readonly refreshOnly: boolean;
}

/**
 * Planning options given with a saved plan. Terraform 1.11.4 applies the saved plan as it was made
 * and says nothing about them (exit 0); minitf does the same but says so, naming them: a warning
 * `Planning options ignored when applying a saved plan`. None given: no diagnostics.
 */
export function ignoredPlanOptions(given: GivenPlanOptions): Diagnostic[] {
  const names = [
    ...(given.targets.length ? ['-target'] : []),
    ...(given.excludes.length ? ['-exclude'] : []),
    ...(given.replace.length ? ['-replace'] : []),
    ...(given.destroy ? ['-destroy'] : []),
    ...(given.refreshOnly ? ['-refresh-only'] : []),
  ];
  if (!names.length) return [];
  return [
    warning(
      'Planning options ignored when applying a saved plan',
      `A saved plan is applied exactly as it was made, so ${names.join(', ')} ${names.length > 1 ? 'have' : 'has'} no effect here (as in Terraform). To plan with ${names.length > 1 ? 'them' : 'it'}, run "minitf plan" with ${names.length > 1 ? 'them' : 'it'} and -out=FILE, then apply that file.`,
    ),
  ];
}
