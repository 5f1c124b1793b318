import type { ListingInput } from '../../../../../common/directory.js';
import type { ChangeReview } from '../../../../../common/directory-maintenance.js';
import { writeAudit, writeAuditAlone } from '../../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../../platform/context.js';
import type { Db } from '../../../../platform/db/client.js';
import { AppError, notFound } from '../../../../platform/errors.js';
import { runUseCase } from '../../../../platform/use-case.js';
import {
  assureListing,
  diffListings,
  loadListing,
  toListingInput,
  updateListing,
} from '../../listings/listings.service.js';
import * as repo from '../maintenance.repository.js';
import type { TReasonBody } from '../maintenance.schemas.js';
import { authorOf, categoryOptions, peopleLabels, type Reviewer, requireReviewer } from './actors.js';

const iso = (d: Date | string | null) => (d instanceof Date ? d.toISOString() : d);
const WHAT = 'proposed change';

async function changeInScope(db: Db, ctx: SignedInContext, reviewer: Reviewer, changeId: string) {
  const change = await repo.findChange(db, changeId, reviewer.icbId);
  if (!change) {
    await writeAuditAlone(db, ctx, {
      action: 'directory.change.read',
      outcome: 'denied',
      entityType: 'directory_change_request',
      entityId: changeId,
      details: { reason: 'no such change in the ICB' },
    });
    throw notFound(WHAT);
  }
  return change;
}

/**
 * The listing version a pending proposal may be applied to: the one the partner edited, or the
 * current one when nothing but verifications ("confirm unchanged") happened since the proposal
 * (a confirmation bumps the version but changes nothing the partner saw). Null: the listing's
 * content changed since, so the proposal is stale.
 */
async function versionToApprove(
  db: Db,
  change: { serviceId: string; baseVersion: number; submittedAt: Date },
  currentVersion: number,
): Promise<number | null> {
  if (currentVersion === change.baseVersion) return currentVersion;
  return (await repo.contentChangedSince(db, change.serviceId, change.submittedAt)) ? null : currentVersion;
}

function alreadyDecided(status: string): AppError {
  return new AppError('conflict', {
    userMessage: `This change has already been ${status}. Reload the page to see what happened.`,
    details: { status },
  });
}

/** The proposal against the live listing, field by field. */
export async function getChange(db: Db, ctx: SignedInContext, changeId: string): Promise<ChangeReview> {
  const reviewer = await requireReviewer(db, ctx);
  const change = await changeInScope(db, ctx, reviewer, changeId);
  const current = await loadListing(db, change.serviceId);
  if (!current) throw notFound(WHAT);
  const proposed = change.proposed as unknown as ListingInput;
  const who = await peopleLabels(db, [
    change.submittedByUserId,
    ...(change.decidedByUserId ? [change.decidedByUserId] : []),
  ]);
  return {
    id: change.id,
    status: change.status,
    service: {
      id: current.id,
      name: current.name,
      organization_name: current.organization.name,
      status: current.status,
    },
    base_version: change.baseVersion,
    current_version: current.version,
    stale: change.status === 'pending' && (await versionToApprove(db, change, current.version)) === null,
    submitted_at: iso(change.submittedAt) as string,
    submitted_by: who.get(change.submittedByUserId) ?? 'A former partner user',
    decided_at: iso(change.decidedAt),
    decided_by: change.decidedByUserId ? (who.get(change.decidedByUserId) ?? 'A former colleague') : null,
    rejection_reason: change.rejectionReason,
    changes: diffListings(toListingInput(current), proposed),
    current,
    proposed,
    category_options: categoryOptions(current),
  };
}

/**
 * Publishes a partner's proposal. It applies only to the version the partner edited: if the
 * listing changed since, approving would silently undo that change, so it is refused (409) and
 * the reviewer re-checks. The history names both the partner and the approving reviewer.
 */
export async function approveChange(db: Db, ctx: SignedInContext, changeId: string): Promise<ChangeReview> {
  const reviewer = await requireReviewer(db, ctx);
  const change = await changeInScope(db, ctx, reviewer, changeId);
  if (change.status !== 'pending') throw alreadyDecided(change.status);
  const partner = await authorOf(db, change.submittedByUserId);
  const live = await repo.findServiceOwner(db, change.serviceId);
  const expectedVersion = live
    ? ((await versionToApprove(db, change, live.version)) ?? change.baseVersion)
    : change.baseVersion;
  try {
    await runUseCase(db, ctx, async (tx) => {
      if (!(await repo.decideChange(tx, changeId, { status: 'approved', userId: reviewer.userId }))) {
        throw alreadyDecided('decided');
      }
      const { changes } = await updateListing(
        tx,
        change.serviceId,
        { ...(change.proposed as unknown as ListingInput), id: change.serviceId },
        { userId: reviewer.userId, label: `${partner.label} (approved by ${reviewer.author.label})` },
        { expectedVersion, action: 'approve' },
      );
      await assureListing(tx, change.serviceId, reviewer.author);
      await writeAudit(tx, ctx, {
        action: 'directory.change.approve',
        entityType: 'directory_change_request',
        entityId: changeId,
        details: { serviceId: change.serviceId, fields: changes.map((c) => c.field) },
      });
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict' && !('status' in error.details)) {
      throw new AppError('conflict', {
        userMessage: `The listing has changed since this change was proposed (it was made against version ${change.baseVersion}). ${error.userMessage} Re-check the differences: reject this change and ask the partner to propose it again on the current listing.`,
        details: { baseVersion: change.baseVersion },
      });
    }
    throw error;
  }
  return getChange(db, ctx, changeId);
}

/** Rejects a proposal with a reason the partner sees on their listings page. */
export async function rejectChange(
  db: Db,
  ctx: SignedInContext,
  changeId: string,
  { reason }: TReasonBody,
): Promise<ChangeReview> {
  const reviewer = await requireReviewer(db, ctx);
  const change = await changeInScope(db, ctx, reviewer, changeId);
  if (change.status !== 'pending') throw alreadyDecided(change.status);
  await runUseCase(db, ctx, async (tx) => {
    if (!(await repo.decideChange(tx, changeId, { status: 'rejected', userId: reviewer.userId, reason }))) {
      throw alreadyDecided('decided');
    }
    await writeAudit(tx, ctx, {
      action: 'directory.change.reject',
      entityType: 'directory_change_request',
      entityId: changeId,
      details: { serviceId: change.serviceId, reason },
    });
  });
  return getChange(db, ctx, changeId);
}
