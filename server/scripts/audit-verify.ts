import { loadConfig } from '../config.js';
import { verifyAuditChain } from '../platform/audit/audit.js';
import { connectDatabase } from '../platform/db/client.js';
import { describeError } from '../platform/describe-error.js';
import { waymarkDatabase } from './waymark-database.js';

// `npm run audit:verify`: recomputes the audit hash chain and names the first row that was
// edited, removed or inserted out of turn. Exit 0 when intact, 1 when broken, 2 on error.
async function main(): Promise<number> {
  const config = loadConfig();
  const { url, stop } = await waymarkDatabase(config);
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
