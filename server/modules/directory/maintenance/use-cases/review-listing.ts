import type { ReviewActionResult, ReviewListingView } from '../../../../../common/directory-maintenance.js';
import { writeAudit } from '../../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../../platform/context.js';
import type { Db } from '../../../../platform/db/client.js';
import { notFound, validationError } from '../../../../platform/errors.js';
import { runUseCase } from '../../../../platform/use-case.js';
import {
  assureListing,
  listingHistory,
  loadListing,
  setListingStatus,
  updateListing,
} from '../../listings/listings.service.js';
import * as repo from '../maintenance.repository.js';
import type { TReasonBody, TReviewEditBody } from '../maintenance.schemas.js';
import {
  categoryOptions,
  confidentialityErrors,
  foreignChildIds,
  requireReviewer,
  serviceForReviewer,
  WHAT,
  withFieldPrefix,
} from './actors.js';
import { openReportsOf, pendingChangesOf } from './review-queue.js';

/** The staff view of one listing with its open reports, pending changes and full history. */
export async function getListingForReview(db: Db, ctx: SignedInContext, serviceId: string): Promise<ReviewListingView> {
  const reviewer = await requireReviewer(db, ctx);
  await serviceForReviewer(db, ctx, reviewer, serviceId);
  const listing = await loadListing(db, serviceId);
  if (!listing) throw notFound(WHAT);
  const where = { icbId: reviewer.icbId, serviceId };
  const [reports, changes, history, due] = await Promise.all([
    openReportsOf(db, where),
    pendingChangesOf(db, where),
    listingHistory(db, serviceId),
    repo.isServiceDue(db, serviceId),
  ]);
  return { listing, reports, changes, history, category_options: categoryOptions(listing), review_due: due };
}

/** "Confirm unchanged": verified today by the reviewer; its open reports are closed. */
export async function confirmUnchanged(db: Db, ctx: SignedInContext, serviceId: string): Promise<ReviewActionResult> {
  const reviewer = await requireReviewer(db, ctx);
  await serviceForReviewer(db, ctx, reviewer, serviceId);
  return runUseCase(db, ctx, async (tx) => {
    const listing = await assureListing(tx, serviceId, reviewer.author);
    const closed = await repo.resolveOpenReports(
      tx,
      serviceId,
      reviewer.userId,
      `Listing confirmed unchanged by ${reviewer.author.label}`,
    );
    await writeAudit(tx, ctx, {
      action: 'directory.listing.confirm',
      entityType: 'directory_service',
      entityId: serviceId,
      details: { assuredDate: listing.assured_date, reportsClosed: closed },
    });
    return { listing, reports_closed: closed };
  });
}

/**
 * A reviewer's edit of the whole listing, against the version they opened (409 naming who changed
 * it since). An edit by a reviewer is also a verification, so the listing is assured too. Only
 * here can a confidential place be made public, and only when named in lift_confidentiality_of.
 */
export async function editListing(
  db: Db,
  ctx: SignedInContext,
  serviceId: string,
  body: TReviewEditBody,
): Promise<ReviewActionResult> {
  const reviewer = await requireReviewer(db, ctx);
  await serviceForReviewer(db, ctx, reviewer, serviceId);
  const current = await loadListing(db, serviceId);
  if (!current) throw notFound(WHAT);
  const refused = [
    ...foreignChildIds(current, body.listing, 'listing'),
    ...confidentialityErrors(current, body.listing, 'listing', {
      reviewer: true,
      lift: body.lift_confidentiality_of,
    }),
  ];
  if (refused.length) throw validationError(refused);
  return withFieldPrefix('listing', () =>
    runUseCase(db, ctx, async (tx) => {
      const { changes, liftedLocationIds } = await updateListing(
        tx,
        serviceId,
        { ...body.listing, id: serviceId },
        reviewer.author,
        {
          expectedVersion: body.expected_version,
          action: 'update',
          liftConfidentialityOf: body.lift_confidentiality_of,
        },
      );
      // Who made a refuge's address public, and when, is kept apart from the edit's field list.
      for (const locationId of liftedLocationIds) {
        await writeAudit(tx, ctx, {
          action: 'directory.location.lift-confidentiality',
          entityType: 'directory_location',
          entityId: locationId,
          details: { serviceId },
        });
      }
      const listing = await assureListing(tx, serviceId, reviewer.author);
      const closed = await repo.resolveOpenReports(
        tx,
        serviceId,
        reviewer.userId,
        `Listing updated by ${reviewer.author.label}`,
      );
      await writeAudit(tx, ctx, {
        action: 'directory.listing.edit',
        entityType: 'directory_service',
        entityId: serviceId,
        details: { fields: changes.map((c) => c.field), version: listing.version, reportsClosed: closed },
      });
      return { listing, reports_closed: closed };
    }),
  );
}

/** Retires a listing (status inactive) for a stated reason; it leaves the review cycle. */
export async function retireListing(
  db: Db,
  ctx: SignedInContext,
  serviceId: string,
  { reason }: TReasonBody,
): Promise<ReviewActionResult> {
  const reviewer = await requireReviewer(db, ctx);
  await serviceForReviewer(db, ctx, reviewer, serviceId);
  return runUseCase(db, ctx, async (tx) => {
    const listing = await setListingStatus(tx, serviceId, 'inactive', reviewer.author);
    const closed = await repo.resolveOpenReports(
      tx,
      serviceId,
      reviewer.userId,
      `Listing retired by ${reviewer.author.label}: ${reason}`,
    );
    await writeAudit(tx, ctx, {
      action: 'directory.listing.retire',
      entityType: 'directory_service',
      entityId: serviceId,
      details: { reason, reportsClosed: closed },
    });
    return { listing, reports_closed: closed };
  });
}

/** "Not a problem": closes one report of the listing with the reviewer's reason. */
export async function dismissReport(
  db: Db,
  ctx: SignedInContext,
  serviceId: string,
  reportId: string,
  { reason }: TReasonBody,
): Promise<{ id: string }> {
  const reviewer = await requireReviewer(db, ctx);
  await serviceForReviewer(db, ctx, reviewer, serviceId);
  return runUseCase(db, ctx, async (tx) => {
    const report = await repo.resolveReport(
      tx,
      reportId,
      reviewer.icbId,
      reviewer.userId,
      `Not a problem (${reviewer.author.label}): ${reason}`,
    );
    if (!report || report.serviceId !== serviceId) throw notFound('open report');
    await writeAudit(tx, ctx, {
      action: 'directory.report.dismiss',
      entityType: 'directory_report',
      entityId: reportId,
      details: { serviceId, reason },
    });
    return { id: report.id };
  });
}
