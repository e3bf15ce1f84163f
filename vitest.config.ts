import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One test file per core, not vitest's default of one fewer: most files wait on PostgreSQL,
    // SQLite's disk, a served process or Chromium, so on a 2-core machine one worker left a core
    // idle (the suite took 12 minutes with one, under 9 with two, with the same results).
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        // The pure unit tests beside the code share their workers' modules: none touches the
        // environment or a global, and starting a fresh process per file cost them five times
        // their own run time (38 s against 7 s for the 82 files on 2 cores).
        test: { name: 'unit', include: ['src/**/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        // Databases, servers, processes and a browser: each file in a process of its own.
        test: { name: 'integration', include: ['test/**/*.test.ts'] },
      },
    ],
  },
});
