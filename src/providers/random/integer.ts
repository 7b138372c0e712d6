import { error } from '../../diag/index.js';
import { HandlerDiagnosticError } from '../errors.js';
import type { Attributes, HandlerDiagnostic, ResourceHandler } from '../types.js';
import { planRandom, safeInteger, updated, withKeepers, type RandomShape } from './plan.js';
import { rngFor } from './rand.js';

const shape: RandomShape = { args: withKeepers('min', 'max', 'seed'), computed: ['result', 'id'] };

/** A uniform integer in `[min, max]`; the same `seed` (non-empty) gives the same result. */
export function randomInRange(min: number, max: number, seed: unknown): number {
  return min + rngFor(seed).below(max - min + 1);
}

function validate(config: Attributes): HandlerDiagnostic[] {
  const out = [...safeInteger('min', config.min), ...safeInteger('max', config.max)];
  if (!out.length && typeof config.min === 'number' && typeof config.max === 'number' && config.max - config.min + 1 > Number.MAX_SAFE_INTEGER) {
    out.push(error('Invalid Attribute Value', `The range from min to max holds more than 9007199254740991 values, more than minitf draws from exactly; narrow it.`));
  }
  return out;
}

/**
 * `random_integer`: a random integer from `min` to `max` inclusive (`result`, its text as `id`).
 * Every argument forces replacement. Import takes `result,min,max` or `result,min,max,seed`.
 */
export const randomInteger: ResourceHandler<null> = {
  type: 'random_integer',
  timeouts: {},
  validate,
  plan: (req) => planRandom(shape, req),
  async create(_ctx, config) {
    const min = Number(config.min);
    const max = Number(config.max);
    if (max < min) throw new HandlerDiagnosticError('Create Random Integer Error', 'The minimum (minVal) value needs to be smaller than or equal to maximum (maxVal) value.');
    const result = randomInRange(min, max, config.seed);
    return { ...updated(shape, {}, config), result, id: String(result) };
  },
  read: async (_ctx, prior) => prior,
  update: async (_ctx, prior, config) => updated(shape, prior, config),
  async delete() {},
  async import(_ctx, id) {
    const parts = id.split(',');
    if (parts.length !== 3 && parts.length !== 4) {
      throw new HandlerDiagnosticError('Import Random Integer Error', 'Invalid import usage: expecting {result},{min},{max} or {result},{min},{max},{seed}');
    }
    const [result, min, max] = (['', 'min ', 'max '] as const).map((what, i) => {
      const text = parts[i]!;
      if (!/^[-+]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
        throw new HandlerDiagnosticError('Import Random Integer Error', `The ${what}value supplied could not be parsed as an integer.\n\nOriginal Error: strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
      }
      return Number(text);
    });
    return { keepers: null, min, max, seed: parts.length === 4 ? parts[3]! : null, result, id: parts[0]! };
  },
};
