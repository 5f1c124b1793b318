import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { people } from './people.tables.js';

export type PersonRow = typeof people.$inferSelect;

export async function findPeopleByIds(db: DbOrTx, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(people).where(inArray(people.id, ids));
}
