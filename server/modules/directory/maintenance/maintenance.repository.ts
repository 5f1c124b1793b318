import { and, asc, count, desc, eq, gt, inArray, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import {
  directoryChangeRequests,
  directoryMetadata,
  directoryOrganizations,
  directoryReports,
  directoryServices,
  directoryTaxonomyTerms,
} from '../directory.tables.js';

// The only code of the maintenance module that touches tables. Listing documents themselves are
// read and written through the listings service (it keeps the HSDS history); this file reads the
// queues around them: due reviews, public reports, partners' change requests.

/** Today in England, whatever the server's time zone. */
const TODAY = sql`(now() AT TIME ZONE 'Europe/London')::date`;
const DUE_ON = sql<string>`(${directoryServices.assuredDate} + make_interval(months => ${directoryServices.reviewIntervalMonths}))::date`;

/**
 * A listing is due for review when it was never verified, or its last verification is a review
 * interval old. Only live listings are reviewed: retired (inactive), closed-for-good and merged
 * listings leave the cycle, so retiring one clears it from the queue.
 */
const isDue = and(
  inArray(directoryServices.status, ['active', 'temporarily closed']),
  isNull(directoryServices.mergedIntoId),
  sql`(${directoryServices.assuredDate} IS NULL OR ${DUE_ON} <= ${TODAY})`,
) as SQL;

const serviceRef = {
  id: directoryServices.id,
  name: directoryServices.name,
  organizationName: directoryOrganizations.name,
  status: directoryServices.status,
};

export type ServiceRefRow = { id: string; name: string; organizationName: string; status: string };

export async function listDueReviews(db: DbOrTx, icbId: string, limit: number) {
  return db
    .select({
      ...serviceRef,
      assuredDate: directoryServices.assuredDate,
      dueOn: sql<string>`to_char(${DUE_ON}, 'YYYY-MM-DD')`,
    })
    .from(directoryServices)
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
    .where(and(eq(directoryServices.icbId, icbId), isDue))
    .orderBy(sql`${directoryServices.assuredDate} ASC NULLS FIRST`, asc(directoryServices.name))
    .limit(limit);
}

export async function countDueReviews(db: DbOrTx, icbId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(directoryServices)
    .where(and(eq(directoryServices.icbId, icbId), isDue));
  return row?.n ?? 0;
}

export async function isServiceDue(db: DbOrTx, serviceId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: directoryServices.id })
    .from(directoryServices)
    .where(and(eq(directoryServices.id, serviceId), isDue));
  return Boolean(row);
}

export async function listOpenReports(db: DbOrTx, where: { icbId: string; serviceId?: string }, limit: number) {
  return db
    .select({
      reportId: directoryReports.id,
      message: directoryReports.message,
      createdAt: directoryReports.createdAt,
      ...serviceRef,
    })
    .from(directoryReports)
    .innerJoin(directoryServices, eq(directoryServices.id, directoryReports.serviceId))
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
    .where(
      and(
        eq(directoryReports.icbId, where.icbId),
        isNull(directoryReports.resolvedAt),
        where.serviceId ? eq(directoryReports.serviceId, where.serviceId) : undefined,
      ),
    )
    .orderBy(asc(directoryReports.createdAt))
    .limit(limit);
}

export async function countOpenReports(db: DbOrTx, icbId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(directoryReports)
    .where(and(eq(directoryReports.icbId, icbId), isNull(directoryReports.resolvedAt)));
  return row?.n ?? 0;
}

/** Closes every open report of the service; answers how many it closed. */
export async function resolveOpenReports(
  db: DbOrTx,
  serviceId: string,
  userId: string,
  resolution: string,
): Promise<number> {
  const rows = await db
    .update(directoryReports)
    .set({ resolvedAt: new Date(), resolvedByUserId: userId, resolution })
    .where(and(eq(directoryReports.serviceId, serviceId), isNull(directoryReports.resolvedAt)))
    .returning({ id: directoryReports.id });
  return rows.length;
}

