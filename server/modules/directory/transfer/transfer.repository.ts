import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DuplicatePair, DuplicateReason } from '../../../../common/directory-transfer.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import {
  directoryChangeRequests,
  directoryOrganizationIdentifiers,
  directoryOrganizations,
  directoryReports,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomyTerms,
} from '../directory.tables.js';
import {
  type OrukOrganizationRecord,
  type OrukTermRecord,
  organizationRecordOf,
  termRecordOf,
} from '../oruk/service-document.js';

// The queries of import, export, duplicates and merge. Listing content itself is read and
// written only through the listings writer; this file touches what the writer does not cover.

/** Names similar enough to be one service twice (pg_trgm similarity, 0–1). */
export const SIMILAR_NAME = 0.6;

export async function serviceIcb(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db
    .select({ icbId: directoryServices.icbId })
    .from(directoryServices)
    .where(eq(directoryServices.id, id));
  return row?.icbId ?? null;
}

export async function organizationIcb(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db
    .select({ icbId: directoryOrganizations.icbId })
    .from(directoryOrganizations)
    .where(eq(directoryOrganizations.id, id));
  return row?.icbId ?? null;
}

/** An organisation of the ICB with this charity number (any spacing), if one exists. */
export async function organizationByCharityNumber(db: DbOrTx, icbId: string, number: string): Promise<string | null> {
  const [row] = await db
    .select({ id: directoryOrganizations.id })
    .from(directoryOrganizationIdentifiers)
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryOrganizationIdentifiers.organizationId))
    .where(
      and(
        eq(directoryOrganizations.icbId, icbId),
        sql`(${directoryOrganizationIdentifiers.identifierScheme} = 'GB-CHC' OR ${directoryOrganizationIdentifiers.identifierType} ILIKE 'charity%')`,
        sql`upper(replace(${directoryOrganizationIdentifiers.identifier}, ' ', '')) = ${normaliseIdentifier(number)}`,
      ),
    )
    .orderBy(asc(directoryOrganizations.createdAt))
    .limit(1);
  return row?.id ?? null;
}

export async function organizationByName(db: DbOrTx, icbId: string, name: string): Promise<string | null> {
  const [row] = await db
    .select({ id: directoryOrganizations.id })
    .from(directoryOrganizations)
    .where(and(eq(directoryOrganizations.icbId, icbId), eq(directoryOrganizations.name, name)))
    .orderBy(asc(directoryOrganizations.createdAt))
    .limit(1);
  return row?.id ?? null;
}

export function normaliseIdentifier(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export async function knownTermIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: directoryTaxonomyTerms.id })
    .from(directoryTaxonomyTerms)
    .where(inArray(directoryTaxonomyTerms.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** The service of each existing service_at_location id (unknown ids are left out). */
export async function serviceAtLocationServices(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: directoryServiceAtLocations.id, serviceId: directoryServiceAtLocations.serviceId })
    .from(directoryServiceAtLocations)
    .where(inArray(directoryServiceAtLocations.id, ids));
  return new Map(rows.map((r) => [r.id, r.serviceId]));
}

// ---- Export ----

/** Every service of the ICB (merged and retired ones too: the export is the whole directory). */
export async function serviceIdsOfIcb(db: DbOrTx, icbId: string): Promise<string[]> {
  const rows = await db
    .select({ id: directoryServices.id })
    .from(directoryServices)
    .where(eq(directoryServices.icbId, icbId))
    .orderBy(asc(directoryServices.name), asc(directoryServices.id));
  return rows.map((r) => r.id);
}

export async function organizationRecords(db: DbOrTx, ids: string[]): Promise<Map<string, OrukOrganizationRecord>> {
  if (ids.length === 0) return new Map();
  const orgs = await db.select().from(directoryOrganizations).where(inArray(directoryOrganizations.id, ids));
  const identifiers = await db
    .select()
    .from(directoryOrganizationIdentifiers)
    .where(inArray(directoryOrganizationIdentifiers.organizationId, ids))
    .orderBy(asc(directoryOrganizationIdentifiers.identifier));
  return new Map(orgs.map((o) => [o.id, organizationRecordOf(o, identifiers)]));
}

export async function termRecords(db: DbOrTx, ids: string[]): Promise<Map<string, OrukTermRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(directoryTaxonomyTerms).where(inArray(directoryTaxonomyTerms.id, ids));
  return new Map(rows.map((t) => [t.id, termRecordOf(t)]));
}

