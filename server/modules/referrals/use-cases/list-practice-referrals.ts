import { and, desc, eq } from 'drizzle-orm';
import type { ReferralStatusView } from '../../../../common/api-types.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { referralScope } from '../referrals.repository.js';
import { requireActor, toStatusViews } from '../referrals.service.js';
import { referrals } from '../referrals.tables.js';

export const PRACTICE_REFERRALS_PAGE_SIZE = 50;

export interface PracticeReferralsPage {
  referrals: ReferralStatusView[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * The referrals a GP practice made, newest first, as status views: what was asked and where it
 * stands, never the team's triage or case notes. Only for practice staff: the PCN team has its
 * queue, so anyone else is told there is no such list (404).
 */
export async function listPracticeReferrals(
  db: Db,
  ctx: RequestContext,
  opts: { page: number },
): Promise<PracticeReferralsPage> {
  const actor = requireActor(ctx);
  if (actor.scope.kind !== 'practice') throw notFound('list of your practice’s referrals');
  // Both conditions: the scope clause is the rule every referral query follows, the practice
  // clause is what this list means.
  const where = and(referralScope(actor.scope), eq(referrals.practiceId, actor.scope.practiceId));
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(referrals)
      .where(where)
      .orderBy(desc(referrals.receivedAt), desc(referrals.id))
      .limit(PRACTICE_REFERRALS_PAGE_SIZE)
      .offset((opts.page - 1) * PRACTICE_REFERRALS_PAGE_SIZE),
    db.$count(referrals, where),
  ]);
  await writeAudit(db, ctx, {
    action: 'referral.list-practice',
    entityType: 'practice',
    entityId: actor.scope.practiceId,
    details: { page: opts.page, count: rows.length },
  });
  return {
    referrals: await toStatusViews(db, rows),
    page: opts.page,
    pageSize: PRACTICE_REFERRALS_PAGE_SIZE,
    total,
  };
}
