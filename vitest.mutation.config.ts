import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant of the safety core (see stryker.config.mjs): fast
// unit tests only. Database tests were tried and are impractical here: every static mutant (the
// permission grid, the status table) reruns all of them, ~50 s each, so a run would take hours.
export default defineConfig({
  test: {
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
});