/** service id → (location id → service_at_location id). */
export async function serviceAtLocationIds(
  db: DbOrTx,
  serviceIds: string[],
): Promise<Map<string, Map<string, string>>> {
  const map = new Map<string, Map<string, string>>();
  if (serviceIds.length === 0) return map;
  const rows = await db
    .select()
    .from(directoryServiceAtLocations)
    .where(inArray(directoryServiceAtLocations.serviceId, serviceIds));
  for (const r of rows) {
    const inner = map.get(r.serviceId) ?? new Map<string, string>();
    inner.set(r.locationId, r.id);
    map.set(r.serviceId, inner);
  }
  return map;
}

// ---- Duplicates ----

interface PairRow extends Record<string, unknown> {
  kind: 'service' | 'organization';
  reason: DuplicateReason;
  score: number | string;
  detail: string | null;
  a_id: string;
  a_name: string;
  a_org_id: string;
  a_org_name: string;
  a_status: string | null;
  a_postcodes: string[] | null;
  b_id: string;
  b_name: string;
  b_org_id: string;
  b_org_name: string;
  b_status: string | null;
  b_postcodes: string[] | null;
}

/**
 * Candidate duplicates in the ICB: organisations sharing an identifier (charity or company
 * number), and services with similar names at the same postcode, or both without a location in
 * the same organisation. Merged, retired and defunct services are left out. `touching` narrows the answer to pairs
 * with at least one of these services or organisations (what an import just wrote).
 * Pairs are joined on postcode or organisation first, so the similarity is computed only for
 * services that could be duplicates, not for every pair in the directory.
 */
export async function duplicatePairs(db: DbOrTx, icbId: string, touching?: string[]): Promise<DuplicatePair[]> {
  if (touching && touching.length === 0) return [];
  const only = touching ? sql`${`{${touching.join(',')}}`}::uuid[]` : null;
  const result = await db.execute<PairRow>(sql`
    WITH svc AS (
      SELECT s.id, s.name, s.status, s.organization_id, o.name AS org_name
      FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id
      -- Retired (inactive) and defunct listings are no longer in use: not duplicates of anything.
      WHERE s.icb_id = ${icbId} AND s.merged_into_id IS NULL AND s.status NOT IN ('inactive', 'defunct')
    ),
    svc_postcode AS (
      SELECT DISTINCT sal.service_id, a.postal_code
      FROM directory_service_at_locations sal
      JOIN directory_addresses a ON a.location_id = sal.location_id
      JOIN svc ON svc.id = sal.service_id
    ),
    located AS (SELECT DISTINCT service_id FROM directory_service_at_locations),
    svc_pairs AS (
      SELECT DISTINCT ON (x.a, x.b) x.a, x.b, x.reason
      FROM (
        SELECT p1.service_id AS a, p2.service_id AS b, 'similar_name_same_postcode' AS reason, 1 AS rank
        FROM svc_postcode p1 JOIN svc_postcode p2 ON p1.postal_code = p2.postal_code AND p1.service_id < p2.service_id
        UNION ALL
        SELECT s1.id, s2.id, 'similar_name_no_location', 2
        FROM svc s1 JOIN svc s2 ON s1.organization_id = s2.organization_id AND s1.id < s2.id
        WHERE NOT EXISTS (SELECT 1 FROM located l WHERE l.service_id IN (s1.id, s2.id))
      ) x
      ORDER BY x.a, x.b, x.rank
    ),
    org_ids AS (
      SELECT i.organization_id, coalesce(i.identifier_scheme, i.identifier_type) AS scheme,
             upper(replace(i.identifier, ' ', '')) AS value, o.name AS org_name
      FROM directory_organization_identifiers i JOIN directory_organizations o ON o.id = i.organization_id
      WHERE o.icb_id = ${icbId}
    )
    SELECT 'service' AS kind, sp.reason, round(similarity(s1.name, s2.name)::numeric, 2) AS score, NULL AS detail,
      s1.id AS a_id, s1.name AS a_name, s1.organization_id AS a_org_id, s1.org_name AS a_org_name, s1.status AS a_status,
      (SELECT array_agg(DISTINCT postal_code ORDER BY postal_code) FROM svc_postcode WHERE service_id = s1.id) AS a_postcodes,
      s2.id AS b_id, s2.name AS b_name, s2.organization_id AS b_org_id, s2.org_name AS b_org_name, s2.status AS b_status,
      (SELECT array_agg(DISTINCT postal_code ORDER BY postal_code) FROM svc_postcode WHERE service_id = s2.id) AS b_postcodes
    FROM svc_pairs sp JOIN svc s1 ON s1.id = sp.a JOIN svc s2 ON s2.id = sp.b
    WHERE similarity(s1.name, s2.name) > ${SIMILAR_NAME}
      ${only ? sql`AND (s1.id = ANY(${only}) OR s2.id = ANY(${only}))` : sql``}
    UNION ALL
    SELECT DISTINCT ON (i1.organization_id, i2.organization_id)
      'organization', 'same_identifier', 1, i1.scheme || ' ' || i1.value,
      i1.organization_id, i1.org_name, i1.organization_id, i1.org_name, NULL, NULL,
      i2.organization_id, i2.org_name, i2.organization_id, i2.org_name, NULL, NULL
    FROM org_ids i1 JOIN org_ids i2
      ON i1.value = i2.value AND i1.scheme = i2.scheme AND i1.organization_id < i2.organization_id
    ${only ? sql`WHERE (i1.organization_id = ANY(${only}) OR i2.organization_id = ANY(${only}))` : sql``}
    ORDER BY kind, score DESC, a_name, b_name
    LIMIT 500
  `);
  return result.rows.map((r) => ({
    kind: r.kind,
    reason: r.reason,
    score: Number(r.score),
    detail: r.detail,
    a: {
      id: r.a_id,
      name: r.a_name,
      organization: { id: r.a_org_id, name: r.a_org_name },
      postal_codes: r.a_postcodes ?? [],
      status: r.a_status,
    },
    b: {
      id: r.b_id,
      name: r.b_name,
      organization: { id: r.b_org_id, name: r.b_org_name },
      postal_codes: r.b_postcodes ?? [],
      status: r.b_status,
    },
  }));
}

