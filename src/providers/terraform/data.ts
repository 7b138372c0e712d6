import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { UNKNOWN, type Attributes, type PlanRequest, type PlanResponse, type ResourceHandler } from '../types.js';

/**
 * `terraform_data`: `input` is copied to `output` on create and whenever `input` changes;
 * a change of `triggers_replace` forces replacement; `id` is a random UUID (or the import ID).
 * Dynamic attributes travel in the state encoding (`{value, type}` wrappers), compared as JSON.
 */
export const terraformData: ResourceHandler<unknown> = {
  type: 'terraform_data',
  timeouts: {},
  derivedSensitive: { output: 'input' },
  plan(req: PlanRequest): PlanResponse {
    const planned: Attributes = { ...req.proposed };
    const requiresReplace: (string | number)[][] = [];
    // A known null input plans a known null output; any other new input is known only after apply.
    const newOutput = req.proposed.input === null || req.proposed.input === undefined ? null : UNKNOWN;
    if (req.prior === null) {
      planned.id = UNKNOWN;
      planned.output = newOutput;
      return { planned };
    }
    if (!sameValue(req.prior.triggers_replace, req.proposed.triggers_replace)) requiresReplace.push(['triggers_replace']);
    if (!sameValue(req.prior.input, req.proposed.input)) planned.output = newOutput;
    else planned.output = req.prior.output ?? null;
    planned.id = req.prior.id ?? UNKNOWN;
    return { planned, requiresReplace };
  },
  async create(_ctx, config) {
    return { id: randomUUID(), input: config.input ?? null, output: config.input ?? null, triggers_replace: config.triggers_replace ?? null };
  },
  async read(_ctx, prior) {
    return prior;
  },
  async update(_ctx, prior, config) {
    return { ...prior, input: config.input ?? null, output: config.input ?? null, triggers_replace: config.triggers_replace ?? null };
  },
  async delete() {
    /* nothing outside the state */
  },
  async import(_ctx, id) {
    return { id, input: null, output: null, triggers_replace: null };
  },
};

function sameValue(a: unknown, b: unknown): boolean {
  if (a === UNKNOWN || b === UNKNOWN) return false;
  return isDeepStrictEqual(a ?? null, b ?? null);
}
