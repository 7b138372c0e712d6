import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The fast subset (`npm run test:fast`): unit and conformance tests that run in-process, in seconds.
 * End-to-end tests (`*.e2e.test.ts`, `test/e2e`), resilience and crash tests, the PostgreSQL and OSS
 * backends, and the tests that start `minitf` or `terraform` as child processes stay in `npm test`.
 * `test/fast-subset.test.ts` checks that no file of this subset starts a child process.
 */
export const FAST_INCLUDE = ['test/{addrs,cdktf,cli,config,conformance,core,graph,lang,plans,review,schema,states}/**/*.test.ts', 'test/fast-subset.test.ts'];

/** Files under FAST_INCLUDE that are not fast. */
export const FAST_EXCLUDE = [
  '**/*.e2e.test.ts',
  'test/states/{pg,oss}/**',
  'test/states/{crash,cli,terraform}.test.ts',
  'test/cli/{console,startup}.test.ts',
  'test/config/{cli,terraform-compare}.test.ts',
];

export default defineConfig({ test: { ...base.test, include: FAST_INCLUDE, exclude: [...FAST_EXCLUDE, '**/node_modules/**'] } });
