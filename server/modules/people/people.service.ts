import type { DbOrTx } from '../../platform/db/client.js';
import * as repo from './people.repository.js';

export type { MatchQuery, PersonInsert, PersonMatchRow, PersonRow } from './people.repository.js';
export {
  findLikelyMatches,
  findPersonByNhsNumber,
  findPersonInIcb,
  insertPerson,
  lockLikelyMatchKey,
  updatePersonContact,
  upsertPersonByNhsNumber,
} from './people.repository.js';

/** People by id. Callers have already scoped the records that point at them. */
export async function peopleByIds(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, repo.PersonRow>> {
  const rows = await repo.findPeopleByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r]));
}
