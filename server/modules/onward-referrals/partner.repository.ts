import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { InboxTab } from '../../../common/onward-referrals.js';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { onwardAttendances, onwardEvents, onwardReferrals } from './onward-referrals.tables.js';

// The organisation's side of onward referrals: what a partner (inbox) or a link holder reads and
// answers. Every inbox read is inside the partner's scope (its vcsOrganisationId), so a referral to
// another organisation is simply not found. A link holder reaches its one referral by id, which the
// link itself names.

export type OnwardRow = typeof onwardReferrals.$inferSelect;
export type AttendanceRow = typeof onwardAttendances.$inferSelect;
export type OnwardEventRow = typeof onwardEvents.$inferSelect;

const partnerScope = (scope: Scope): SQL => scopeWhere(scope, { vcsOrganisationId: onwardReferrals.vcsOrganisationId });

/** Only referrals reach an organisation: a signpost shares nothing and has no partner. */
const isReferral = eq(onwardReferrals.kind, 'referral');

/** Which tab a row sits in, as SQL (see tabOf in partner-views.ts for the same rule in code). */
const TAB_WHERE: Record<InboxTab, SQL> = {
  new: and(eq(onwardReferrals.status, 'sent'), isNull(onwardReferrals.viewedAt)) as SQL,
  waiting: and(eq(onwardReferrals.status, 'sent'), isNotNull(onwardReferrals.viewedAt)) as SQL,
  active: eq(onwardReferrals.status, 'accepted'),
  closed: inArray(onwardReferrals.status, ['declined', 'closed']),
};

/** One referral in the partner's scope, or null (another organisation's is not found). */
export async function findInPartnerScope(
  db: DbOrTx,
  scope: Scope,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<OnwardRow | null> {
  const q = db
    .select()
    .from(onwardReferrals)
    .where(and(eq(onwardReferrals.id, id), isReferral, partnerScope(scope)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The one referral a secure link names (the link was checked by its caller). */
export async function findForLink(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<OnwardRow | null> {
  const q = db
    .select()
    .from(onwardReferrals)
    .where(and(eq(onwardReferrals.id, id), isReferral, eq(onwardReferrals.delivery, 'link')));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function inboxPage(db: DbOrTx, scope: Scope, tab: InboxTab, limit: number): Promise<OnwardRow[]> {
  const newestFirst =
    tab === 'closed'
      ? desc(sql`coalesce(${onwardReferrals.closedAt}, ${onwardReferrals.declinedAt})`)
      : desc(onwardReferrals.createdAt);
  return db
    .select()
    .from(onwardReferrals)
    .where(and(isReferral, partnerScope(scope), TAB_WHERE[tab]))
    .orderBy(newestFirst, desc(onwardReferrals.id))
    .limit(limit);
}

export async function inboxCounts(db: DbOrTx, scope: Scope): Promise<Record<InboxTab, number>> {
  const [row] = await db
    .select({
      new: sql<number>`count(*) filter (where ${TAB_WHERE.new})::int`,
      waiting: sql<number>`count(*) filter (where ${TAB_WHERE.waiting})::int`,
      active: sql<number>`count(*) filter (where ${TAB_WHERE.active})::int`,
      closed: sql<number>`count(*) filter (where ${TAB_WHERE.closed})::int`,
    })
    .from(onwardReferrals)
    .where(and(isReferral, partnerScope(scope)));
  return row ?? { new: 0, waiting: 0, active: 0, closed: 0 };
}

export async function attendancesOf(db: DbOrTx, onwardReferralId: string): Promise<AttendanceRow[]> {
  return db
    .select()
    .from(onwardAttendances)
    .where(eq(onwardAttendances.onwardReferralId, onwardReferralId))
    .orderBy(asc(onwardAttendances.on), asc(onwardAttendances.recordedAt));
}

/** The latest answer given (for a stale answer's 409: what changed, who and when). */
export async function latestAnswerEvent(db: DbOrTx, onwardReferralId: string): Promise<OnwardEventRow | null> {
  const [row] = await db
    .select()
    .from(onwardEvents)
    .where(
      and(
        eq(onwardEvents.onwardReferralId, onwardReferralId),
        inArray(onwardEvents.type, ['accepted', 'declined', 'attendance', 'closed']),
      ),
    )
    .orderBy(desc(onwardEvents.at), desc(onwardEvents.id))
    .limit(1);
  return row ?? null;
}

/**
 * Marks the first opening (the row moves from "new" to "waiting for reply"). Only the first: a
 * concurrent opening finds viewed_at already set and changes nothing. The version is left alone,
 * so a colleague opening it never makes an answer being written stale.
 */
export async function markViewed(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(onwardReferrals)
    .set({ viewedAt: at })
    .where(and(eq(onwardReferrals.id, id), isNull(onwardReferrals.viewedAt)))
    .returning({ id: onwardReferrals.id });
  return rows.length > 0;
}

export type AnswerChange = Partial<
  Pick<
    OnwardRow,
    | 'status'
    | 'acceptedAt'
    | 'declinedAt'
    | 'declineReason'
    | 'declineNote'
    | 'closedAt'
    | 'outcome'
    | 'outcomeNote'
    | 'accessEndsAt'
  >
>;

/** Writes an answer for the version read (the caller holds the row's lock); bumps the version. */
export async function updateAnswered(db: DbOrTx, row: OnwardRow, change: AnswerChange, at: Date): Promise<OnwardRow> {
  const [updated] = await db
    .update(onwardReferrals)
    .set({ ...change, updatedAt: at, version: row.version + 1 })
    .where(and(eq(onwardReferrals.id, row.id), eq(onwardReferrals.version, row.version)))
    .returning();
  if (!updated) throw new Error(`onward referral ${row.id} changed under its lock`);
  return updated;
}

export async function insertAttendance(
  db: DbOrTx,
  row: {
    onwardReferralId: string;
    kind: AttendanceRow['kind'];
    on: string;
    sessions: number;
    recordedByUserId: string | null;
  },
): Promise<AttendanceRow> {
  const [inserted] = await db.insert(onwardAttendances).values(row).returning();
  return inserted as AttendanceRow;
}

export async function insertEvent(
  db: DbOrTx,
  row: Pick<OnwardEventRow, 'onwardReferralId' | 'type' | 'actorUserId' | 'via' | 'details'> & { at?: Date },
): Promise<void> {
  await db.insert(onwardEvents).values(row);
}
