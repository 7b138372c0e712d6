import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig, validateConfig } from '../../src/config/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'config', 'invalid');

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * Expected `file:line: Summary` entries of a fixture: `# ERROR: Summary` comments on the offending
 * line of HCL and YAML files, and `LINE: Summary` lines in a `.expect` file beside a JSON file.
 */
function expected(fixture: string): string[] {
  const out: string[] = [];
  for (const f of filesUnder(fixture)) {
    const rel = relative(fixture, f).split(sep).join('/');
    if (rel.endsWith('.expect')) {
      for (const line of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
        const m = /^(\d+): (.+)$/.exec(line);
        if (!m) throw new Error(`bad line in ${rel}: ${line}`);
        out.push(`${rel.replace(/\.expect$/, '')}:${m[1]}: ${m[2]}`);
      }
      continue;
    }
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        for (const m of text.matchAll(/# ERROR: (.+?)(?=\s+# ERROR:|\s*$)/g)) out.push(`${rel}:${i + 1}: ${m[1]}`);
      });
  }
  return out.sort();
}

const fixtures = readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()).sort();

describe('invalid configurations', () => {
  test('there are at least 25 of them', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  test.each(fixtures)('%s', async (name) => {
    const fixture = join(dir, name);
    const want = expected(fixture);
    expect(want.length, 'fixture marks no error').toBeGreaterThan(0);
    const r = await loadConfig(fixture);
    const diags = [...r.diagnostics, ...validateConfig(r.value)];
    for (const d of diags) {
      expect(d.subject?.file, `${d.summary} has no file`).toBeTruthy();
      expect(d.subject?.start.line, `${d.summary} has no line`).toBeGreaterThan(0);
    }
    const got = diags.map((d) => `${d.subject?.file}:${d.subject?.start.line}: ${d.summary}`).sort();
    expect(got).toEqual(want);
  });
});
