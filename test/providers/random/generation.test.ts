import bcrypt from 'bcryptjs';
import { describe, expect, test } from 'vitest';
import { generateString, LOWER, NUMERIC, SPECIAL, UPPER, type StringParams } from '../../../src/providers/random/chars.js';
import { idEncodings } from '../../../src/providers/random/id.js';
import { randomInRange } from '../../../src/providers/random/integer.js';
import { petName } from '../../../src/providers/random/pet.js';
import { cryptoRng, permutation, seededRng } from '../../../src/providers/random/rand.js';
import { shuffle } from '../../../src/providers/random/shuffle.js';
import { bcryptHash } from '../../../src/providers/random/strings.js';
import { ADJECTIVES, ADVERBS, ANIMALS } from '../../../src/providers/random/words.js';

const base: StringParams = { length: 16, upper: true, lower: true, numeric: true, special: true, minUpper: 0, minLower: 0, minNumeric: 0, minSpecial: 0, overrideSpecial: '' };
const count = (s: string, set: string) => [...s].filter((c) => set.includes(c)).length;

describe('random generators', () => {
  test('below(n) stays in range and reaches every value', () => {
    const rng = cryptoRng();
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.below(7);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(7);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
  });

  test('a seeded generator repeats its sequence; another seed gives another', () => {
    const a = Array.from({ length: 20 }, ((r) => () => r.below(1000))(seededRng('s1')));
    const b = Array.from({ length: 20 }, ((r) => () => r.below(1000))(seededRng('s1')));
    const c = Array.from({ length: 20 }, ((r) => () => r.below(1000))(seededRng('s2')));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  test('permutation holds each index once', () => {
    const p = permutation(50, cryptoRng());
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('random_string / random_password generation', () => {
  test.each([1, 5, 16, 64, 200])('length %i gives that many characters from the enabled classes', (length) => {
    const s = generateString({ ...base, length }, cryptoRng())!;
    expect([...s]).toHaveLength(length);
    expect(count(s, UPPER + LOWER + NUMERIC + SPECIAL)).toBe(length);
  });

  test.each([
    ['upper only', { upper: true, lower: false, numeric: false, special: false }, UPPER],
    ['lower only', { upper: false, lower: true, numeric: false, special: false }, LOWER],
    ['numeric only', { upper: false, lower: false, numeric: true, special: false }, NUMERIC],
    ['special only', { upper: false, lower: false, numeric: false, special: true }, SPECIAL],
    ['no special', { upper: true, lower: true, numeric: true, special: false }, UPPER + LOWER + NUMERIC],
  ])('%s: every character is from the enabled classes', (_n, flags, allowed) => {
    for (let i = 0; i < 20; i++) {
      const s = generateString({ ...base, ...flags, length: 40 }, cryptoRng())!;
      expect(count(s, allowed)).toBe(40);
    }
  });

  test('min_* counts are met, even for a class that is switched off (as hashicorp/random does)', () => {
    for (let i = 0; i < 50; i++) {
      const s = generateString({ ...base, length: 12, upper: false, special: false, minUpper: 3, minLower: 2, minNumeric: 4, minSpecial: 1 }, cryptoRng())!;
      expect([...s]).toHaveLength(12);
      expect(count(s, UPPER)).toBeGreaterThanOrEqual(3);
      expect(count(s, LOWER)).toBeGreaterThanOrEqual(2);
      expect(count(s, NUMERIC)).toBeGreaterThanOrEqual(4);
      expect(count(s, SPECIAL)).toBeGreaterThanOrEqual(1);
    }
  });

  test('min counts that fill the whole length give exactly those counts', () => {
    const s = generateString({ ...base, length: 8, minUpper: 2, minLower: 2, minNumeric: 2, minSpecial: 2 }, cryptoRng())!;
    expect([count(s, UPPER), count(s, LOWER), count(s, NUMERIC), count(s, SPECIAL)]).toEqual([2, 2, 2, 2]);
  });

  test('override_special replaces the special characters, multi-byte ones counted as one', () => {
    for (let i = 0; i < 20; i++) {
      const s = generateString({ ...base, length: 30, upper: false, lower: false, numeric: false, overrideSpecial: '_é', minSpecial: 5 }, cryptoRng())!;
      expect([...s]).toHaveLength(30);
      expect([...s].every((c) => c === '_' || c === 'é')).toBe(true);
    }
  });

  test('the min characters are spread over the string, not all in front', () => {
    const firsts = new Set<string>();
    for (let i = 0; i < 40; i++) firsts.add(generateString({ ...base, length: 10, upper: false, lower: true, numeric: false, special: false, minNumeric: 1 }, cryptoRng())!.slice(0, 1));
    expect([...firsts].some((c) => LOWER.includes(c))).toBe(true);
  });

  test('no class enabled gives no string', () => {
    expect(generateString({ ...base, upper: false, lower: false, numeric: false, special: false }, cryptoRng())).toBeUndefined();
  });

  test('bcrypt_hash is a $2a$ cost-10 hash that matches the password (its first 72 bytes)', () => {
    const pw = 'x'.repeat(80);
    const h = bcryptHash(pw);
    expect(h).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(bcrypt.compareSync(pw, h)).toBe(true);
    expect(bcrypt.compareSync('x'.repeat(72), h)).toBe(true);
    expect(bcrypt.compareSync('y', h)).toBe(false);
  });
});

describe('random_integer generation', () => {
  test('results lie in [min, max] and reach both ends', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const v = randomInRange(-2, 2, undefined);
      expect(v).toBeGreaterThanOrEqual(-2);
      expect(v).toBeLessThanOrEqual(2);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2]);
  });

  test('min = max gives that value; the same seed gives the same result, an empty seed is unseeded', () => {
    expect(randomInRange(7, 7, 'x')).toBe(7);
    expect(randomInRange(1, 1_000_000, 'seed-a')).toBe(randomInRange(1, 1_000_000, 'seed-a'));
    const seeded = new Set(Array.from({ length: 10 }, (_, i) => randomInRange(1, 1_000_000, `s${i}`)));
    expect(seeded.size).toBeGreaterThan(1);
    const unseeded = new Set(Array.from({ length: 10 }, () => randomInRange(1, 1_000_000, '')));
    expect(unseeded.size).toBeGreaterThan(1);
  });
});

describe('random_shuffle generation', () => {
  const input = ['a', 'b', 'c', 'd', 'e'];
  test('without result_count: a permutation of the input', () => {
    expect([...shuffle(input, input.length, undefined)].sort()).toEqual(input);
  });

  test('fewer items: distinct items of the input', () => {
    const r = shuffle(input, 3, undefined);
    expect(r).toHaveLength(3);
    expect(new Set(r).size).toBe(3);
    for (const x of r) expect(input).toContain(x);
  });

  test('more items: whole permutations one after another, no item more often than the passes', () => {
    const r = shuffle(input, 12, undefined);
    expect(r).toHaveLength(12);
    expect([...r.slice(0, 5)].sort()).toEqual(input);
    expect([...r.slice(5, 10)].sort()).toEqual(input);
    for (const x of input) expect(r.filter((y) => y === x).length).toBeLessThanOrEqual(3);
  });

  test('seeded: the same seed gives the same order; an empty input or a zero count gives []', () => {
    expect(shuffle(input, 5, 'k')).toEqual(shuffle(input, 5, 'k'));
    const orders = new Set(Array.from({ length: 8 }, (_, i) => shuffle(input, 5, `k${i}`).join('')));
    expect(orders.size).toBeGreaterThan(1);
    expect(shuffle([], 3, undefined)).toEqual([]);
    expect(shuffle(input, 0, undefined)).toEqual([]);
  });
});

describe('random_id encodings', () => {
  test('id is unpadded URL-safe base64; the others carry the prefix', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0x00, 0x10]);
    expect(idEncodings(bytes, 'p-')).toEqual({ id: '-_8AEA', b64_url: 'p--_8AEA', b64_std: 'p-+/8AEA==', hex: 'p-fbff0010', dec: `p-${0xfbff0010}` });
  });

  test('dec has no leading zeros and hex keeps them', () => {
    expect(idEncodings(Buffer.from([0, 1]), '')).toMatchObject({ hex: '0001', dec: '1' });
  });
});

describe('random_pet names', () => {
  test.each([
    [1, [ANIMALS]],
    [2, [ADJECTIVES, ANIMALS]],
    [4, [ADVERBS, ADVERBS, ADJECTIVES, ANIMALS]],
  ] as const)('%i words: adverbs, an adjective, an animal', (words, lists) => {
    const parts = petName(words, '-', '').split('-');
    expect(parts).toHaveLength(words);
    parts.forEach((p, i) => expect(lists[i]).toContain(p));
  });

  test('separator and prefix', () => {
    const n = petName(2, '_', 'web');
    expect(n).toMatch(/^web_[a-z]+_[a-z]+$/);
  });

  test('the word lists are lower-case words without repeats', () => {
    for (const list of [ADVERBS, ADJECTIVES, ANIMALS]) {
      expect(new Set(list).size).toBe(list.length);
      for (const w of list) expect(w).toMatch(/^[a-z]+$/);
    }
  });
});