/** Closes one open report of the ICB; null when there is none (unknown, other ICB or already closed). */
export async function resolveReport(
  db: DbOrTx,
  reportId: string,
  icbId: string,
  userId: string,
  resolution: string,
): Promise<{ id: string; serviceId: string } | null> {
  const [row] = await db
    .update(directoryReports)
    .set({ resolvedAt: new Date(), resolvedByUserId: userId, resolution })
    .where(
      and(eq(directoryReports.id, reportId), eq(directoryReports.icbId, icbId), isNull(directoryReports.resolvedAt)),
    )
    .returning({ id: directoryReports.id, serviceId: directoryReports.serviceId });
  return row ?? null;
}

const changeColumns = {
  changeId: directoryChangeRequests.id,
  baseVersion: directoryChangeRequests.baseVersion,
  submittedAt: directoryChangeRequests.submittedAt,
  submittedByUserId: directoryChangeRequests.submittedByUserId,
  ...serviceRef,
};

export async function listPendingChanges(db: DbOrTx, where: { icbId: string; serviceId?: string }, limit: number) {
  return db
    .select(changeColumns)
    .from(directoryChangeRequests)
    .innerJoin(directoryServices, eq(directoryServices.id, directoryChangeRequests.serviceId))
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
    .where(
      and(
        eq(directoryChangeRequests.icbId, where.icbId),
        eq(directoryChangeRequests.status, 'pending'),
        where.serviceId ? eq(directoryChangeRequests.serviceId, where.serviceId) : undefined,
      ),
    )
    .orderBy(asc(directoryChangeRequests.submittedAt))
    .limit(limit);
}

export async function countPendingChanges(db: DbOrTx, icbId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(directoryChangeRequests)
    .where(and(eq(directoryChangeRequests.icbId, icbId), eq(directoryChangeRequests.status, 'pending')));
  return row?.n ?? 0;
}

/** Who owns a service (for scope checks before loading the whole listing). */
export async function findServiceOwner(db: DbOrTx, serviceId: string) {
  const [row] = await db
    .select({
      id: directoryServices.id,
      icbId: directoryServices.icbId,
      organizationId: directoryServices.organizationId,
      vcsOrganisationId: directoryOrganizations.vcsOrganisationId,
      version: directoryServices.version,
    })
    .from(directoryServices)
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
    .where(eq(directoryServices.id, serviceId));
  return row ?? null;
}

/**
 * Locks the service row until the transaction ends, so proposals for one service (and a listing
 * write racing them) are serialised: "one pending change per service" holds without a constraint.
 */
export async function lockService(db: DbOrTx, serviceId: string): Promise<void> {
  await db.execute(sql`SELECT id FROM directory_services WHERE id = ${serviceId} FOR UPDATE`);
}

export async function organizationInIcb(db: DbOrTx, organizationId: string, icbId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: directoryOrganizations.id })
    .from(directoryOrganizations)
    .where(and(eq(directoryOrganizations.id, organizationId), eq(directoryOrganizations.icbId, icbId)));
  return Boolean(row);
}

/** The services of the directory organisations run by one VCS partner organisation. */
export async function listPartnerServices(db: DbOrTx, vcsOrganisationId: string) {
  return db
    .select({
      id: directoryServices.id,
      name: directoryServices.name,
      status: directoryServices.status,
      referralCapacity: directoryServices.referralCapacity,
      assuredDate: directoryServices.assuredDate,
      lastModified: directoryServices.lastModified,
    })
    .from(directoryServices)
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
    .where(and(eq(directoryOrganizations.vcsOrganisationId, vcsOrganisationId), isNull(directoryServices.mergedIntoId)))
    .orderBy(asc(directoryServices.name));
}

