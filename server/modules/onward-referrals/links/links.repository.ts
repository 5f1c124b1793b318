import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { onwardEvents, onwardLinks, onwardReferrals } from '../onward-referrals.tables.js';

// The secure links' rows. Only the SHA-256 of a token (or code, or access session) is ever stored.

export type LinkRow = typeof onwardLinks.$inferSelect;
export type OnwardRow = typeof onwardReferrals.$inferSelect;
type LinkEventType = 'link_sent' | 'link_revoked' | 'link_opened' | 'code_sent' | 'code_verified';

export async function insertLink(
  db: DbOrTx,
  row: {
    onwardReferralId: string;
    tokenHash: string;
    email: string | null;
    mobile: string | null;
    createdByUserId: string | null;
    expiresAt: Date;
  },
): Promise<{ id: string }> {
  const [inserted] = await db.insert(onwardLinks).values(row).returning({ id: onwardLinks.id });
  return inserted as { id: string };
}

export async function insertLinkEvent(
  db: DbOrTx,
  row: {
    onwardReferralId: string;
    type: LinkEventType;
    actorUserId: string | null;
    details: Record<string, unknown>;
    via?: 'team' | 'link' | 'system';
  },
): Promise<void> {
  await db.insert(onwardEvents).values({ ...row, via: row.via ?? 'team' });
}

/** The link with this token hash and its onward referral; `lock` holds the link row for the transaction. */
export async function findLinkByTokenHash(
  db: DbOrTx,
  tokenHash: string,
  opts: { lock?: boolean } = {},
): Promise<{ link: LinkRow; onward: OnwardRow } | null> {
  const query = db
    .select({ link: onwardLinks, onward: onwardReferrals })
    .from(onwardLinks)
    .innerJoin(onwardReferrals, eq(onwardReferrals.id, onwardLinks.onwardReferralId))
    .where(eq(onwardLinks.tokenHash, tokenHash));
  const [row] = opts.lock ? await query.for('update', { of: onwardLinks }) : await query;
  return row ?? null;
}

export async function findLinkById(db: DbOrTx, id: string): Promise<LinkRow | null> {
  const [row] = await db.select().from(onwardLinks).where(eq(onwardLinks.id, id));
  return row ?? null;
}

/** The newest link of an onward referral (the one the team sees), or null. */
export async function latestLinkOf(db: DbOrTx, onwardReferralId: string): Promise<LinkRow | null> {
  const [row] = await db
    .select()
    .from(onwardLinks)
    .where(eq(onwardLinks.onwardReferralId, onwardReferralId))
    .orderBy(desc(onwardLinks.createdAt), desc(onwardLinks.id))
    .limit(1);
  return row ?? null;
}

/** The onward referral of a case, locked for the transaction; null when it is not that case's. */
export async function findOnwardOfCase(db: DbOrTx, referralId: string, onwardId: string): Promise<OnwardRow | null> {
  const [row] = await db
    .select()
    .from(onwardReferrals)
    .where(and(eq(onwardReferrals.id, onwardId), eq(onwardReferrals.referralId, referralId)))
    .for('update');
  return row ?? null;
}

/** Revokes every live link of the onward referral; the ids revoked. */
export async function revokeLiveLinks(
  db: DbOrTx,
  onwardReferralId: string,
  byUserId: string,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .update(onwardLinks)
    .set({ revokedAt: now, revokedByUserId: byUserId, codeHash: null, accessHash: null })
    .where(
      and(
        eq(onwardLinks.onwardReferralId, onwardReferralId),
        isNull(onwardLinks.revokedAt),
        gt(onwardLinks.expiresAt, now),
      ),
    )
    .returning({ id: onwardLinks.id });
  return rows.map((r) => r.id);
}

export async function updateLink(
  db: DbOrTx,
  id: string,
  set: Partial<
    Pick<LinkRow, 'codeHash' | 'codeExpiresAt' | 'codeAttempts' | 'accessHash' | 'accessExpiresAt' | 'lastUsedAt'>
  >,
): Promise<void> {
  await db.update(onwardLinks).set(set).where(eq(onwardLinks.id, id));
}

/** How many events of this type the link has had since `since` (codes sent in the last hour). */
export async function countLinkEvents(db: DbOrTx, linkId: string, type: LinkEventType, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(onwardEvents)
    .where(
      and(eq(onwardEvents.type, type), sql`${onwardEvents.details}->>'linkId' = ${linkId}`, gt(onwardEvents.at, since)),
    );
  return row?.n ?? 0;
}
