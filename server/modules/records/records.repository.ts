import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { destroyedRecords, processingRestrictions, retentionSettings } from './records.tables.js';

// Records management's data. Destruction is the one place in Waymark that must reach every
// module's rows about a person in one transaction, so it names their tables here in SQL (the
// list is checked against the database's foreign keys by records.db.test.ts: a new table that
// points at a person or a referral fails that test until it is added here).

export type DestroyedRow = typeof destroyedRecords.$inferSelect;
export type RestrictionRow = typeof processingRestrictions.$inferSelect;
export type SettingsRow = typeof retentionSettings.$inferSelect;

/** Statuses in which a referral is closed (support ended). */
export const CLOSED_STATUSES = ['discharged', 'declined', 'redirected', 'not_contactable'] as const;
const CLOSED = sql.raw(CLOSED_STATUSES.map((s) => `'${s}'`).join(', '));

export interface RetentionCandidate {
  personId: string;
  dateOfBirth: string;
  /** The London day the person's last referral closed. */
  closedOn: string;
  referralCount: number;
  restricted: boolean;
}

/**
 * People of the ICB whose every referral is closed, the last more than 8 years before `today`
 * (every rule keeps a record at least that long, so nobody due is missed; the rule itself is
 * applied by the caller). With `personId`, that one person, locked for destruction.
 */
export async function retentionCandidates(
  db: DbOrTx,
  icbId: string,
  today: string,
  opts: { personId?: string } = {},
): Promise<RetentionCandidate[]> {
  const one = opts.personId ? sql`AND p.id = ${opts.personId}` : sql``;
  const res = await db.execute<{
    person_id: string;
    date_of_birth: string;
    closed_on: string;
    referral_count: number;
    restricted: boolean;
  }>(sql`
    SELECT p.id AS person_id, p.date_of_birth::text AS date_of_birth,
           max((r.closed_at AT TIME ZONE 'Europe/London')::date)::text AS closed_on,
           count(*)::int AS referral_count,
           EXISTS (SELECT 1 FROM processing_restrictions pr WHERE pr.person_id = p.id AND pr.lifted_at IS NULL) AS restricted
      FROM people p
      JOIN referrals r ON r.person_id = p.id
     WHERE p.icb_id = ${icbId} ${one}
     GROUP BY p.id
    HAVING bool_and(r.closed_at IS NOT NULL AND r.status IN (${CLOSED}))
       AND max((r.closed_at AT TIME ZONE 'Europe/London')::date) < (${today}::date - interval '8 years')
     ORDER BY closed_on, p.id`);
  return res.rows.map((r) => ({
    personId: r.person_id,
    dateOfBirth: r.date_of_birth,
    closedOn: r.closed_on,
    referralCount: Number(r.referral_count),
    restricted: r.restricted,
  }));
}

/** Locks the person's row for destruction (a new referral for them waits, then fails to find them). */
export async function lockPerson(tx: Tx, icbId: string, personId: string): Promise<boolean> {
  const res = await tx.execute(sql`SELECT id FROM people WHERE id = ${personId} AND icb_id = ${icbId} FOR UPDATE`);
  return res.rows.length === 1;
}

/**
 * Deletes everything held about one person: their referrals and everything hanging off them
 * (events, case notes and contacts, planned contacts and video appointments, the message back to
 * the GP, FHIR request ids, outcome measures, onward referrals with their events, attendances and
 * links, tasks, befriending, group attendance, messages to the person and their details, in-app
 * notifications pointing at the referrals, emails about them), the care plans and their versions,
 * restrictions lifted in the past, who knew them, and the person. The audit log keeps its rows:
 * they hold ids and field names, never the content. Returns the referral ids deleted.
 */
