import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One test file per core, not vitest's default of one fewer: most files wait on PostgreSQL,
    // SQLite's disk, a served process or Chromium, so on a 2-core machine one worker left a core
    // idle (the suite took 12 minutes with one, under 9 with two, with the same results).
    maxWorkers: availableParallelism(),
  },
});
