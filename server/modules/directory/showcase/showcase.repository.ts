import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { auditEvents } from '../../../platform/audit/audit.tables.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { directoryOrganizations, directoryServices } from '../directory.tables.js';
import { directoryListingProposals, serviceEvents } from '../directory-partner.tables.js';

// The only code of the showcase that touches tables: services' sessions and events, and
// partners' proposals of brand-new listings.

/** Not cancelled, and not over: it ends (or, without an end, starts) after now. */
export const isUpcoming = and(
  isNull(serviceEvents.cancelledAt),
  sql`coalesce(${serviceEvents.endsAt}, ${serviceEvents.startsAt}) > now()`,
);

/** What the public sees of an event. */
const publicEventColumns = {
  id: serviceEvents.id,
  title: serviceEvents.title,
  description: serviceEvents.description,
  startsAt: serviceEvents.startsAt,
  endsAt: serviceEvents.endsAt,
  place: serviceEvents.place,
  spacesLeft: serviceEvents.spacesLeft,
  bookingNeeded: serviceEvents.bookingNeeded,
};
export type PublicEventRow = Awaited<ReturnType<typeof listUpcomingEvents>>[number];

const eventColumns = {
  ...publicEventColumns,
  icbId: serviceEvents.icbId,
  serviceId: serviceEvents.serviceId,
  serviceName: directoryServices.name,
  vcsOrganisationId: directoryOrganizations.vcsOrganisationId,
  cancelledAt: serviceEvents.cancelledAt,
  version: serviceEvents.version,
};

const eventsWithService = (db: DbOrTx) =>
  db
    .select(eventColumns)
    .from(serviceEvents)
    .innerJoin(directoryServices, eq(directoryServices.id, serviceEvents.serviceId))
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId));

export type EventRow = Awaited<ReturnType<typeof eventsWithService>>[number];

export async function findEvent(db: DbOrTx, eventId: string): Promise<EventRow | null> {
  const [row] = await eventsWithService(db).where(eq(serviceEvents.id, eventId));
  return row ?? null;
}

/** Events of these services still worth showing their editors: upcoming, or over for under 30 days. */
export async function listEventsOfServices(db: DbOrTx, serviceIds: string[]): Promise<EventRow[]> {
  if (serviceIds.length === 0) return [];
  return eventsWithService(db)
    .where(
      and(
        inArray(serviceEvents.serviceId, serviceIds),
        sql`coalesce(${serviceEvents.endsAt}, ${serviceEvents.startsAt}) > now() - interval '30 days'`,
      ),
    )
    .orderBy(asc(serviceEvents.startsAt), asc(serviceEvents.id));
}

/** A service's upcoming events, soonest first (the public listing shows at most `limit`). */
export async function listUpcomingEvents(db: DbOrTx, serviceId: string, limit: number) {
  return db
    .select(publicEventColumns)
    .from(serviceEvents)
    .where(and(eq(serviceEvents.serviceId, serviceId), isUpcoming))
    .orderBy(asc(serviceEvents.startsAt), asc(serviceEvents.id))
    .limit(limit);
}

export type EventValues = Pick<
  typeof serviceEvents.$inferInsert,
  'title' | 'description' | 'startsAt' | 'endsAt' | 'place' | 'spacesLeft' | 'bookingNeeded'
>;

export async function insertEvent(
  db: DbOrTx,
  values: EventValues & { icbId: string; serviceId: string; createdByUserId: string },
): Promise<{ id: string }> {
  const [row] = await db.insert(serviceEvents).values(values).returning({ id: serviceEvents.id });
  return row as { id: string };
}

/** Writes an event only at the version the editor opened, and only while not cancelled. */
export async function updateEvent(
  db: DbOrTx,
  eventId: string,
  expectedVersion: number,
  values: Partial<EventValues> & { cancelledAt?: Date },
): Promise<boolean> {
  const rows = await db
    .update(serviceEvents)
    .set({ ...values, version: sql`${serviceEvents.version} + 1` })
    .where(
      and(eq(serviceEvents.id, eventId), eq(serviceEvents.version, expectedVersion), isNull(serviceEvents.cancelledAt)),
    )
    .returning({ id: serviceEvents.id });
  return rows.length === 1;
}

