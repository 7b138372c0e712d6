import type { Diagnostic } from '../../diag/index.js';
import type { Plan } from '../../plans/model.js';
import { summarize } from '../../plans/model.js';
import { changeSummaryLine, diagnosticLine, driftLine, planOutputsLine, plannedChangeLine, versionLine } from '../../plans/ui.js';
import { MINITF_VERSION } from '../../states/model.js';

/** The `version` line every `-json` command starts with. */
export function jsonVersion(): string {
  return versionLine(MINITF_VERSION);
}

/**
 * A plan as `-json` UI lines, in Terraform's order: drift, planned changes (with minitf's attribute
 * diff), the change summary, planned outputs, then diagnostics.
 */
export function jsonPlanLines(plan: Plan, diags: readonly Diagnostic[], operation: 'plan' | 'apply' | 'destroy' = 'plan'): string {
  let out = '';
  for (const d of plan.resourceDrift) out += driftLine(d);
  for (const c of plan.resourceChanges) out += plannedChangeLine(c) ?? '';
  out += changeSummaryLine(summarize(plan.resourceChanges), operation === 'destroy' ? 'plan' : 'plan');
  if (plan.outputChanges.length) out += planOutputsLine(plan.outputChanges);
  for (const d of diags) out += diagnosticLine(d);
  return out;
}

/** Diagnostics alone as `-json` lines. */
export function jsonDiagnostics(diags: readonly Diagnostic[]): string {
  return diags.map((d) => diagnosticLine(d)).join('');
}
