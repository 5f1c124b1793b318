import { sql } from 'drizzle-orm';
import type { Listing, PublicListing } from '../../../../common/directory.js';
import { SOCIAL_PRESCRIBING_TAXONOMY_ID } from '../../../../common/directory.js';
import { writeAudit, writeAuditAlone } from '../../../platform/audit/audit.js';
import type { RequestContext, SignedInContext } from '../../../platform/context.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { loadListing, publicListing } from '../listings/listings.service.js';
import { findReferralTarget, selfReferralOpen } from '../referral-settings/referral-settings.service.js';
import { upcomingEventsOf } from '../showcase/showcase.service.js';
import type { TDirectoryReport } from './search.schemas.js';

// The listing pages behind search results (public and staff), the category list, and the
// public "this is out of date" report.

/** A listing the public may see: gone for good, merged away or unknown all look the same (404). */
const isPublished = (listing: Listing | null): listing is Listing =>
  listing !== null && listing.status !== 'defunct' && listing.merged_into_id === null;

export async function getPublicListing(db: DbOrTx, id: string): Promise<PublicListing> {
  const listing = await loadListing(db, id);
  if (!isPublished(listing)) throw notFound('service');
  const target = await findReferralTarget(db, listing.icb_id, id);
  return {
    ...publicListing(listing),
    upcoming_events: await upcomingEventsOf(db, id),
    self_referral: target !== null && selfReferralOpen(target),
  };
}

/**
 * Staff see the whole listing of their own ICB, confidential addresses included; reading a
 * listing with a confidential place is audited (who looked up where a refuge is).
 */
export async function getStaffListing(
  db: Db,
  ctx: SignedInContext,
  id: string,
): Promise<Listing & Pick<PublicListing, 'upcoming_events'>> {
  const listing = await loadListing(db, id);
  if (!listing || listing.icb_id !== ctx.actor.scope.icbId) throw notFound('service');
  const confidential = listing.locations.filter((l) => l.confidential).map((l) => l.id);
  if (confidential.length > 0) {
    await writeAuditAlone(db, ctx, {
      action: 'directory.confidential-read',
      entityType: 'directory_service',
      entityId: listing.id,
      details: { locationIds: confidential },
    });
  }
  return { ...listing, upcoming_events: await upcomingEventsOf(db, id) };
}

export interface DirectoryCategory {
  id: string;
  code: string | null;
  name: string;
}

/** The social prescribing categories, for search filters. */
export async function listCategories(db: DbOrTx): Promise<DirectoryCategory[]> {
  const { rows } = await db.execute<{ id: string; code: string | null; name: string }>(sql`
    SELECT id, code, name FROM directory_taxonomy_terms
    WHERE taxonomy_id = ${SOCIAL_PRESCRIBING_TAXONOMY_ID}
    ORDER BY name`);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name }));
}

/**
 * A member of the public says a listing is out of date. The report joins the ICB's review queue;
 * the audit row records that it came in (never the message or the email address).
 */
export async function reportOutOfDate(
  db: Db,
  ctx: RequestContext,
  serviceId: string,
  report: TDirectoryReport,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ icb_id: string }>(sql`
      SELECT icb_id FROM directory_services
      WHERE id = ${serviceId} AND status <> 'defunct' AND merged_into_id IS NULL`);
    const service = rows[0];
    if (!service) throw notFound('service');
    const inserted = await tx.execute<{ id: string }>(sql`
      INSERT INTO directory_reports (service_id, icb_id, message, reporter_email)
      VALUES (${serviceId}, ${service.icb_id}, ${report.message}, ${report.reporter_email ?? null})
      RETURNING id`);
    const id = inserted.rows[0]?.id as string;
    await writeAudit(tx, ctx, {
      action: 'directory.report',
      entityType: 'directory_service',
      entityId: serviceId,
      // No one is signed in: the row belongs to the listing's ICB, for its admins to see.
      icbId: service.icb_id,
      details: { reportId: id, withEmail: Boolean(report.reporter_email) },
    });
    return { id };
  });
}