/** The last recorded change to an event (its audit row): who, when, what, for a 409's message. */
export async function lastEventChange(db: DbOrTx, eventId: string) {
  const [row] = await db
    .select({
      action: auditEvents.action,
      at: auditEvents.at,
      actorUserId: auditEvents.actorUserId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, 'service_event'),
        eq(auditEvents.entityId, eventId),
        eq(auditEvents.outcome, 'success'),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row ?? null;
}

// ---- Proposals of brand-new listings ----

/** The directory organisations a VCS partner organisation runs (in its ICB). */
export async function organizationsOfPartner(db: DbOrTx, vcsOrganisationId: string) {
  return db
    .select({ id: directoryOrganizations.id, name: directoryOrganizations.name, icbId: directoryOrganizations.icbId })
    .from(directoryOrganizations)
    .where(eq(directoryOrganizations.vcsOrganisationId, vcsOrganisationId))
    .orderBy(asc(directoryOrganizations.name));
}

const proposalColumns = {
  id: directoryListingProposals.id,
  icbId: directoryListingProposals.icbId,
  organizationId: directoryListingProposals.organizationId,
  organizationName: directoryOrganizations.name,
  proposed: directoryListingProposals.proposed,
  status: directoryListingProposals.status,
  submittedAt: directoryListingProposals.submittedAt,
  submittedByUserId: directoryListingProposals.submittedByUserId,
  decidedAt: directoryListingProposals.decidedAt,
  decidedByUserId: directoryListingProposals.decidedByUserId,
  rejectionReason: directoryListingProposals.rejectionReason,
  createdServiceId: directoryListingProposals.createdServiceId,
};

const proposalsWithOrganization = (db: DbOrTx) =>
  db
    .select(proposalColumns)
    .from(directoryListingProposals)
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryListingProposals.organizationId));

export type ProposalRow = Awaited<ReturnType<typeof proposalsWithOrganization>>[number];

export async function findProposal(db: DbOrTx, proposalId: string, icbId: string) {
  const [row] = await proposalsWithOrganization(db).where(
    and(eq(directoryListingProposals.id, proposalId), eq(directoryListingProposals.icbId, icbId)),
  );
  return row ?? null;
}

/** The proposals for the partner's organisations, newest first. */
export async function listProposalsOfPartner(db: DbOrTx, vcsOrganisationId: string) {
  return proposalsWithOrganization(db)
    .where(eq(directoryOrganizations.vcsOrganisationId, vcsOrganisationId))
    .orderBy(desc(directoryListingProposals.submittedAt));
}

export async function listPendingProposals(db: DbOrTx, icbId: string, limit: number) {
  return proposalsWithOrganization(db)
    .where(and(eq(directoryListingProposals.icbId, icbId), eq(directoryListingProposals.status, 'pending')))
    .orderBy(asc(directoryListingProposals.submittedAt))
    .limit(limit);
}

export async function countPendingProposals(db: DbOrTx, icbId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(directoryListingProposals)
    .where(and(eq(directoryListingProposals.icbId, icbId), eq(directoryListingProposals.status, 'pending')));
  return row?.n ?? 0;
}

export async function insertProposal(db: DbOrTx, values: typeof directoryListingProposals.$inferInsert) {
  const [row] = await db
    .insert(directoryListingProposals)
    .values(values)
    .returning({ id: directoryListingProposals.id });
  return row as { id: string };
}

/** Decides a pending proposal: only from 'pending', so two reviewers cannot both decide it. */
export async function decideProposal(
  db: DbOrTx,
  proposalId: string,
  decision: { status: 'approved' | 'rejected'; userId: string; reason?: string; createdServiceId?: string },
): Promise<boolean> {
  const rows = await db
    .update(directoryListingProposals)
    .set({
      status: decision.status,
      decidedByUserId: decision.userId,
      decidedAt: new Date(),
      rejectionReason: decision.reason ?? null,
      createdServiceId: decision.createdServiceId ?? null,
    })
    .where(and(eq(directoryListingProposals.id, proposalId), eq(directoryListingProposals.status, 'pending')))
    .returning({ id: directoryListingProposals.id });
  return rows.length === 1;
}

/** The name and status of services (a proposal's created listing). */
export async function servicesByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: directoryServices.id, name: directoryServices.name, status: directoryServices.status })
    .from(directoryServices)
    .where(inArray(directoryServices.id, ids));
}
