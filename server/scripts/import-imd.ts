import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { ImdFileError, importImdFile } from '../modules/analytics/imd/import-imd.js';
import { connectDatabase } from '../platform/db/client.js';
import { migrateDatabase } from '../platform/db/migrate.js';
import { describeError } from '../platform/describe-error.js';
import { waymarkDatabase } from './waymark-database.js';

// `npm run import:imd -- FILE`: loads the English Index of Multiple Deprivation deciles per LSOA
// (the published File 1 CSV, or `lsoa,decile`) into the database Waymark uses: DATABASE_URL when set, otherwise the embedded
// PostgreSQL under DATA_DIR (the running app's, or started here when Waymark is not running).
// Exit 0 when every row imported, 1 when some rows had errors, 2 on failure.
async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('Usage: npm run import:imd -- IMD_FILE.csv');
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  const config = loadConfig();
  const { url, stop } = await waymarkDatabase(config);
  try {
    // A brand-new database has no imd_deciles table until the migrations have run.
    await migrateDatabase(url);
    const database = connectDatabase(url, 2);
    try {
      const started = Date.now();
      const report = await importImdFile(database.db, file);
      const errorCount = report.errors.length + report.errors_not_listed;
      console.log(
        `IMD deciles imported: ${report.imported}; rows with errors: ${errorCount} (${((Date.now() - started) / 1000).toFixed(1)} s).`,
      );
      for (const e of report.errors) console.log(`  line ${e.line}: ${e.message}`);
      if (report.errors_not_listed) console.log(`  … and ${report.errors_not_listed} more`);
      return errorCount ? 1 : 0;
    } finally {
      await database.close();
    }
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`import:imd failed: ${err instanceof ImdFileError ? err.message : describeError(err)}`);
    process.exit(2);
  },
);
