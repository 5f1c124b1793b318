// `npm run test:e2e`: find a browser, build the web app and the server, run Playwright against a
// fresh database.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { findBrowser } from './browser.mjs';
import { printFailureSummary } from './failure-summary.mjs';

const inCi = process.env.CI === 'true' || process.env.CI === '1';
const browser = findBrowser();

if (!browser) {
  const bar = '!'.repeat(78);
  console.warn(
    [
      '',
      bar,
      '!!  END-TO-END TESTS NOT RUN: no Chromium or Chrome browser was found.',
      '!!',
      process.env.CHROME_PATH
        ? `!!  CHROME_PATH is set to ${process.env.CHROME_PATH}, but there is no file there.`
        : null,
      '!!  Install one and run again:',
      '!!      sudo apt-get install -y chromium        (Debian / Ubuntu)',
      '!!  or point Waymark at a browser you already have:',
      '!!      CHROME_PATH=/path/to/chrome npm run test:e2e',
      '!!',
      inCi
        ? '!!  CI=true: failing, because CI must run the end-to-end tests.'
        : '!!  Exiting with success so local `npm test` still passes: these tests did NOT run.',
      bar,
      '',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  );
  process.exit(inCi ? 1 : 0);
}

/** Runs a command with our terminal; stops the whole run on failure. */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.error) {
    console.error(`Could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

// Every run starts from an empty database (and forgets the admin's authenticator secret with it).
rmSync('.tmp/e2e-data', { recursive: true, force: true });
rmSync('.tmp/e2e-state', { recursive: true, force: true });
rmSync('.tmp/e2e-report.json', { force: true });

const built = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (built !== 0) process.exit(built);
// The server as `npm start` runs it: one bundled file (about 2 s to build), which starts in about
// 2 s where `tsx server/main.ts` takes 6-7 s compiling each module on a cold cache. It is also
// the file that ships. playwright.config.ts starts it.
const bundled = run('npm', ['run', '--silent', 'build:server']);
if (bundled !== 0) process.exit(bundled);

const status = run('npx', ['playwright', 'test', ...process.argv.slice(2)], { ...process.env, CHROME_PATH: browser });
if (status !== 0) printFailureSummary();
process.exit(status);
