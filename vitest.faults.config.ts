import { defineConfig } from 'vitest/config';

// `npm run test:faults` (issue 19, point 3): the real server as a child process, killed under
// load. Minutes long, so not part of `npm test`; one file at a time (each starts its own server).
export default defineConfig({
  test: {
    include: ['server/**/*.faults.test.ts'],
    maxWorkers: 1,
    testTimeout: 400_000,
    hookTimeout: 120_000,
  },
});
