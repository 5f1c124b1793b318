import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { directoryOrganizations, directoryServices } from '../directory.tables.js';

export interface DirectoryOrganisationRef {
  id: string;
  name: string;
  vcsOrganisationId: string | null;
}

const ref = {
  id: directoryOrganizations.id,
  name: directoryOrganizations.name,
  vcsOrganisationId: directoryOrganizations.vcsOrganisationId,
};

export async function findOrganisation(
  db: DbOrTx,
  icbId: string,
  id: string,
): Promise<DirectoryOrganisationRef | null> {
  const [row] = await db
    .select(ref)
    .from(directoryOrganizations)
    .where(and(eq(directoryOrganizations.id, id), eq(directoryOrganizations.icbId, icbId)));
  return row ?? null;
}

export async function findOrganisationsOfPartner(
  db: DbOrTx,
  icbId: string,
  vcsOrganisationId: string,
): Promise<DirectoryOrganisationRef[]> {
  return db
    .select(ref)
    .from(directoryOrganizations)
    .where(
      and(eq(directoryOrganizations.icbId, icbId), eq(directoryOrganizations.vcsOrganisationId, vcsOrganisationId)),
    )
    .orderBy(asc(directoryOrganizations.name));
}

export async function findServiceNames(db: DbOrTx, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: directoryServices.id, name: directoryServices.name })
    .from(directoryServices)
    .where(inArray(directoryServices.id, [...ids]));
}

/** Each service's name and its organisation's, in the ICB: one query for a page of rows. */
export async function findListingRefs(
  db: DbOrTx,
  icbId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string; organisationId: string; organisationName: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: directoryServices.id,
      name: directoryServices.name,
      organisationId: directoryOrganizations.id,
      organisationName: directoryOrganizations.name,
    })
    .from(directoryServices)
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
    .where(and(inArray(directoryServices.id, [...ids]), eq(directoryServices.icbId, icbId)));
}
