import type { OrganisationRef } from '../../../common/api-types.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { LruCache } from '../../platform/lru-cache.js';
import * as repo from './organisations.repository.js';

// Organisations' names and codes, for the referral views, case records and staff lists that name
// them, kept a minute: they seldom change, and a case record or a triage queue would otherwise read
// them on every view. An edit through this instance is seen at once (editOrganisation forgets
// it); through another, within the minute. Keyed by id alone (uuids, unique across databases).
const REFS_KEPT_MS = 60_000;
const refsKept = new LruCache<{ ref: OrganisationRef; until: number }>(5000);

/** After an organisation's name or code changed: the next view reads it again. */
export function forgetOrganisationRef(id: string): void {
  refsKept.delete(id);
}

export async function organisationRefs(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, OrganisationRef>> {
  const now = Date.now();
  const refs = new Map<string, OrganisationRef>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const kept = refsKept.get(id);
    if (kept && kept.until > now) refs.set(id, kept.ref);
    else missing.push(id);
  }
  for (const r of await repo.findRefsByIds(db, missing)) {
    const ref = { kind: r.kind, id: r.id, code: r.code, name: r.name };
    refs.set(r.id, ref);
    refsKept.set(r.id, { ref, until: now + REFS_KEPT_MS });
  }
  return refs;
}
