import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The Alibaba SDK packages are CommonJS; keep their real shapes (see ARCHITECTURE.md, traps).
    deps: { interopDefault: false },
    pool: 'forks',
  },
});
