import { randomBytes } from 'node:crypto';
import { HandlerDiagnosticError } from '../errors.js';
import type { Attributes, HandlerDiagnostic, ResourceHandler } from '../types.js';
import { atLeast, planRandom, updated, withKeepers, type RandomShape } from './plan.js';

const shape: RandomShape = { args: withKeepers('byte_length', 'prefix'), computed: ['b64_url', 'b64_std', 'hex', 'dec', 'id'] };

/** The encodings of `random_id` for some bytes: `id` is unpadded URL-safe base64, the others carry the prefix. */
export function idEncodings(bytes: Buffer, prefix: string): Attributes {
  const id = bytes.toString('base64url');
  const dec = bytes.length ? BigInt(`0x${bytes.toString('hex')}`).toString(10) : '0';
  return { id, b64_url: prefix + id, b64_std: prefix + bytes.toString('base64'), hex: prefix + bytes.toString('hex'), dec: prefix + dec };
}

function validate(config: Attributes): HandlerDiagnostic[] {
  // hashicorp/random has no check here and fails on a negative length; minitf refuses it at plan time.
  return atLeast('byte_length', config.byte_length, 0);
}

/**
 * `random_id`: `byte_length` random bytes from the system's cryptographic generator, as `b64_url`,
 * `b64_std`, `hex` and `dec` (each with `prefix`) and as `id` (no prefix). Every argument forces
 * replacement. Import takes the `b64_url` text, optionally `prefix,` before it (split at the last comma).
 */
export const randomId: ResourceHandler<null> = {
  type: 'random_id',
  timeouts: {},
  validate,
  plan: (req) => planRandom(shape, req),
  async create(_ctx, config) {
    const prefix = typeof config.prefix === 'string' ? config.prefix : '';
    return { ...updated(shape, {}, config), ...idEncodings(randomBytes(Number(config.byte_length)), prefix) };
  },
  read: async (_ctx, prior) => prior,
  update: async (_ctx, prior, config) => updated(shape, prior, config),
  async delete() {},
  async import(_ctx, text) {
    const sep = text.lastIndexOf(',');
    const prefix = sep < 0 ? '' : text.slice(0, sep);
    const id = sep < 0 ? text : text.slice(sep + 1);
    // Unpadded URL-safe base64 only, as Go's RawURLEncoding: a length of 4k+1 cannot be decoded.
    if (!/^[A-Za-z0-9_-]*$/.test(id) || id.length % 4 === 1) {
      throw new HandlerDiagnosticError(
        'Import Random ID Error',
        `While attempting to import a random id there was a decoding error.\n\nOriginal Error: ${JSON.stringify(id)} is not unpadded URL-safe base64`,
      );
    }
    const bytes = Buffer.from(id, 'base64url');
    return { keepers: null, byte_length: bytes.length, prefix: prefix === '' ? null : prefix, ...idEncodings(bytes, prefix) };
  },
};
