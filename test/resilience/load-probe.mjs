// Preloaded into a child `minitf` (NODE_OPTIONS=--import=<this file>): when the process exits, writes
// the files of the `@alicloud/*` packages it loaded (or of the packages whose path contains
// MINITF_LOAD_PROBE_MATCH) to the path in MINITF_LOAD_PROBE, as JSON.
import { writeFileSync } from 'node:fs';
import Module from 'node:module';

const out = process.env.MINITF_LOAD_PROBE;
const match = process.env.MINITF_LOAD_PROBE_MATCH || '/@alicloud/';
if (out) {
  process.on('exit', () => {
    const cache = /** @type {Record<string, unknown>} */ (/** @type {any} */ (Module)._cache);
    writeFileSync(out, JSON.stringify(Object.keys(cache).filter((f) => f.includes(match))));
  });
}
