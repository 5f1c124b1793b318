import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant of the safety core (see stryker.config.mjs): the
// unit tests of those modules plus the few database tests that exercise the access hook, the
// audit chain and person visibility end to end. Kept small so a run fits on a 2-core machine.
export default defineConfig({
  test: {
    maxWorkers: 1,
    projects: [
      {
        extends: true,
        test: {
          name: 'mutation-unit',
          include: [
            'server/platform/access/**/*.test.ts',
            'server/platform/audit/**/*.test.ts',
            'server/platform/http/access*.test.ts',
            'common/permissions*.test.ts',
            'server/modules/referrals/lifecycle*.test.ts',
            'server/modules/people/**/*.test.ts',
          ],
          exclude: ['**/*.db.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'mutation-db',
          include: [
            'server/platform/http/access.db.test.ts',
            'server/platform/audit/audit.db.test.ts',
            'server/platform/audit/denial-throttle.db.test.ts',
            'server/modules/people/people.db.test.ts',
          ],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
