import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure logic, no database) and `db` (integration against a real
// PostgreSQL: one cluster per run, a fresh database per test file from a migrated template).
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.faults.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['server/**/*.db.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          setupFiles: ['server/test/one-query-at-a-time.ts'],
          // Each file gets its own database, but shares its worker's loaded modules with the files
          // before it: importing the app anew for every file was 312 s of a 514 s run, on 2 cores
          // (CI's budget is 30 minutes). So a db test never mocks a module (none does) and never
          // counts on a module's state being fresh: caches keyed by ids are fine, ids are new.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
