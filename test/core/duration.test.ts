import { describe, expect, test } from 'vitest';
import { formatElapsed, parseDuration } from '../../src/core/duration.js';

describe('durations', () => {
  test.each([
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['2s', 2000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['0', 0],
    ['0s', 0],
    ['2h3m4s', 7_384_000],
    ['.5s', 500],
    ['1.s', 1000],
  ])('%s parses to %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));
  test.each([['10'], ['m'], ['10 m'], ['5 s'], ['-1s'], ['.s'], [''], ['1x']])('%s is not a duration', (text) => expect(parseDuration(text)).toBeUndefined());
  test.each([
    [0, '0s'],
    [11_400, '11s'],
    [60_000, '1m0s'],
    [3_723_000, '1h2m3s'],
  ])('%d ms prints as %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));
});
