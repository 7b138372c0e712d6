import { expect, test } from 'vitest';
import { conformanceFile, sharedConformanceFile } from '../helpers/conformance.js';

test.each(['lang-cases.json', 'plan-scenarios.json'])('the vendored %s equals the shared corpus when present', (name) => {
  const shared = sharedConformanceFile(name);
  if (shared === undefined) {
    console.log(`shared/conformance/${name} not found beside the checkout: checked the vendored copy parses only`);
    expect(() => JSON.parse(conformanceFile(name))).not.toThrow();
    return;
  }
  expect(conformanceFile(name)).toBe(shared);
});
