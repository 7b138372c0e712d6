import { permutation, type Rng } from './rand.js';

/** hashicorp/random's character classes. */
export const NUMERIC = '0123456789';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The special characters used unless `override_special` names others. */
export const SPECIAL = '!@#$%&*()-_=+[]{}<>:?';

/** The arguments of `random_string` and `random_password` that shape the result. */
export interface StringParams {
  readonly length: number;
  readonly upper: boolean;
  readonly lower: boolean;
  readonly numeric: boolean;
  readonly special: boolean;
  readonly minUpper: number;
  readonly minLower: number;
  readonly minNumeric: number;
  readonly minSpecial: number;
  /** Replaces {@link SPECIAL} when non-empty. */
  readonly overrideSpecial: string;
}

/**
 * Generates a string as hashicorp/random does: first `min_*` characters from each class (whether or
 * not the class is enabled, as the provider does), then the rest of `length` from the union of the
 * enabled classes, then the whole shuffled. Length counts characters (code points), not bytes.
 * Returns undefined when no class is enabled (the caller's validation normally prevents it).
 */
export function generateString(p: StringParams, rng: Rng): string | undefined {
  const special = p.overrideSpecial !== '' ? p.overrideSpecial : SPECIAL;
  const pool = [...(p.upper ? UPPER : ''), ...(p.lower ? LOWER : ''), ...(p.numeric ? NUMERIC : ''), ...(p.special ? special : '')];
  if (pool.length === 0) return undefined;
  const out: string[] = [];
  const draw = (set: readonly string[], n: number) => {
    for (let i = 0; i < n; i++) out.push(set[rng.below(set.length)]!);
  };
  draw([...NUMERIC], p.minNumeric);
  draw([...LOWER], p.minLower);
  draw([...UPPER], p.minUpper);
  draw([...special], p.minSpecial);
  draw(pool, p.length - out.length);
  return permutation(out.length, rng)
    .map((i) => out[i]!)
    .join('');
}
