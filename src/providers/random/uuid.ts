import { randomUUID } from 'node:crypto';
import { HandlerDiagnosticError } from '../errors.js';
import type { ResourceHandler } from '../types.js';
import { planRandom, updated, withKeepers, type RandomShape } from './plan.js';

const shape: RandomShape = { args: withKeepers(), computed: ['result', 'id'] };
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * `random_uuid`: a random UUID (`result`, also the `id`); a change of `keepers` replaces it. Import
 * takes a UUID in its 8-4-4-4-12 hexadecimal form and stores it in lower case.
 */
export const randomUuid: ResourceHandler<null> = {
  type: 'random_uuid',
  timeouts: {},
  plan: (req) => planRandom(shape, req),
  async create(_ctx, config) {
    const result = randomUUID();
    return { ...updated(shape, {}, config), result, id: result };
  },
  read: async (_ctx, prior) => prior,
  update: async (_ctx, prior, config) => updated(shape, prior, config),
  async delete() {},
  async import(_ctx, id) {
    if (!UUID.test(id)) {
      const why = id.length !== 36 ? `uuid string is wrong length` : 'uuid is improperly formatted';
      throw new HandlerDiagnosticError('Import Random UUID Error', `There was an error during the parsing of the UUID.\n\nOriginal Error: ${why}`);
    }
    const result = id.toLowerCase();
    return { keepers: null, result, id: result };
  },
};
