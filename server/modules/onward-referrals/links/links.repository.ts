import type { DbOrTx } from '../../../platform/db/client.js';
import { onwardEvents, onwardLinks } from '../onward-referrals.tables.js';

// The secure links' rows. Only the SHA-256 of a token (or code, or access session) is ever stored.

export async function insertLink(
  db: DbOrTx,
  row: { onwardReferralId: string; tokenHash: string; email: string; createdByUserId: string; expiresAt: Date },
): Promise<{ id: string }> {
  const [inserted] = await db.insert(onwardLinks).values(row).returning({ id: onwardLinks.id });
  return inserted as { id: string };
}

export async function insertLinkEvent(
  db: DbOrTx,
  row: { onwardReferralId: string; type: 'link_sent'; actorUserId: string; details: Record<string, unknown> },
): Promise<void> {
  await db.insert(onwardEvents).values({ ...row, via: 'team' });
}
