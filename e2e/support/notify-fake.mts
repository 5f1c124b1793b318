// The fake GOV.UK Notify API as a process of its own, for the e2e server (started by
// playwright.config.ts: `npx tsx e2e/support/notify-fake.mts`). Besides Notify's own routes it
// answers GET /_fake/messages with what it has accepted, for the tests (e2e/support/notify.ts).
import { startNotifyFake } from '../../server/test/notify-fake.js';
import { E2E_NOTIFY_API_KEY } from '../notify-settings.mjs';
import { E2E_NOTIFY_PORT } from '../ports.mjs';

const fake = await startNotifyFake({
  apiKey: E2E_NOTIFY_API_KEY,
  port: E2E_NOTIFY_PORT,
  extraRoutes(req, res, self) {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/_fake/messages') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(self.received));
      return true;
    }
    return false;
  },
});
console.log(`fake GOV.UK Notify listening at ${fake.url}`);

const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
