import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../platform/db/client.js';
import { keptOrMade, LruCache } from '../../platform/lru-cache.js';
import { stableStringify } from '../../platform/stable-json.js';

// The public directory's answers (search, listing pages, categories, the Open Referral UK API)
// hold nothing personal and are asked again and again (the same categories, days and nearby
// places), so each is kept in process as the JSON text the route sends, keyed by:
// - the directory's version (migration 0036), which every committed change to what the public
//   sees moves on: read BEFORE the answer is made, so an answer is never older than its key, and
//   no answer made before a change is served after it commits, on any instance;
// - the minute, as answers also depend on the date and time (schedules ending, sessions to come),
//   and browsers and proxies may keep them for a minute anyway (`Cache-Control: max-age=60`).
// 500 answers of a few tens of kB stay well under 25 MB.

const answers = new LruCache<Promise<string>>(500);
const MINUTE_MS = 60_000;

async function directoryVersion(db: Db): Promise<string> {
  const { rows } = await db.execute<{ version: string }>(sql`SELECT version::text AS version FROM directory_version`);
  return rows[0]?.version ?? 'none';
}

/** The answer `make` gives for (`name`, `input`), encoded by `schema` as the route's serializer would. */
export async function publicAnswer<S extends z.ZodType>(
  db: Db,
  name: string,
  input: unknown,
  schema: S,
  make: () => Promise<z.output<S>>,
  now = Date.now(),
): Promise<string> {
  const key = stableStringify([name, input ?? null, await directoryVersion(db), Math.floor(now / MINUTE_MS)]);
  return keptOrMade(answers, key, async () => JSON.stringify(schema.encode(await make())));
}
