import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Reads a conformance corpus file (expected results computed by Terraform 1.11.4). The copy in
 * `test/fixtures/conformance/` is what CI uses; when the shared original is present beside the
 * checkout, the test suite also checks that the copy is identical (see conformance-copy.test.ts).
 */
export function conformanceFile(name: string): string {
  return readFileSync(join(here, '..', 'fixtures', 'conformance', name), 'utf8');
}

/** The shared original of a corpus file, when this checkout sits beside `shared/`. */
export function sharedConformanceFile(name: string): string | undefined {
  for (const p of [join(here, '..', '..', '..', 'shared', 'conformance', name), join(here, '..', '..', '..', '..', 'shared', 'conformance', name)]) {
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  return undefined;
}
