import { describe, expect, test } from 'vitest';
import { parseLockFlags } from '../../src/cli/run/flags.js';

describe('-lock and -lock-timeout', () => {
  test.each([
    [undefined, undefined, { lock: true, timeoutMs: 0 }],
    ['', '1m30s', { lock: true, timeoutMs: 90_000 }],
    ['false', '30s', { lock: false, timeoutMs: 30_000 }],
    ['0', '1.5us', { lock: false, timeoutMs: 0 }],
    [true, '0s', { lock: true, timeoutMs: 0 }],
  ])('parseLockFlags(%j, %j)', (lock, timeout, want) => {
    expect(parseLockFlags(lock, timeout)).toEqual({ value: want, diagnostics: [] });
  });

  test.each([
    ['maybe', undefined, 'Invalid value for -lock'],
    [undefined, 'soon', 'Invalid value for -lock-timeout'],
    [undefined, '10', 'Invalid value for -lock-timeout'],
  ])('parseLockFlags(%j, %j) is an error', (lock, timeout, summary) => {
    expect(parseLockFlags(lock, timeout).diagnostics.map((d) => d.summary)).toEqual([summary]);
  });
});
