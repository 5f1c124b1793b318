import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Outside production, without SECRETS_ENCRYPTION_KEY: the key made at first start and kept in
 * DATA_DIR (readable by its owner only), so `npm start` needs no set-up and a restart still opens
 * what the last run sealed. Production refuses to start without the setting (config.ts).
 */
export async function developmentSecretsKey(dataDir: string): Promise<{ key: string; file: string; made: boolean }> {
  const file = path.resolve(dataDir, 'secrets-encryption.key');
  try {
    return { key: (await readFile(file, 'utf8')).trim(), file, made: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64');
  // 'wx': of two instances starting at once on one DATA_DIR, the second reads the first's key.
  try {
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return { key, file, made: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { key: (await readFile(file, 'utf8')).trim(), file, made: false };
  }
}
