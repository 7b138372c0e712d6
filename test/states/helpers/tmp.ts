import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A new empty directory under the system temp dir, removed after the current test. */
export function tempDir(prefix = 'minitf-states-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A terraform_data resource ref as the engine would record it. */
export const TD = { mode: 'managed', type: 'terraform_data', name: 'a', provider: 'provider["terraform.io/builtin/terraform"]' } as const;

/** A terraform_data object with `input` as a dynamic string, optionally sensitive. */
export function tdObject(id: string, input: unknown, sensitive = false) {
  return {
    schema_version: 0,
    attributes: { id, input: { value: input, type: 'string' }, output: { value: input, type: 'string' }, triggers_replace: null },
    sensitive_attributes: sensitive ? [[{ type: 'get_attr' as const, value: 'input' }], [{ type: 'get_attr' as const, value: 'output' }]] : [],
  };
}
