import type { DbOrTx } from '../../../platform/db/client.js';
import * as repo from './organisations.repository.js';

// The directory's organisations as other modules need them: by id within an ICB, the ones a VCS
// partner runs (a partner may run several directory organisations), and their services' names.

export type { DirectoryOrganisationRef } from './organisations.repository.js';

/** The directory organisation in the ICB, or null (another ICB's is not found). */
export const findDirectoryOrganisation = repo.findOrganisation;

/** The directory organisations a VCS partner organisation runs, in the ICB. */
export const directoryOrganisationsOfPartner = repo.findOrganisationsOfPartner;

/** Services' names by id. */
export async function serviceNamesOf(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await repo.findServiceNames(db, ids);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface ListingRef {
  service: { id: string; name: string };
  organisation: { id: string; name: string };
}

/** Services of the ICB with their organisation, by service id (another ICB's are not found). */
export async function listingRefsOf(
  db: DbOrTx,
  icbId: string,
  serviceIds: Iterable<string>,
): Promise<Map<string, ListingRef>> {
  const rows = await repo.findListingRefs(db, icbId, [...new Set(serviceIds)]);
  return new Map(
    rows.map((r) => [
      r.id,
      { service: { id: r.id, name: r.name }, organisation: { id: r.organisationId, name: r.organisationName } },
    ]),
  );
}
