import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { schemasDir } from './load.js';
import type { JsonSchemaNode } from './load.js';

let table: Readonly<Record<string, ValidateFunction>> | null | undefined;

/**
 * The validator `npm run build` compiled ahead of time for this schema (`dist/schema-validators.cjs`,
 * written by scripts/build-validators.mjs), or undefined when there is no build or the schema changed
 * since (validators are found by the SHA-256 of the schema's JSON text, so a stale one is never used).
 */
export function precompiledValidator(raw: JsonSchemaNode): ValidateFunction | undefined {
  if (table === undefined) table = load();
  if (!table) return undefined;
  return table[`v_${createHash('sha256').update(JSON.stringify(raw)).digest('hex')}`];
}

function load(): Readonly<Record<string, ValidateFunction>> | null {
  if (process.env.MINITF_NO_PRECOMPILED === '1') return null;
  const file = join(dirname(schemasDir()), 'dist', 'schema-validators.cjs');
  if (!existsSync(file)) return null;
  try {
    return createRequire(import.meta.url)(file) as Record<string, ValidateFunction>;
  } catch {
    return null;
  }
}
