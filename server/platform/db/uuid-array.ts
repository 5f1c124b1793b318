import { type SQL, sql } from 'drizzle-orm';

/**
 * A list of ids as ONE uuid[] parameter (drizzle spreads a JS array into one parameter per item,
 * which `= ANY(…)` cannot take). The ids are the app's own uuids; the cast refuses anything else.
 */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;
