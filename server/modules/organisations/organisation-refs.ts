import type { OrganisationRef } from '../../../common/api-types.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { KeptById } from '../../platform/lru-cache.js';
import * as repo from './organisations.repository.js';

// Organisations' names and codes, for the referral views, case records and staff lists that name
// them, kept a minute: they seldom change, and a case record or a triage queue would otherwise read
// them on every view. An edit through this instance is seen at once (editOrganisation forgets
// it); through another, within the minute. Keyed by id alone (uuids, unique across databases).
const refsKept = new KeptById<OrganisationRef>(5000, 60_000);

/** After an organisation's name or code changed: the next view reads it again. */
export function forgetOrganisationRef(id: string): void {
  refsKept.forget(id);
}

export function organisationRefs(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, OrganisationRef>> {
  return refsKept.of(ids, async (missing) =>
    (await repo.findRefsByIds(db, missing)).map((r) => [r.id, { kind: r.kind, id: r.id, code: r.code, name: r.name }]),
  );
}
