import { loadConfig } from '../config.js';
import { verifyAuditChain } from '../platform/audit/audit.js';
import { connectDatabase } from '../platform/db/client.js';
import { findRunningEmbeddedPostgres, startEmbeddedPostgres } from '../platform/db/embedded.js';
import { describeError } from '../platform/describe-error.js';

// `npm run audit:verify`: recomputes the audit hash chain and names the first row that was
// edited, removed or inserted out of turn. Exit 0 when intact, 1 when broken, 2 on error.
async function main(): Promise<number> {
  const config = loadConfig();
  let url = config.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    // Waymark may be running already (then its embedded server is used); otherwise start it here.
    const running = await findRunningEmbeddedPostgres(config.DATA_DIR);
    if (running) {
      url = running.url;
    } else {
      const server = await startEmbeddedPostgres({
        dataDir: config.DATA_DIR,
        port: config.EMBEDDED_PG_PORT,
        stagingDir: config.EMBEDDED_PG_STAGING_DIR,
        notify: (line) => console.error(line),
      });
      url = server.url;
      stop = server.stop;
    }
  }
  const database = connectDatabase(url, 1);
  try {
    const verdict = await verifyAuditChain(database.db);
    if (verdict.ok) {
      console.log(`Audit chain intact: ${verdict.checked} rows checked.`);
      return 0;
    }
    console.log(
      `Audit chain BROKEN at row ${verdict.firstBadId}: ${verdict.reason}. The ${verdict.checked} rows before it are intact.`,
    );
    return 1;
  } finally {
    await database.close();
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`audit:verify failed: ${describeError(err)}`);
    process.exit(2);
  },
);
