import { and, asc, eq, getTableColumns, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { people } from './people.tables.js';

export type PersonRow = typeof people.$inferSelect;
export type PersonInsert = typeof people.$inferInsert;

/** What a likely match shows: enough to recognise the person, no NHS number or contact details. */
export interface PersonMatchRow {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string | null;
}

export async function findPeopleByIds(db: DbOrTx, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(people).where(inArray(people.id, ids));
}

export async function findPersonInIcb(db: DbOrTx, icbId: string, id: string): Promise<PersonRow | null> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, id), eq(people.icbId, icbId)));
  return row ?? null;
}

export async function findPersonByNhsNumber(db: DbOrTx, nhsNumber: string): Promise<PersonRow | null> {
  const [row] = await db.select().from(people).where(eq(people.nhsNumber, nhsNumber));
  return row ?? null;
}

export async function insertPerson(db: DbOrTx, values: PersonInsert): Promise<PersonRow> {
  const [row] = await db.insert(people).values(values).returning();
  return row as PersonRow;
}

// Contact details a new referral brings replace the stored ones when given; who the person is
// (name, date of birth, NHS number) is never changed by a referral.
const CONTACT_FROM_NEW = {
  postcode: sql`coalesce(excluded.postcode, people.postcode)`,
  phone: sql`coalesce(excluded.phone, people.phone)`,
  email: sql`coalesce(excluded.email, people.email)`,
  preferredContact: sql`excluded.preferred_contact`,
  language: sql`excluded.language`,
  interpreterNeeded: sql`excluded.interpreter_needed`,
  accessibilityNeeds: sql`coalesce(excluded.accessibility_needs, people.accessibility_needs)`,
  practiceId: sql`coalesce(excluded.practice_id, people.practice_id)`,
  version: sql`people.version + 1`,
  updatedAt: sql`now()`,
};

/**
 * The person with this NHS number, created if Waymark does not know them yet. One statement
 * (INSERT … ON CONFLICT), so two referrals for a new person at the same moment make one person:
 * the second waits for the first and then finds its row.
 */
export async function upsertPersonByNhsNumber(
  db: DbOrTx,
  values: PersonInsert & { nhsNumber: string },
): Promise<{ person: PersonRow; created: boolean }> {
  const [row] = await db
    .insert(people)
    .values(values)
    .onConflictDoUpdate({ target: people.nhsNumber, set: CONTACT_FROM_NEW })
    // xmax is 0 on a freshly inserted row version and set on one that ON CONFLICT updated.
    .returning({ ...getTableColumns(people), created: sql<boolean>`(xmax = 0)` });
  const { created, ...person } = row as PersonRow & { created: boolean };
  return { person, created };
}

/** Updates the contact details of a person a referral was linked to (after a confirmed match). */
export async function updatePersonContact(
  db: DbOrTx,
  id: string,
  values: Pick<
    PersonInsert,
    'postcode' | 'phone' | 'email' | 'preferredContact' | 'language' | 'interpreterNeeded' | 'accessibilityNeeds'
  > & { practiceId?: string | null },
): Promise<PersonRow | null> {
  const [row] = await db
    .update(people)
    .set({
      postcode: sql`coalesce(${values.postcode ?? null}, ${people.postcode})`,
      phone: sql`coalesce(${values.phone ?? null}, ${people.phone})`,
      email: sql`coalesce(${values.email ?? null}, ${people.email})`,
      preferredContact: values.preferredContact,
      language: values.language,
      interpreterNeeded: values.interpreterNeeded,
      accessibilityNeeds: sql`coalesce(${values.accessibilityNeeds ?? null}, ${people.accessibilityNeeds})`,
      practiceId: sql`coalesce(${values.practiceId ?? null}::uuid, ${people.practiceId})`,
      version: sql`${people.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(people.id, id))
    .returning();
  return row ?? null;
}

export interface MatchQuery {
  icbId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode?: string | null;
}

/**
 * People of the ICB who may be the one described: the same family name (any case) and date of
 * birth, and either the same first initial or the same postcode. Uses people_match_idx.
 */
export async function findLikelyMatches(db: DbOrTx, q: MatchQuery, limit = 10): Promise<PersonMatchRow[]> {
  const initial = q.givenName.trim().charAt(0).toLowerCase();
  const samePostcode = q.postcode ? eq(people.postcode, q.postcode) : undefined;
  const byName = [asc(people.givenName), asc(people.id)];
  return (
    db
      .select({
        id: people.id,
        givenName: people.givenName,
        familyName: people.familyName,
        dateOfBirth: people.dateOfBirth,
        postcode: people.postcode,
      })
      .from(people)
      .where(
        and(
          eq(people.icbId, q.icbId),
          sql`lower(${people.familyName}) = lower(${q.familyName.trim()})`,
          eq(people.dateOfBirth, q.dateOfBirth),
          or(sql`left(lower(${people.givenName}), 1) = ${initial}`, samePostcode),
        ),
      )
      // The same postcode first: the likeliest match.
      .orderBy(...(samePostcode ? [sql`coalesce(${samePostcode}, false) DESC`, ...byName] : byName))
      .limit(limit)
  );
}

/**
 * Serialises intakes that could create the same person without an NHS number (same ICB, family
 * name and date of birth) until the transaction ends, so two at once cannot both find "no match"
 * and each add a duplicate.
 */
export async function lockLikelyMatchKey(db: DbOrTx, q: MatchQuery): Promise<void> {
  const key = `person-match:${q.icbId}:${q.familyName.trim().toLowerCase()}:${q.dateOfBirth}`;
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}
