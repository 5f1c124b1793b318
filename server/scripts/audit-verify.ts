import { loadConfig } from '../config.js';
import { verifyAuditChain } from '../platform/audit/audit.js';
import { connectDatabase } from '../platform/db/client.js';
import { startEmbeddedPostgres } from '../platform/db/embedded.js';

// `npm run audit:verify`: recomputes the audit hash chain and names the first row that was
// edited, removed or inserted out of turn. Exit 0 when intact, 1 when broken, 2 on error.
async function main(): Promise<number> {
  const config = loadConfig();
  let url = config.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const embeddedUrl = `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_PG_PORT}/waymark`;
    const database = connectDatabase(embeddedUrl, 1);
    // Waymark may be running already (its embedded server then answers); otherwise start it.
    const running = await database.pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    await database.close();
    if (running) {
      url = embeddedUrl;
    } else {
      const server = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
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
    console.error('audit:verify failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
