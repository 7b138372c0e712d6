import type { Attributes, HandlerDiagnostic, ResourceHandler } from '../types.js';
import { atLeast, importNotImplemented, planRandom, updated, withKeepers, type RandomShape } from './plan.js';
import { cryptoRng, type Rng } from './rand.js';
import { ADJECTIVES, ADVERBS, ANIMALS } from './words.js';

const shape: RandomShape = { args: withKeepers('length', 'prefix', 'separator'), defaults: () => ({ length: 2, separator: '-' }), computed: ['id'] };

/**
 * A pet name of `words` words joined by `separator`, in lower case: an animal, after an adjective
 * when there are two or more words, after adverbs for the rest (`openly-merry-otter`); `prefix`,
 * when non-empty, comes first as one more word. Zero words give an empty name (plus any prefix).
 */
export function petName(words: number, separator: string, prefix: string, rng: Rng = cryptoRng()): string {
  const pick = (list: readonly string[]) => list[rng.below(list.length)]!;
  const parts: string[] = [];
  if (words >= 1) {
    for (let i = 0; i < words - 2; i++) parts.push(pick(ADVERBS));
    if (words >= 2) parts.push(pick(ADJECTIVES));
    parts.push(pick(ANIMALS));
  }
  const name = parts.join(separator).toLowerCase();
  return prefix !== '' ? `${prefix}${separator}${name}` : name;
}

function validate(config: Attributes): HandlerDiagnostic[] {
  return atLeast('length', config.length, 0);
}

/**
 * `random_pet`: a random pet name (`id`) of `length` words (default 2) joined by `separator`
 * (default `-`), after `prefix`. Every argument forces replacement; it cannot be imported. The word
 * lists are minitf's own, so names differ from hashicorp/random's in vocabulary, not in form.
 */
export const randomPet: ResourceHandler<null> = {
  type: 'random_pet',
  timeouts: {},
  validate,
  plan: (req) => planRandom(shape, req),
  async create(_ctx, config) {
    const c = updated(shape, {}, config);
    return { ...c, id: petName(Number(c.length), String(c.separator), typeof c.prefix === 'string' ? c.prefix : '') };
  },
  read: async (_ctx, prior) => prior,
  update: async (_ctx, prior, config) => updated(shape, prior, config),
  async delete() {},
  import: async () => importNotImplemented(),
};
