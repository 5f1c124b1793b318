import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Priority } from '../../../common/referrals.js';
import type { DbOrTx } from '../../platform/db/client.js';
// Reading the referrals table here is agreed for the queue (state changes go through
// referrals.service's transitionReferral).
import { referrals } from '../referrals/referrals.tables.js';
import type { TQueueQuery } from './triage.schemas.js';
import { pcnTriageSettings } from './triage.tables.js';

export type QueueRow = typeof referrals.$inferSelect;
export type TriageSettingsRow = typeof pcnTriageSettings.$inferSelect;

/** Open, not yet allocated: the triage queue. */
export const QUEUE_STATUSES = ['received', 'triaged'] as const;

/** The priority a referral is queued by: the lead's once triaged, else what the referrer asked for. */
export const effectivePriority = sql<Priority>`coalesce(${referrals.priority}, ${referrals.urgencyRequested})`;
const priorityRank = sql`CASE coalesce(${referrals.priority}, ${referrals.urgencyRequested}) WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END`;

export const QUEUE_LIMIT = 500;

function queueWhere(pcnId: string, q: TQueueQuery = {}): SQL {
  const parts: (SQL | undefined)[] = [
    eq(referrals.pcnId, pcnId),
    inArray(referrals.status, q.status ? [q.status] : [...QUEUE_STATUSES]),
  ];
  if (q.priority) parts.push(sql`${effectivePriority} = ${q.priority}`);
  if (q.reason) parts.push(sql`${referrals.reasons} @> ARRAY[${q.reason}]::text[]`);
  if (q.practiceId) parts.push(eq(referrals.practiceId, q.practiceId));
  if (q.safeguarding) parts.push(eq(referrals.safeguardingConcern, q.safeguarding === 'yes'));
  return and(...parts) as SQL;
}

/** Most urgent first, then longest waiting. */
export async function findQueue(db: DbOrTx, pcnId: string, q: TQueueQuery): Promise<QueueRow[]> {
  return db
    .select()
    .from(referrals)
    .where(queueWhere(pcnId, q))
    .orderBy(priorityRank, asc(referrals.receivedAt), asc(referrals.id))
    .limit(QUEUE_LIMIT + 1);
}

export async function countQueue(db: DbOrTx, pcnId: string, q: TQueueQuery = {}) {
  return db
    .select({
      status: referrals.status,
      priority: effectivePriority,
      safeguarding: referrals.safeguardingConcern,
      n: count(),
    })
    .from(referrals)
    .where(queueWhere(pcnId, q))
    .groupBy(referrals.status, effectivePriority, referrals.safeguardingConcern);
}

export async function findReferralOfPcn(db: DbOrTx, pcnId: string, id: string): Promise<QueueRow | null> {
  const [row] = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, id), eq(referrals.pcnId, pcnId)));
  return row ?? null;
}

export async function findTriageSettings(db: DbOrTx, pcnId: string): Promise<TriageSettingsRow | null> {
  const [row] = await db.select().from(pcnTriageSettings).where(eq(pcnTriageSettings.pcnId, pcnId));
  return row ?? null;
}

export async function upsertTriageSettings(
  db: DbOrTx,
  pcnId: string,
  values: { urgentDays: number; soonDays: number; routineDays: number },
): Promise<TriageSettingsRow> {
  const [row] = await db
    .insert(pcnTriageSettings)
    .values({ pcnId, ...values, updatedAt: new Date() })
    .onConflictDoUpdate({ target: pcnTriageSettings.pcnId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return row as TriageSettingsRow;
}
