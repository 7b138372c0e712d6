import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CORPUS, caseFiles, checkCase, fuzzCaseArb } from './fuzz-property.js';
import { loadConfig, memorySource, validateConfig } from '../../src/config/index.js';

describe('bad input never crashes the loader', () => {
  test('the corpus is valid before mutation', async () => {
    for (const entry of CORPUS) {
      const r = await loadConfig('/minitf-fuzz', memorySource('/minitf-fuzz', entry.files));
      expect([...r.diagnostics, ...validateConfig(r.value)], entry.name).toEqual([]);
    }
  });

  test('1,000 mutated configurations give diagnostics with a file and line, never an exception', async () => {
    let withErrors = 0;
    const printed: string[] = [];
    const onWarning = (w: Error): void => void printed.push(w.message);
    process.on('warning', onWarning);
    await fc.assert(
      fc.asyncProperty(fuzzCaseArb, async (c) => {
        const out = await checkCase(c);
        if (out.diagnostics.some((d) => d.severity === 'error')) withErrors++;
      }),
      { numRuns: 1000 },
    ).finally(() => process.off('warning', onWarning));
    // Nothing may be printed behind the diagnostics' back (the YAML parser emits process warnings).
    expect(printed).toEqual([]);
    // The mutations do damage: most cases must be rejected with at least one error.
    expect(withErrors).toBeGreaterThan(500);
  }, 600_000);

  test('mutations change the text', () => {
    const c = { base: 0, mutations: [{ kind: 'truncate' as const, at: 100 }] };
    expect(caseFiles(c).files['main.tf']!.length).toBe(100);
  });
});
