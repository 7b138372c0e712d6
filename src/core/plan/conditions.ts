import { error, type Diagnostic } from '../../diag/index.js';
import type { Condition } from '../../config/model.js';
import { isKnown, toJSON } from '../../lang/index.js';
import type { Extras, ModuleInstance, World } from '../eval/world.js';

/**
 * Evaluates `precondition`/`postcondition` blocks; a known false condition is an error with the given
 * summary (`Resource precondition failed`, …) whose detail is the block's `error_message`. Unknown
 * conditions are skipped (they are checked again during apply).
 */
export function checkConditions(world: World, mi: ModuleInstance, conds: readonly Condition[], extras: Extras, summary: string, extra: { address?: string; context?: string } = {}): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const c of conds) {
    const r = world.evaluate(c.condition, mi, extras);
    if (r.diagnostics.some((d) => d.severity === 'error')) {
      diags.push(...r.diagnostics);
      continue;
    }
    if (!isKnown(r.value)) continue;
    if (toJSON(r.value) === true) continue;
    if (toJSON(r.value) !== false) {
      diags.push(error('Invalid condition result', 'The condition expression must produce a boolean value.', { subject: c.condition.range, ...extra }));
      continue;
    }
    const m = world.evaluate(c.errorMessage, mi, extras);
    const msg = m.diagnostics.length || !isKnown(m.value) ? 'The condition failed.' : String(toJSON(m.value));
    diags.push(error(summary, `${msg}\n\nThis was checked by the condition at ${c.range.file}:${c.range.start.line},${c.range.start.column}.`, { subject: c.condition.range, ...extra }));
  }
  return diags;
}
