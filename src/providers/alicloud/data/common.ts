import { createHash } from 'node:crypto';

/** A data source's `id`: a short stable hash of the IDs it found (the reference provider hashes them too). */
export function listId(ids: readonly string[]): string {
  return createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16);
}
