import type { Config } from '../config.js';
import { findRunningEmbeddedPostgres, startEmbeddedPostgres } from '../platform/db/embedded.js';

/**
 * The database Waymark uses, for a script: DATABASE_URL when set; otherwise the embedded
 * PostgreSQL under DATA_DIR — the running app's when Waymark is running, else one started here,
 * which `stop` stops again (a no-op for a database the script did not start).
 */
export async function waymarkDatabase(config: Config): Promise<{ url: string; stop(): Promise<void> }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => {} };
  const running = await findRunningEmbeddedPostgres(config.DATA_DIR);
  if (running) return { url: running.url, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: config.DATA_DIR,
    port: config.EMBEDDED_PG_PORT,
    stagingDir: config.EMBEDDED_PG_STAGING_DIR,
    notify: (line) => console.error(line),
  });
  return { url: server.url, stop: server.stop };
}
