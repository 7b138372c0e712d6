// Child process for the lazy-import test: prints whether the `pg` driver is loaded after importing
// the states folder, after opening a pg backend, and after its first read.
import { createRequire } from 'node:module';
import { openBackend } from '../../../../src/states/index.js';

const [connStr, schema] = process.argv.slice(2);
const cache = createRequire(import.meta.url).cache;
const loaded = () => Object.keys(cache).some((k) => /[\\/]node_modules[\\/]pg[\\/]lib[\\/]/.test(k));
const report: Record<string, boolean> = { imported: loaded() };
const backend = openBackend({ cwd: process.cwd(), env: { PG_CONN_STR: connStr! }, backend: { type: 'pg', config: { schema_name: schema! } }, workspace: 'default' }).value!;
report.opened = loaded();
await backend.read();
report.used = loaded();
await backend.close();
process.stdout.write(JSON.stringify(report));
