import { createHash, randomBytes } from 'node:crypto';

/** A source of uniform random integers. */
export interface Rng {
  /** A uniform integer in `[0, n)`; `n` is a positive safe integer. */
  below(n: number): number;
}

/** Draws from a byte source by rejection sampling, so every value in `[0, n)` is equally likely. */
function fromBytes(next: (count: number) => Buffer): Rng {
  return {
    below(n) {
      if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`Rng.below needs a positive safe integer, not ${n}.`);
      if (n === 1) return 0;
      const range = BigInt(n);
      const bytes = Math.ceil(range.toString(2).length / 8);
      const space = 1n << BigInt(bytes * 8);
      const limit = space - (space % range);
      for (;;) {
        const x = BigInt(`0x${next(bytes).toString('hex')}`);
        if (x < limit) return Number(x % range);
      }
    },
  };
}

/** The operating system's cryptographic generator (what hashicorp/random uses for unseeded values). */
export function cryptoRng(): Rng {
  return fromBytes((count) => randomBytes(count));
}

/**
 * A deterministic generator: SHA-256 of the seed and a counter, block after block. The same seed gives
 * the same sequence in every minitf run and version; it is not the sequence hashicorp/random's Go
 * generator gives for that seed (its docs promise seeded results only "less volatile", not fixed).
 */
export function seededRng(seed: string): Rng {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return fromBytes((count) => {
    while (pool.length < count) {
      const block = createHash('sha256').update(`${seed}\u0000${counter++}`).digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, count);
    pool = pool.subarray(count);
    return Buffer.from(out);
  });
}

/** `seededRng(seed)` for a non-empty seed, else `cryptoRng()` (an empty seed counts as none, as in hashicorp/random). */
export function rngFor(seed: unknown): Rng {
  return typeof seed === 'string' && seed !== '' ? seededRng(seed) : cryptoRng();
}

/** A uniformly random permutation of `0 … n-1` (Fisher–Yates). */
export function permutation(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