/** Change requests of these services, newest first (for the pending flag and the last decision). */
export async function listChangesOfServices(db: DbOrTx, serviceIds: string[]) {
  if (serviceIds.length === 0) return [];
  return db
    .select({
      id: directoryChangeRequests.id,
      serviceId: directoryChangeRequests.serviceId,
      status: directoryChangeRequests.status,
      submittedAt: directoryChangeRequests.submittedAt,
      decidedAt: directoryChangeRequests.decidedAt,
      rejectionReason: directoryChangeRequests.rejectionReason,
      proposed: directoryChangeRequests.proposed,
    })
    .from(directoryChangeRequests)
    .where(inArray(directoryChangeRequests.serviceId, serviceIds))
    .orderBy(desc(directoryChangeRequests.submittedAt));
}

/** Withdraws the service's pending proposals (a newer one replaces them); answers how many. */
export async function withdrawPendingChanges(db: DbOrTx, serviceId: string): Promise<number> {
  const rows = await db
    .update(directoryChangeRequests)
    .set({ status: 'withdrawn', decidedAt: new Date() })
    .where(and(eq(directoryChangeRequests.serviceId, serviceId), eq(directoryChangeRequests.status, 'pending')))
    .returning({ id: directoryChangeRequests.id });
  return rows.length;
}

export async function insertChange(db: DbOrTx, values: typeof directoryChangeRequests.$inferInsert) {
  const [row] = await db.insert(directoryChangeRequests).values(values).returning({ id: directoryChangeRequests.id });
  return row as { id: string };
}

/** One change request of the ICB, with who submitted it. */
export async function findChange(db: DbOrTx, changeId: string, icbId: string) {
  const [row] = await db
    .select({
      id: directoryChangeRequests.id,
      serviceId: directoryChangeRequests.serviceId,
      status: directoryChangeRequests.status,
      baseVersion: directoryChangeRequests.baseVersion,
      proposed: directoryChangeRequests.proposed,
      submittedAt: directoryChangeRequests.submittedAt,
      submittedByUserId: directoryChangeRequests.submittedByUserId,
      decidedAt: directoryChangeRequests.decidedAt,
      decidedByUserId: directoryChangeRequests.decidedByUserId,
      rejectionReason: directoryChangeRequests.rejectionReason,
    })
    .from(directoryChangeRequests)
    .where(and(eq(directoryChangeRequests.id, changeId), eq(directoryChangeRequests.icbId, icbId)));
  return row ?? null;
}

/**
 * Decides a pending change: only from 'pending', so two reviewers deciding at once cannot both
 * win. Null when it was no longer pending.
 */
export async function decideChange(
  db: DbOrTx,
  changeId: string,
  decision: { status: 'approved' | 'rejected'; userId: string; reason?: string | null },
): Promise<{ id: string } | null> {
  const [row] = await db
    .update(directoryChangeRequests)
    .set({
      status: decision.status,
      decidedByUserId: decision.userId,
      decidedAt: new Date(),
      rejectionReason: decision.reason ?? null,
    })
    .where(and(eq(directoryChangeRequests.id, changeId), eq(directoryChangeRequests.status, 'pending')))
    .returning({ id: directoryChangeRequests.id });
  return row ?? null;
}

/** Which of these taxonomy term ids exist. */
export async function knownTermIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: directoryTaxonomyTerms.id })
    .from(directoryTaxonomyTerms)
    .where(inArray(directoryTaxonomyTerms.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Fields a verification writes: changing only these does not change what a listing says. */
const ASSURANCE_FIELDS = ['assured_date', 'assurer_email'];

/** Whether anything but its verification was written to the listing after `since`. */
export async function contentChangedSince(db: DbOrTx, serviceId: string, since: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: directoryMetadata.id })
    .from(directoryMetadata)
    .where(
      and(
        eq(directoryMetadata.serviceId, serviceId),
        gt(directoryMetadata.lastActionDate, since),
        notInArray(directoryMetadata.fieldName, ASSURANCE_FIELDS),
      ),
    )
    .limit(1);
  return Boolean(row);
}
