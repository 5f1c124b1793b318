// Mutation testing of the safety core: who may reach what (permissions, the route access hook,
// row scope, person visibility), what is recorded (the audit chain, the refusal throttle) and
// which status moves a referral may make. Run with `npm run test:mutation` (slow: not part of
// `npm test` or CI; see the README's testing section for the figure).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  // THE SAFETY CORE. Add new scoped-finder modules here (e.g. server/platform/access/scoped-finder*.ts,
  // server/modules/referrals/find-in-scope*.ts) together with their tests in vitest.mutation.config.ts.
  mutate: [
    'server/platform/access/**/*.ts',
    'server/platform/audit/audit.ts',
    'server/platform/audit/denial-throttle.ts',
    'server/platform/http/access.ts',
    'common/permissions.ts',
    'server/modules/referrals/lifecycle.ts',
    'server/modules/people/people.repository.ts:24-32',
    '!**/*.test.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // A mutant that makes a unit test hang (e.g. an endless loop) is counted as killed after this.
  timeoutMS: 10_000,
  reporters: ['clear-text', 'html', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
