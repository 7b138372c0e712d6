import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FAST_EXCLUDE, FAST_INCLUDE } from '../vitest.fast.config.js';

// The README says `npm run test:fast` runs the unit and conformance tests in seconds, without the
// end-to-end and crash tests: keep that true.
const root = join(import.meta.dirname, '..');

/** A glob (`**`, `*`, `{a,b}`) as a regular expression over `/`-separated relative paths. */
function globRe(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [relative(root, p).split(sep).join('/')];
  });
}

const include = FAST_INCLUDE.map(globRe);
const exclude = FAST_EXCLUDE.map(globRe);
const fast = files(join(root, 'test')).filter((f) => include.some((r) => r.test(f)) && !exclude.some((r) => r.test(f)));

describe('the fast test subset', () => {
  test('holds the unit and conformance tests', () => {
    expect(fast).toContain('test/lang/no-internal-error.test.ts');
    expect(fast).toContain('test/conformance/plan-scenarios.test.ts');
    expect(fast.length).toBeGreaterThan(50);
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
