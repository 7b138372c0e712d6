import { error, type Diagnostic } from '../../diag/index.js';
import type { Value } from '../../lang/index.js';
import { objectInconsistencies } from '../../plans/compatible.js';

const BUG = "This is a bug in the provider, which should be reported in the provider's own issue tracker.";

/** `registry.terraform.io/aliyun/alicloud` from the state-style `provider["registry.terraform.io/aliyun/alicloud"].hz`. */
function providerSource(providerAddr: string): string {
  return /^provider\["([^"]+)"\]/.exec(providerAddr)?.[1] ?? providerAddr;
}

/**
 * Terraform's `Provider produced inconsistent final plan`: at apply, the value planned again from the
 * configuration (with what apply has learnt since) must keep every part the plan knew. One error per
 * differing attribute, naming the address and the attribute; empty when consistent or when there was
 * no planned value to hold it to.
 */
export function finalPlanInconsistencies(address: string, providerAddr: string, planned: Value | undefined, now: Value, sensitive?: ReadonlySet<string>): Diagnostic[] {
  if (!planned) return [];
  return objectInconsistencies(planned, now, sensitive).map((i) =>
    error(
      'Provider produced inconsistent final plan',
      `When expanding the plan for ${address} to include new values learned so far during apply, provider ${JSON.stringify(providerSource(providerAddr))} produced an invalid new value for ${i.message}.\n\n${BUG}`,
    ),
  );
}

/**
 * Terraform's `Provider produced inconsistent result after apply`: what a handler returned must keep
 * every part of the final plan that was known. One error per differing attribute.
 */
export function resultInconsistencies(address: string, providerAddr: string, planned: Value, result: Value, sensitive?: ReadonlySet<string>): Diagnostic[] {
  return objectInconsistencies(planned, result, sensitive).map((i) =>
    error(
      'Provider produced inconsistent result after apply',
      `When applying changes to ${address}, provider ${JSON.stringify(providerAddr)} produced an unexpected new value: ${i.message}.\n\n${BUG}`,
    ),
  );
}
