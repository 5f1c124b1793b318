import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { encryptionKeyOf } from '../platform/db/backup/archive.js';
import { writeBackup } from '../platform/db/backup/backup.js';
import { describeError } from '../platform/describe-error.js';
import { waymarkDatabase } from './waymark-database.js';

// `npm run backup [-- FILE]`: the whole database (DATABASE_URL, or the embedded one under
// DATA_DIR) into a timestamped file under BACKUP_DIR, encrypted when BACKUP_ENCRYPTION_KEY is set.
async function main(): Promise<number> {
  const config = loadConfig();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const file = process.argv[2] ?? path.join(config.BACKUP_DIR, `waymark-${stamp}.backup`);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { url, stop } = await waymarkDatabase(config);
  try {
    const started = Date.now();
    const result = await writeBackup(url, file, encryptionKeyOf(config.BACKUP_ENCRYPTION_KEY));
    const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    console.log(
      `Backed up ${Object.keys(result.rows).length} tables, ${rows} rows, to ${file}` +
        `${result.encrypted ? ' (encrypted)' : ' (NOT encrypted: set BACKUP_ENCRYPTION_KEY)'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`Backup failed: ${describeError(err)}`);
    process.exit(2);
  },
);
