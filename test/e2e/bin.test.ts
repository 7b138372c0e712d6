import { afterAll, describe, expect, test } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, childEnv, REPO, run } from './helpers.js';

/**
 * `bin/minitf.js` chooses between the compiled `dist/` and the TypeScript sources. Each case lays out
 * a package with the real bin script, stand-in entry points that name themselves, and chosen times.
 */
const roots: string[] = [];
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Layout {
  readonly name: string;
  /** Seconds since the epoch of `dist/cli/main.js` (absent: no build) and of the newest source. */
  readonly built?: number;
  readonly source: number;
  readonly env?: Record<string, string>;
  readonly runs: 'dist' | 'src';
}

const layouts: readonly Layout[] = [
  { name: 'a build newer than every source', built: 2_000_000_000, source: 1_900_000_000, runs: 'dist' },
  { name: 'a source edited after the build', built: 1_900_000_000, source: 2_000_000_000, runs: 'src' },
  { name: 'no build (a fresh clone)', source: 1_900_000_000, runs: 'src' },
  { name: 'MINITF_FROM_SOURCE=1', built: 2_000_000_000, source: 1_900_000_000, env: { MINITF_FROM_SOURCE: '1' }, runs: 'src' },
];

function layOut(l: Layout): string {
  const root = mkdtempSync(join(tmpdir(), 'minitf-e2e-bin-'));
  roots.push(root);
  mkdirSync(join(root, 'bin'));
  copyFileSync(BIN, join(root, 'bin', 'minitf.js'));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  const entry = (what: string) => `export async function main(args: string[]): Promise<number> { console.log('${what}', args.join(' ')); return 3; }\n`;
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), entry('src'));
  writeFileSync(join(root, 'src', 'cli', 'other.ts'), 'export {};\n');
  utimesSync(join(root, 'src', 'cli', 'main.ts'), 1_000_000_000, 1_000_000_000);
  utimesSync(join(root, 'src', 'cli', 'other.ts'), l.source, l.source);
  if (l.built !== undefined) {
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'cli', 'main.js'), entry('dist').replace('(args: string[]): Promise<number>', '(args)'));
    utimesSync(join(root, 'dist', 'cli', 'main.js'), l.built, l.built);
  }
  return root;
}

describe('bin/minitf.js', () => {
  test.each(layouts)('$name → runs $runs', async (l) => {
    const root = layOut(l);
    const r = await run(process.execPath, [join(root, 'bin', 'minitf.js'), 'version', '-x'], root, childEnv(l.env ?? {}));
    expect(r.stdout.trim(), r.stderr).toBe(`${l.runs} version -x`);
    expect(r.code).toBe(3);
  });
});