// ---- Merge ----

export async function lockServices(
  tx: DbOrTx,
  ids: string[],
): Promise<{ id: string; icbId: string; mergedIntoId: string | null }[]> {
  return tx
    .select({ id: directoryServices.id, icbId: directoryServices.icbId, mergedIntoId: directoryServices.mergedIntoId })
    .from(directoryServices)
    .where(inArray(directoryServices.id, ids))
    .orderBy(asc(directoryServices.id))
    .for('update');
}

export async function moveOpenReports(tx: DbOrTx, fromId: string, toId: string): Promise<number> {
  const moved = await tx
    .update(directoryReports)
    .set({ serviceId: toId })
    .where(and(eq(directoryReports.serviceId, fromId), isNull(directoryReports.resolvedAt)))
    .returning({ id: directoryReports.id });
  return moved.length;
}

/**
 * A partner's pending edit of a merged listing describes the merged listing, not the kept one:
 * approving it there would overwrite the kept listing, so it is withdrawn with the reason.
 */
export async function withdrawPendingChangeRequests(tx: DbOrTx, fromId: string, toId: string): Promise<number> {
  const moved = await tx
    .update(directoryChangeRequests)
    .set({ status: 'withdrawn', decidedAt: new Date(), rejectionReason: `The listing was merged into ${toId}.` })
    .where(and(eq(directoryChangeRequests.serviceId, fromId), eq(directoryChangeRequests.status, 'pending')))
    .returning({ id: directoryChangeRequests.id });
  return moved.length;
}

/**
 * The ICB's listing a CSV row without an id describes: the same organisation, the same name (any
 * case) and the same postcode at one of its places, or no place on either side. Re-importing a
 * sheet without ids then updates those listings instead of adding them again.
 */
export async function findServiceLike(
  db: DbOrTx,
  icbId: string,
  organizationId: string,
  name: string,
  postcode: string | null,
): Promise<string | null> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT s.id FROM directory_services s
    WHERE s.icb_id = ${icbId} AND s.organization_id = ${organizationId} AND s.merged_into_id IS NULL
      AND lower(s.name) = lower(${name})
      AND ${
        postcode
          ? sql`EXISTS (SELECT 1 FROM directory_service_at_locations sal
              JOIN directory_addresses a ON a.location_id = sal.location_id
              WHERE sal.service_id = s.id AND a.postal_code = ${postcode})`
          : sql`NOT EXISTS (SELECT 1 FROM directory_service_at_locations sal
              JOIN directory_addresses a ON a.location_id = sal.location_id WHERE sal.service_id = s.id)`
      }
    ORDER BY s.created_at, s.id
    LIMIT 1`);
  return result.rows[0]?.id ?? null;
}
