// Builds dist/: the CLI bundled by esbuild into ES modules (dependencies stay external and are loaded
// from node_modules; lazy imports stay lazy as separate chunks). Starting from one bundle instead of
// hundreds of TypeScript modules through tsx's loader roughly halves minitf's start-up.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: { 'cli/main': join(root, 'src/cli/main.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// Validators compiled ahead of time (see build-validators.mjs).
const { buildValidators } = await import('./build-validators.mjs');
buildValidators(join(root, 'schemas'), join(root, 'dist', 'schema-validators.cjs'));
