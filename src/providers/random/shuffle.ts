import type { Attributes, HandlerDiagnostic, ResourceHandler } from '../types.js';
import { atLeast, importNotImplemented, planRandom, updated, withKeepers, type RandomShape } from './plan.js';
import { permutation, rngFor } from './rand.js';

const shape: RandomShape = { args: withKeepers('input', 'result_count', 'seed'), computed: ['result', 'id'] };

/**
 * Shuffles as hashicorp/random does: whole permutations of `input`, one after another, until
 * `count` items are taken — so no item repeats more often than the list is gone through. The same
 * non-empty `seed` gives the same result.
 */
export function shuffle(input: readonly string[], count: number, seed: unknown): string[] {
  if (count <= 0 || input.length === 0) return [];
  const rng = rngFor(seed);
  const out: string[] = [];
  while (out.length < count) {
    for (const i of permutation(input.length, rng)) {
      out.push(input[i]!);
      if (out.length >= count) break;
    }
  }
  return out;
}

function validate(config: Attributes): HandlerDiagnostic[] {
  // hashicorp/random has no check and fails on a negative count; minitf refuses it at plan time.
  return atLeast('result_count', config.result_count, 0);
}

/**
 * `random_shuffle`: a random permutation of `input` (`result`, `result_count` items long, default
 * the length of `input`); `id` is `"-"`. Every argument forces replacement; it cannot be imported.
 */
export const randomShuffle: ResourceHandler<null> = {
  type: 'random_shuffle',
  timeouts: {},
  validate,
  plan: (req) => planRandom(shape, req),
  async create(_ctx, config) {
    const input = (config.input ?? []) as string[];
    const count = config.result_count === null || config.result_count === undefined ? input.length : Number(config.result_count);
    return { ...updated(shape, {}, config), result: shuffle(input, count, config.seed), id: '-' };
  },
  read: async (_ctx, prior) => prior,
  update: async (_ctx, prior, config) => updated(shape, prior, config),
  async delete() {},
  import: async () => importNotImplemented(),
};
