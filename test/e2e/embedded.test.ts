import { afterAll, describe, expect, test } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EMBEDDED_SPEED, embeddedSpeed } from '../../src/cli/run/embedded.js';
import { copyExample, minitf, removeDir, shown } from './helpers.js';

/** Embedded mode's settings and failures (its happy path runs in every lifecycle test). */
describe('embedded emulator', () => {
  test.each([
    [undefined, DEFAULT_EMBEDDED_SPEED],
    ['', DEFAULT_EMBEDDED_SPEED],
    ['0', DEFAULT_EMBEDDED_SPEED],
    ['-3', DEFAULT_EMBEDDED_SPEED],
    ['fast', DEFAULT_EMBEDDED_SPEED],
    ['30', 30],
    ['0.5', 0.5],
  ])('MINITF_EMULATOR_SPEED=%s → speed %s', (value, speed) => {
    expect(embeddedSpeed(value === undefined ? {} : { MINITF_EMULATOR_SPEED: value })).toBe(speed);
  });

  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  test('a damaged .minitf/emulator.json is one diagnostic, not a crash', async () => {
    const dir = copyExample('terraform-data');
    dirs.push(dir);
    mkdirSync(join(dir, '.minitf'));
    writeFileSync(join(dir, '.minitf', 'emulator.json'), '{ not json');
    const r = await minitf(dir, ['-emulator', 'plan']);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain('Error: Embedded emulator failed to start');
    expect(r.stderr.replace(/\s+/g, ' ')).toContain('delete it to start from an empty emulated cloud.');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  }, 120_000);
});
