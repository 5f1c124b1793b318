import {
  type OpenReport,
  type PendingChange,
  REVIEW_QUEUE_LIMIT,
  type ReviewQueue,
} from '../../../../../common/directory-maintenance.js';
import type { SignedInContext } from '../../../../platform/context.js';
import type { DbOrTx } from '../../../../platform/db/client.js';
import { pendingProposalsOf } from '../../showcase/showcase.service.js';
import * as repo from '../maintenance.repository.js';
import { peopleLabels, refOf, requireReviewer } from './actors.js';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);

export async function openReportsOf(
  db: DbOrTx,
  where: { icbId: string; serviceId?: string },
  limit = REVIEW_QUEUE_LIMIT,
): Promise<OpenReport[]> {
  const rows = await repo.listOpenReports(db, where, limit);
  return rows.map((r) => ({
    id: r.reportId,
    service: refOf(r),
    message: r.message,
    created_at: iso(r.createdAt),
  }));
}

export async function pendingChangesOf(
  db: DbOrTx,
  where: { icbId: string; serviceId?: string },
  limit = REVIEW_QUEUE_LIMIT,
): Promise<PendingChange[]> {
  const rows = await repo.listPendingChanges(db, where, limit);
  const who = await peopleLabels(
    db,
    rows.map((r) => r.submittedByUserId),
  );
  return rows.map((r) => ({
    id: r.changeId,
    service: refOf(r),
    base_version: r.baseVersion,
    submitted_at: iso(r.submittedAt),
    submitted_by: who.get(r.submittedByUserId) ?? 'A former partner user',
  }));
}

/**
 * The three kinds of review work of the reviewer's ICB, each oldest first: listings due for
 * review, open reports from the public and partners' proposed changes (and new listings). No personal data here,
 * so reading it is not audited.
 */
export async function getReviewQueue(db: DbOrTx, ctx: SignedInContext): Promise<ReviewQueue> {
  const { icbId } = await requireReviewer(db, ctx);
  const [due, dueCount, reports, reportCount, changes, changeCount, proposals] = await Promise.all([
    repo.listDueReviews(db, icbId, REVIEW_QUEUE_LIMIT),
    repo.countDueReviews(db, icbId),
    openReportsOf(db, { icbId }),
    repo.countOpenReports(db, icbId),
    pendingChangesOf(db, { icbId }),
    repo.countPendingChanges(db, icbId),
    pendingProposalsOf(db, icbId),
  ]);
  return {
    counts: { due: dueCount, reports: reportCount, changes: changeCount, proposals: proposals.count },
    due: due.map((r) => ({
      service: refOf(r),
      assured_date: r.assuredDate,
      review_due_on: r.assuredDate ? r.dueOn : null,
      reason: r.assuredDate ? 'overdue' : 'never_verified',
    })),
    reports,
    changes,
    proposals: proposals.proposals,
  };
}
