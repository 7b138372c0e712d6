#!/usr/bin/env node
// Entry point of the `minitf` command. It runs the compiled `dist/` when `npm run build` has produced
// it and no TypeScript source under `src/` is newer than that build (about twice as fast to start);
// otherwise it runs the sources through tsx's loader, so a fresh clone works after `npm ci` with no
// build step. MINITF_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'main.js');
const sources = join(root, 'src');

/** The newest modification time (ms) of the `.ts` files under `dir`, or 0 when there are none. */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function builtIsFresh() {
  const forced = process.env.MINITF_FROM_SOURCE;
  if ((forced && forced !== '0') || !existsSync(built)) return false;
  return statSync(built).mtimeMs >= newestSource(sources);
}

let entry;
if (builtIsFresh()) {
  entry = pathToFileURL(built).href;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = pathToFileURL(join(sources, 'cli', 'main.ts')).href;
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