export async function deletePersonEverywhere(tx: Tx, personId: string): Promise<string[]> {
  const refs = await tx.execute<{ id: string }>(sql`SELECT id FROM referrals WHERE person_id = ${personId}`);
  const referralIds = refs.rows.map((r) => r.id);
  const R = sql`ARRAY[${sql.join(
    referralIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const onward = await tx.execute<{ id: string }>(
    sql`SELECT id FROM onward_referrals WHERE person_id = ${personId} OR referral_id = ANY(${R})`,
  );
  const O = sql`ARRAY[${sql.join(
    onward.rows.map((r) => sql`${r.id}`),
    sql`, `,
  )}]::uuid[]`;
  const references = referralIds.map((id) => {
    const hex = id.replace(/-/g, '').toUpperCase();
    return `%WM-${hex.slice(0, 4)}-${hex.slice(4, 8)}%`;
  });
  const statements = [
    sql`DELETE FROM onward_links WHERE onward_referral_id = ANY(${O})`,
    sql`DELETE FROM onward_attendances WHERE onward_referral_id = ANY(${O})`,
    sql`DELETE FROM onward_events WHERE onward_referral_id = ANY(${O})`,
    sql`DELETE FROM reminder_tasks WHERE referral_id = ANY(${R}) OR onward_referral_id = ANY(${O})`,
    sql`DELETE FROM onward_referrals WHERE id = ANY(${O})`,
    sql`DELETE FROM video_appointments WHERE referral_id = ANY(${R})`,
    sql`DELETE FROM planned_contacts WHERE referral_id = ANY(${R})`,
    sql`DELETE FROM case_contacts WHERE referral_id = ANY(${R})`,
    sql`DELETE FROM case_notes WHERE referral_id = ANY(${R})`,
    // Deliveries of the messages back to GP systems' webhooks: ids and status only, gone with them.
    sql`DELETE FROM gp_message_deliveries WHERE gp_message_id IN (SELECT id FROM gp_messages WHERE referral_id = ANY(${R}))`,
    sql`DELETE FROM gp_messages WHERE referral_id = ANY(${R})`,
    sql`DELETE FROM referral_events WHERE referral_id = ANY(${R})`,
    sql`DELETE FROM fhir_service_requests WHERE referral_id = ANY(${R})`,
    sql`DELETE FROM outcome_measures WHERE person_id = ${personId} OR referral_id = ANY(${R})`,
    sql`DELETE FROM befriending_assignments WHERE person_id = ${personId} OR referral_id = ANY(${R})`,
    sql`DELETE FROM team_group_attendance WHERE person_id = ${personId} OR referral_id = ANY(${R})`,
    sql`DELETE FROM resident_messages WHERE person_id = ${personId} OR referral_id = ANY(${R})`,
    sql`DELETE FROM care_plan_versions WHERE plan_id IN (SELECT id FROM care_plans WHERE person_id = ${personId})`,
    sql`DELETE FROM care_plans WHERE person_id = ${personId}`,
    // Staff notifications name the person in their title and point at the referral
    // (/referrals/<id>…, /practice/referrals/<id>…) or the onward referral (/partner/referrals/<id>):
    // any link holding one of the ids.
    sql`DELETE FROM notifications n WHERE EXISTS (SELECT 1 FROM unnest(${R} || ${O}) AS r(id) WHERE n.link LIKE '%' || r.id::text || '%')`,
    ...(references.length
      ? [
          sql`DELETE FROM outbox WHERE (payload->>'subject') LIKE ANY(ARRAY[${sql.join(
            references.map((r) => sql`${r}`),
            sql`, `,
          )}]) OR (payload->>'text') LIKE ANY(ARRAY[${sql.join(
            references.map((r) => sql`${r}`),
            sql`, `,
          )}])`,
        ]
      : []),
    sql`DELETE FROM processing_restrictions WHERE person_id = ${personId}`,
    sql`DELETE FROM referrals WHERE id = ANY(${R})`,
    sql`DELETE FROM person_links WHERE person_id = ${personId}`,
    sql`DELETE FROM people WHERE id = ${personId}`,
  ];
  for (const statement of statements) await tx.execute(statement);
  return referralIds;
}

export async function insertStub(tx: Tx, values: typeof destroyedRecords.$inferInsert): Promise<void> {
  await tx.insert(destroyedRecords).values(values);
}

export async function destroyedOf(
  db: DbOrTx,
  icbId: string,
  limit: number,
): Promise<{ total: number; recent: DestroyedRow[] }> {
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(destroyedRecords)
    .where(eq(destroyedRecords.icbId, icbId));
  const recent = await db
    .select()
    .from(destroyedRecords)
    .where(eq(destroyedRecords.icbId, icbId))
    .orderBy(desc(destroyedRecords.destroyedAt), desc(destroyedRecords.id))
    .limit(limit);
  return { total: Number(count?.n ?? 0), recent };
}

export async function settingsOf(db: DbOrTx, icbId: string): Promise<SettingsRow | null> {
  const [row] = await db.select().from(retentionSettings).where(eq(retentionSettings.icbId, icbId));
  return row ?? null;
}

/** ICBs whose administrators switched scheduled destruction on. */
export async function icbsWithScheduledDestruction(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ icbId: retentionSettings.icbId })
    .from(retentionSettings)
    .where(eq(retentionSettings.scheduledDestruction, true));
  return rows.map((r) => r.icbId);
}

/** Saves the settings for the version read (1 when none were saved); null when someone saved first. */
export async function saveSettings(
  tx: Tx,
  icbId: string,
  version: number,
  values: { scheduledDestruction: boolean; updatedBy: string },
): Promise<SettingsRow | null> {
  if (version === 1) {
    const [inserted] = await tx
      .insert(retentionSettings)
      .values({ icbId, ...values, version: 2, updatedAt: new Date() })
      .onConflictDoNothing()
      .returning();
    if (inserted) return inserted;
  }
  const [row] = await tx
    .update(retentionSettings)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(retentionSettings.icbId, icbId), eq(retentionSettings.version, version)))
    .returning();
  return row ?? null;
}

// --- Restrictions ---------------------------------------------------------------------------

export async function restrictionsOf(db: DbOrTx, personId: string): Promise<RestrictionRow[]> {
  return db
    .select()
    .from(processingRestrictions)
    .where(eq(processingRestrictions.personId, personId))
    .orderBy(desc(processingRestrictions.restrictedAt));
}

export async function insertRestriction(
  tx: Tx,
  values: typeof processingRestrictions.$inferInsert,
): Promise<RestrictionRow | null> {
  const [row] = await tx.insert(processingRestrictions).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function liftRestriction(
  tx: Tx,
  personId: string,
  values: { liftedBy: string | null; liftNote: string },
): Promise<RestrictionRow | null> {
  const [row] = await tx
    .update(processingRestrictions)
    .set({ ...values, liftedAt: new Date() })
    .where(and(eq(processingRestrictions.personId, personId), isNull(processingRestrictions.liftedAt)))
    .returning();
  return row ?? null;
}

/** Which of these people have their processing restricted now. */
export async function restrictedAmong(db: DbOrTx, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const res = await db.execute<{ person_id: string }>(
    sql`SELECT person_id FROM processing_restrictions WHERE lifted_at IS NULL AND person_id = ANY(ARRAY[${sql.join(
      personIds.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[])`,
  );
  return new Set(res.rows.map((r) => r.person_id));
}

/** Whether the person, or the person of the referral, has their processing restricted now. */
export async function isRestricted(
  db: DbOrTx,
  who: { personId?: string | null; referralId?: string | null },
): Promise<boolean> {
  if (!who.personId && !who.referralId) return false;
  const res = await db.execute(sql`SELECT 1 FROM processing_restrictions pr
     WHERE pr.lifted_at IS NULL
       AND (pr.person_id = ${who.personId ?? null}::uuid
            OR pr.person_id = (SELECT r.person_id FROM referrals r WHERE r.id = ${who.referralId ?? null}::uuid))
     LIMIT 1`);
  return res.rows.length > 0;
}

/** A where-clause on `resident_messages`: the message is not about a person whose processing is restricted. */
export const residentMessageNotRestricted = () => sql`NOT EXISTS (
  SELECT 1 FROM processing_restrictions pr
   WHERE pr.lifted_at IS NULL
     AND (pr.person_id = resident_messages.person_id
          OR pr.person_id = (SELECT r.person_id FROM referrals r WHERE r.id = resident_messages.referral_id)))`;

// --- Subject access ---------------------------------------------------------------------------

/** Rows of one table as stored, as JSON objects (columns named as in the database). */
export async function rowsAsJson(db: DbOrTx, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  const res = await db.execute<{ row: Record<string, unknown> }>(sql`SELECT row_to_json(t) AS row FROM (${query}) t`);
  return res.rows.map((r) => r.row);
}
