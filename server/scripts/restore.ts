import { loadConfig } from '../config.js';
import { verifyAuditChain } from '../platform/audit/audit.js';
import { encryptionKeyOf } from '../platform/db/backup/archive.js';
import { RestoreRefused, restoreBackup } from '../platform/db/backup/restore.js';
import { connectDatabase } from '../platform/db/client.js';
import { describeError } from '../platform/describe-error.js';
import { waymarkDatabase } from './waymark-database.js';

// `npm run restore -- FILE [--force]`: a backup into the database (DATABASE_URL, or the embedded
// one under DATA_DIR; stop Waymark first), which must be empty unless --force; then the audit
// chain is verified. Exit 0 restored, 1 refused, 2 on error.
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('Usage: npm run restore -- FILE [--force]');
    return 1;
  }
  const config = loadConfig();
  const { url, stop } = await waymarkDatabase(config);
  try {
    const started = Date.now();
    const result = await restoreBackup(url, file, { key: encryptionKeyOf(config.BACKUP_ENCRYPTION_KEY), force });
    const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    console.log(
      `Restored ${Object.keys(result.rows).length} tables, ${rows} rows, from the backup of ${result.header.createdAt} ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    const database = connectDatabase(url, 1);
    try {
      const verdict = await verifyAuditChain(database.db);
      console.log(
        verdict.ok
          ? `Audit chain intact: ${verdict.checked} rows checked.`
          : `Audit chain BROKEN at row ${verdict.firstBadId}: ${verdict.reason}.`,
      );
      return verdict.ok ? 0 : 2;
    } finally {
      await database.close();
    }
  } catch (err) {
    if (err instanceof RestoreRefused) {
      console.error(`Not restored: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`Restore failed: ${describeError(err)}`);
    process.exit(2);
  },
);
