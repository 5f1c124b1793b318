import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findBrowser } from './e2e/browser.mjs';
import { E2E_NOTIFY_API_KEY, E2E_NOTIFY_CALLBACK_TOKEN, E2E_NOTIFY_TEMPLATES } from './e2e/notify-settings.mjs';
import { E2E_NOTIFY_PORT, E2E_PG_PORT, E2E_PORT } from './e2e/ports.mjs';

const PORT = E2E_PORT;

function traceMode(): 'off' | 'on' | 'retain-on-failure' | 'on-first-retry' {
  const asked = process.env.E2E_TRACE;
  if (asked === 'off' || asked === 'on' || asked === 'retain-on-failure' || asked === 'on-first-retry') return asked;
  return process.env.CI ? 'off' : 'retain-on-failure';
}
const baseURL = `http://127.0.0.1:${PORT}`;

// e2e/run.mjs (npm run test:e2e) wipes .tmp/e2e-data first: every run starts from the seeded demo ICB.
// Test files run one at a time in name order; admin.spec.ts comes first because it sets up the
// administrator's authenticator at first sign-in, which every later admin sign-in relies on.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: '.tmp/e2e-results',
  // An admin sign-in may wait up to 30 s for an unused authenticator code (e2e/support/admin-totp.ts).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['html', { outputFolder: '.tmp/e2e-report', open: 'never' }],
    // Read by e2e/failure-summary.mjs to print each failure in short at the end of a failed run.
    ['json', { outputFile: '.tmp/e2e-report.json' }],
  ],
  use: {
    baseURL,
    browserName: 'chromium',
    // en-GB browser UI, so date fields read dd/mm/yyyy in screenshots as they do for NHS staff.
    // A fake camera and microphone, allowed without asking, for the video consultation (issue 15).
    launchOptions: {
      executablePath: findBrowser() ?? undefined,
      args: [...CHROMIUM_ARGS, '--lang=en-GB', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    },
    screenshot: 'only-on-failure',
    // A trace records every action of every test and is thrown away when the test passes: on the
    // shared 2-core CI machine that costs about a fifth of the suite's time. So CI records none
    // (a failure still leaves its screenshot and error); E2E_TRACE=retain-on-failure brings them
    // back, and runs outside CI keep them.
    trace: traceMode(),
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  },
  webServer: [
    {
      // A fake GOV.UK Notify API: residents' texts and emails go there (e2e/support/notify.ts reads them).
      command: 'npx tsx e2e/support/notify-fake.mts',
      url: `http://127.0.0.1:${E2E_NOTIFY_PORT}/_fake/messages`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // Built by e2e/run.mjs (npm run build:server) just before: the file `npm start` runs.
      command: 'node --enable-source-maps dist/server/main.js',
      url: `${baseURL}/readyz`,
      timeout: 120_000,
      // A server left running from another run would have the wrong data: always start our own.
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(PORT),
        DATA_DIR: '.tmp/e2e-data',
        EMBEDDED_PG_PORT: String(E2E_PG_PORT),
        // Links in emails (password reset) point at the address the tests browse.
        PUBLIC_URL: baseURL,
        SIGN_IN_RATE_LIMIT: '1000',
        LOG_LEVEL: 'warn',
        // Synthetic Notify settings (e2e/notify-settings.mjs): the key only opens the local fake.
        NOTIFY_API_KEY: E2E_NOTIFY_API_KEY,
        NOTIFY_BASE_URL: `http://127.0.0.1:${E2E_NOTIFY_PORT}`,
        NOTIFY_CALLBACK_TOKEN: E2E_NOTIFY_CALLBACK_TOKEN,
        ...E2E_NOTIFY_TEMPLATES,
      },
    },
  ],
});
