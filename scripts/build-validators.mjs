// Writes dist/schema-validators.cjs: every schema under schemas/ compiled by ajv ahead of time
// (ajv's standalone code), so a command validating a configuration does not spend a third of its
// start-up compiling them. Each validator is exported under the SHA-256 of its schema's JSON text
// (see src/schema/precompiled.ts): a schema edited after the build no longer matches, and is
// compiled at run time as before.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

/** The export name of a schema's validator: `v_` and the SHA-256 of `JSON.stringify(schema)`. */
export function validatorName(raw) {
  return `v_${createHash('sha256').update(JSON.stringify(raw)).digest('hex')}`;
}

/** Compiles every schema in `schemasDir` into `outFile` (CommonJS). Returns how many. */
export function buildValidators(schemasDir, outFile) {
  // The same options as src/schema/validate.ts, plus source code for the standalone output.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true, validateSchema: false, code: { source: true } });
  const names = {};
  for (const f of readdirSync(schemasDir).sort()) {
    if (!f.endsWith('.json') || f === 'config.schema.json') continue;
    const raw = JSON.parse(readFileSync(join(schemasDir, f), 'utf8'));
    const name = validatorName(raw);
    if (!raw.$id) throw new Error(`schemas/${f} has no $id`);
    ajv.addSchema(raw);
    names[name] = raw.$id;
  }
  const standalone = standaloneCode.default ?? standaloneCode;
  writeFileSync(outFile, standalone(ajv, names));
  return Object.keys(names).length;
}
