import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, describe, expect, test } from 'vitest';
import { allSchemas, schemasDir } from '../../src/schema/load.js';
import { precompiledValidator } from '../../src/schema/precompiled.js';
// @ts-expect-error: a plain .mjs build script without types
import { buildValidators, validatorName } from '../../scripts/build-validators.mjs';

// Inside the package, so the generated code's require('ajv/dist/runtime/…') resolves.
const cache = join(dirname(schemasDir()), 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'minitf-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validators compiled ahead of time', () => {
  const out = join(dir, 'v.cjs');
  const count = (buildValidators as (s: string, o: string) => number)(schemasDir(), out);
  const table = createRequire(import.meta.url)(out) as Record<string, ValidateFunction>;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true, validateSchema: false });
  const samples: unknown[] = [{}, { nope: 1 }, { name: 5, tags: { a: 1 } }, { description: 'x', image_name: 'http://x' }, [], 'text', null];

  test('the build compiles every schema', () => {
    expect(count).toBe(allSchemas().size);
  });

  test.each([...allSchemas().entries()].map(([k, s]) => [k, s] as const))('%s: same verdicts and errors as ajv at run time', (_k, s) => {
    const pre = table[(validatorName as (r: unknown) => string)(s.raw)];
    expect(pre).toBeTypeOf('function');
    const live = ajv.compile(s.raw);
    for (const v of samples) {
      expect(pre!(v)).toBe(live(v));
      expect(pre!.errors ?? null).toEqual(live.errors ?? null);
    }
  });

  test('a schema that differs from the build finds no precompiled validator', () => {
    const [, s] = [...allSchemas().entries()][0]!;
    expect(precompiledValidator({ ...s.raw, description: 'edited after the build' })).toBeUndefined();
  });
});
