import { error, warning, type Diagnostic } from '../diag/index.js';
import { expressionValues, isKnown, toJSON } from '../lang/index.js';
import { aggregateStatus, type CheckInstanceResult, type CheckResult, type CheckStatus } from '../plans/checks.js';
import type { World } from './eval/world.js';

/** When check blocks are evaluated: at the end of a plan, or after an apply. */
export type CheckPhase = 'plan' | 'apply';

/**
 * Evaluates every `check` block of every module instance against what `world` holds (a finished
 * plan, or the objects an apply left). As in Terraform, a failed assertion is a warning
 * (`Check block assertion failed`, its error_message as detail), an assertion that cannot be known
 * yet is a warning at plan (`Check block assertion known after apply`), and a condition that cannot
 * be evaluated is an error. Returns the diagnostics and each block's result (`checks` of show -json).
 */
export function evaluateChecks(world: World, phase: CheckPhase): { diagnostics: Diagnostic[]; results: CheckResult[] } {
  const diagnostics: Diagnostic[] = [];
  const byConfig = new Map<string, { module: string; name: string; instances: CheckInstanceResult[] }>();
  for (const mis of world.moduleInstances.values()) {
    for (const mi of mis) {
      for (const c of mi.module.checks.values()) {
        const context = `check "${c.name}"`;
        const statuses: CheckStatus[] = [];
        const problems: string[] = [];
        if (world.unreadChecks.has(`${mi.key}|${c.name}`)) statuses.push('unknown');
        else for (const a of c.asserts) {
          const r = world.evaluate(a.condition, mi);
          if (r.diagnostics.some((d) => d.severity === 'error')) {
            diagnostics.push(...r.diagnostics.map((d) => ({ ...d, context: d.context ?? context })));
            statuses.push('error');
            continue;
          }
          const values = () => expressionValues(a.condition, world.scope([a.condition], mi));
          if (!isKnown(r.value)) {
            statuses.push('unknown');
            if (phase === 'plan') diagnostics.push({ ...warning('Check block assertion known after apply', 'The condition could not be evaluated at this time, a result will be known when this plan is applied.', { subject: a.condition.range, context }), values: values() });
            continue;
          }
          const ok = toJSON(r.value);
          if (ok === true) {
            statuses.push('pass');
            continue;
          }
          if (ok !== false) {
            diagnostics.push(error('Invalid condition result', 'The condition expression must produce a boolean value.', { subject: a.condition.range, context }));
            statuses.push('error');
            continue;
          }
          const m = world.evaluate(a.errorMessage, mi);
          const msg = m.diagnostics.length || !isKnown(m.value) ? 'The condition failed.' : String(toJSON(m.value));
          problems.push(msg);
          statuses.push('fail');
          diagnostics.push({ ...warning('Check block assertion failed', msg, { subject: a.condition.range, context }), values: values() });
        }
        const module = mi.path.map((s) => `module.${s.name}`).join('.');
        const key = `${module}|${c.name}`;
        const entry = byConfig.get(key) ?? byConfig.set(key, { module, name: c.name, instances: [] }).get(key)!;
        entry.instances.push({ module: mi.key, status: aggregateStatus(statuses), problems });
      }
    }
  }
  const results = [...byConfig.values()].map((e) => ({ ...e, status: aggregateStatus(e.instances.map((i) => i.status)) }));
  return { diagnostics, results };
}
