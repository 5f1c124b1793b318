import { and, eq, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { Scope } from '../../platform/access/scope.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { onwardEvents, onwardReferrals } from './onward-referrals.tables.js';

// The onward referrals' side of chasing a reply and ending an organisation's access (issue 12,
// point 4): what the daily reminders run reads and writes here. Kept apart from the module's
// core repository so the two grow independently.

export interface UnansweredReferral {
  id: string;
  referralId: string;
  kind: 'signpost' | 'referral';
  status: string;
  replyDueOn: string | null;
}

/**
 * Referrals still waiting for the organisation whose reply date is before `today` (a London date).
 * A resident's own self-referral has no team to chase it: the organisation's inbox shows it overdue.
 */
export function findUnansweredReferrals(db: DbOrTx, today: string): Promise<UnansweredReferral[]> {
  return db
    .select({
      id: onwardReferrals.id,
      referralId: onwardReferrals.referralId,
      kind: onwardReferrals.kind,
      status: onwardReferrals.status,
      replyDueOn: onwardReferrals.replyDueOn,
    })
    .from(onwardReferrals)
    .where(
      and(
        eq(onwardReferrals.status, 'sent'),
        eq(onwardReferrals.kind, 'referral'),
        eq(onwardReferrals.source, 'team'),
        lt(onwardReferrals.replyDueOn, today),
      ),
    ) as Promise<UnansweredReferral[]>;
}

/** Which service each of these onward referrals went to, for those the scope may see. */
export async function servicesOfOnwardReferrals(
  db: DbOrTx,
  scope: Scope,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: onwardReferrals.id, serviceId: onwardReferrals.serviceId })
    .from(onwardReferrals)
    .where(
      and(
        inArray(onwardReferrals.id, [...ids]),
        scopeWhere(scope, { icbId: onwardReferrals.icbId, pcnId: onwardReferrals.pcnId }),
      ),
    );
  return new Map(rows.map((r) => [r.id, r.serviceId]));
}

/**
 * The case timeline says when the team was asked to chase: one 'chased' event (by the system)
 * for each no-reply task the run has just made.
 */
export async function recordChased(
  tx: DbOrTx,
  chased: readonly { onwardReferralId: string; replyDueOn: string | null; taskDueOn: string }[],
): Promise<void> {
  if (chased.length === 0) return;
  await tx.insert(onwardEvents).values(
    chased.map((c) => ({
      onwardReferralId: c.onwardReferralId,
      type: 'chased' as const,
      via: 'system' as const,
      actorUserId: null,
      details: { replyDueOn: c.replyDueOn, taskDueOn: c.taskDueOn },
    })),
  );
}

/**
 * Ends the organisation's access to the person's details: the snapshot sent to it is removed
 * once its access has ended, so the details do not linger in the database after no one may
 * read them. Returns the rows changed, per ICB (each ICB's audit row counts its own).
 */
export async function removeSharedDetailsAfterAccessEnded(
  tx: DbOrTx,
  now: Date,
): Promise<{ id: string; icbId: string }[]> {
  return tx
    .update(onwardReferrals)
    .set({ sharedDetails: null, updatedAt: now })
    .where(
      and(
        isNotNull(onwardReferrals.accessEndsAt),
        lte(onwardReferrals.accessEndsAt, now),
        sql`${onwardReferrals.sharedDetails} IS NOT NULL`,
      ),
    )
    .returning({ id: onwardReferrals.id, icbId: onwardReferrals.icbId });
}
