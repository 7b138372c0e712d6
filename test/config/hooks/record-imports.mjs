// Preloaded with `node --import` by test/config/cli.test.ts: records every module specifier that
// resolves to an @alicloud package (ESM resolve hook, runs off-thread) and, at exit, every
// @alicloud file in the CommonJS cache, into the file named by MINITF_IMPORT_LOG.
import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';

const log = process.env.MINITF_IMPORT_LOG;
register(new URL('./record-hooks.mjs', import.meta.url), { data: { log } });
process.on('exit', () => {
  const require = createRequire(import.meta.url);
  const loaded = Object.keys(require.cache).filter((k) => k.includes('@alicloud'));
  if (log && loaded.length) appendFileSync(log, loaded.map((k) => `cache ${k}\n`).join(''));
});
