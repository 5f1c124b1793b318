import { and, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { ReplyStats } from '../../../../common/onward-referrals.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { londonDate, workingDaysBetween } from '../../../platform/working-days.js';
import { onwardReferrals } from '../onward-referrals.tables.js';

// How fast an organisation usually replies and what share it accepts, as commercial directories
// show beside a listing: over the referrals sent to it in the last year, in the ICB. Null
// figures until there is history (no referral answered yet).

const YEAR_MS = 365 * 86_400_000;

/** Middle value (the mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function replyStatsOfOrganisations(
  db: DbOrTx,
  icbId: string,
  organisationIds: readonly string[],
  now = new Date(),
): Promise<Map<string, ReplyStats>> {
  const stats = new Map<string, ReplyStats>();
  if (organisationIds.length === 0) return stats;
  const since = new Date(now.getTime() - YEAR_MS);
  const inScope = and(
    eq(onwardReferrals.icbId, icbId),
    eq(onwardReferrals.kind, 'referral'),
    inArray(onwardReferrals.organizationId, [...organisationIds]),
    gte(onwardReferrals.createdAt, since),
  );
  const counts = await db
    .select({ organisationId: onwardReferrals.organizationId, referrals: sql<number>`count(*)::int` })
    .from(onwardReferrals)
    .where(inScope)
    .groupBy(onwardReferrals.organizationId);
  const answered = await db
    .select({
      organisationId: onwardReferrals.organizationId,
      sentAt: onwardReferrals.createdAt,
      acceptedAt: onwardReferrals.acceptedAt,
      declinedAt: onwardReferrals.declinedAt,
    })
    .from(onwardReferrals)
    .where(and(inScope, sql`(${isNotNull(onwardReferrals.acceptedAt)} OR ${isNotNull(onwardReferrals.declinedAt)})`));
  for (const c of counts) {
    const mine = answered.filter((a) => a.organisationId === c.organisationId);
    const days = mine.map((a) => {
      // The first answer: an accepted referral may be declined later (could not contact the person).
      const answeredAt = a.acceptedAt ?? (a.declinedAt as Date);
      return workingDaysBetween(londonDate(a.sentAt), londonDate(answeredAt));
    });
    const accepted = mine.filter((a) => a.acceptedAt !== null).length;
    stats.set(c.organisationId, {
      organisationId: c.organisationId,
      referrals: c.referrals,
      medianReplyWorkingDays: median(days),
      acceptedPercent: mine.length > 0 ? Math.round((accepted / mine.length) * 100) : null,
    });
  }
  return stats;
}
