import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FAST_EXCLUDE, FAST_INCLUDE } from '../vitest.fast.config.js';
import { evaluate, parseExpression, toJSON } from '../src/lang/index.js';

// The README says `npm run test:fast` runs the unit and conformance tests in seconds, without the
// end-to-end and crash tests: keep that true.
const root = join(import.meta.dirname, '..');

/** The files under the repository matching a glob, found by minitf's own `fileset` function. */
function matching(glob: string): string[] {
  const r = evaluate(parseExpression(`fileset(${JSON.stringify(root)}, ${JSON.stringify(glob)})`, { file: 'fast.tf', line: 1, column: 1 }).value, { get: () => undefined, baseDir: root });
  expect(r.diagnostics).toEqual([]);
  return toJSON(r.value) as string[];
}

const excluded = new Set(FAST_EXCLUDE.flatMap((g) => matching(g.replace(/^\*\*\//, 'test/**/'))));
const fast = [...new Set(FAST_INCLUDE.flatMap(matching))].filter((f) => !excluded.has(f)).sort();

describe('the fast test subset', () => {
  test('holds the unit and conformance tests', () => {
    expect(fast).toContain('test/lang/no-internal-error.test.ts');
    expect(fast).toContain('test/conformance/plan-scenarios.test.ts');
    expect(fast.length).toBeGreaterThan(50);
    expect(fast).not.toContain('test/states/crash.test.ts');
    expect(fast).not.toContain('test/cli/user-errors.e2e.test.ts');
  });

  test('starts no child process, and leaves out end-to-end, resilience and crash tests', () => {
    const spawning = fast.filter((f) => /from '(node:)?child_process'|helpers\/process\.js|e2e\/helpers\.js/.test(readFileSync(join(root, f), 'utf8')));
    expect(spawning).toEqual([]);
    expect(fast.filter((f) => /(^test\/(e2e|resilience|bench)\/|\.e2e\.test\.ts$|crash)/.test(f))).toEqual([]);
  });

  test('is what npm run test:fast runs, and the README says so', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['test:fast']).toBe('vitest run --config vitest.fast.config.ts');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const dev = readme.slice(readme.indexOf('## Development'));
    expect(dev).toMatch(/npm run test:fast +# .*unit and conformance/);
  });
});
