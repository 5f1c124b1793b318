import { and, asc, eq, exists, or, sql } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { anyOfIdsPlaceholder, preparedPerScope, preparedPerScopeOfIds } from '../../platform/db/prepared.js';
import { people, personLinks } from './people.tables.js';

export type PersonRow = typeof people.$inferSelect;
export type PersonInsert = typeof people.$inferInsert;
export type PersonLink = Omit<typeof personLinks.$inferInsert, 'id' | 'createdAt'>;

/** What a likely match shows: enough to recognise the person, no NHS number or contact details. */
export interface PersonMatchRow {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string | null;
}

/**
 * People the scope's team knows: a person is visible to a practice or PCN only through a link
 * that team made (see person_links). Fails closed for every other scope: ICB-wide roles
 * (commissioners, admins) and VCS partners see no person through here.
 */
export const personVisibleTo = (scope: Scope) =>
  scope.kind === 'pcn' || scope.kind === 'practice'
    ? exists(
        sql`(SELECT 1 FROM ${personLinks} WHERE ${personLinks.personId} = ${people.id} AND ${scopeWhere(scope, {
          pcnId: personLinks.pcnId,
          practiceId: personLinks.practiceId,
        })})`,
      )
    : sql`false`;

// Read on every case record and care plan viewed: prepared (platform/db/prepared.ts).
const peopleByIds = preparedPerScopeOfIds('people_by_ids', (db, scope, matchIds) =>
  db
    .select()
    .from(people)
    .where(and(matchIds(people.id), eq(people.icbId, scope.icbId), personVisibleTo(scope))),
);

/** These people, those of them the scope's team knows (others are simply not returned). */
export async function findPeopleByIds(db: DbOrTx, scope: Scope, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return peopleByIds(db, scope, ids);
}

export type PersonName = Pick<PersonRow, 'id' | 'givenName' | 'familyName' | 'nhsNumber' | 'dateOfBirth'>;

const personNamesByIds = preparedPerScope('people_names_by_ids', (db, scope) =>
  db
    .select({
      id: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      nhsNumber: people.nhsNumber,
      dateOfBirth: people.dateOfBirth,
    })
    .from(people)
    .where(and(anyOfIdsPlaceholder(people.id, 'ids'), eq(people.icbId, scope.icbId), personVisibleTo(scope))),
);

/** Who these people are, no more (for lists of hundreds: the caseloads), those the scope's team knows. */
export async function findPersonNamesByIds(db: DbOrTx, scope: Scope, ids: string[]): Promise<PersonName[]> {
  if (ids.length === 0) return [];
  return personNamesByIds(db, scope, { ids });
}

const personById = preparedPerScope('people_by_id', (db, scope) =>
  db
    .select()
    .from(people)
    .where(and(eq(people.id, sql.placeholder('id')), eq(people.icbId, scope.icbId), personVisibleTo(scope))),
);

/** The person, if the scope's team knows them (else null, as for an id that does not exist). */
export async function findPersonVisibleTo(db: DbOrTx, scope: Scope, id: string): Promise<PersonRow | null> {
  const [row] = await personById(db, scope, { id });
  return row ?? null;
}

export async function isPersonVisibleTo(db: DbOrTx, scope: Scope, id: string): Promise<boolean> {
  return (await findPersonVisibleTo(db, scope, id)) !== null;
}

export async function insertPerson(db: DbOrTx, values: PersonInsert): Promise<PersonRow> {
  const [row] = await db.insert(people).values(values).returning();
  return row as PersonRow;
}

/**
 * The ICB's person with this NHS number, created if the ICB does not know them yet. The insert
 * claims the number through the unique (icb, NHS number) constraint, so two referrals for a new
 * person at the same moment make one person: the second waits for the first and then reads its
 * row. An existing record is returned as it is — a referral never changes who someone is or how
 * to reach them.
 */
export async function findOrInsertByNhsNumber(
  db: DbOrTx,
  values: PersonInsert & { nhsNumber: string },
): Promise<{ person: PersonRow; created: boolean }> {
  const [inserted] = await db
    .insert(people)
    .values(values)
    .onConflictDoNothing({ target: [people.icbId, people.nhsNumber] })
    .returning();
  if (inserted) return { person: inserted, created: true };
  const [existing] = await db
    .select()
    .from(people)
    .where(and(eq(people.icbId, values.icbId), eq(people.nhsNumber, values.nhsNumber)));
  if (!existing) throw new Error('person with this NHS number vanished between insert and read');
  return { person: existing, created: false };
}

/** Records that a team knows the person (idempotent). */
export async function linkPerson(db: DbOrTx, link: PersonLink): Promise<void> {
  await db.insert(personLinks).values(link).onConflictDoNothing();
}

/** The details a team accepted from a referral; bumps the record's version. */
export type PersonDetailsUpdate = Partial<
  Pick<
    PersonInsert,
    | 'postcode'
    | 'phone'
    | 'email'
    | 'preferredContact'
    | 'language'
    | 'interpreterNeeded'
    | 'accessibilityNeeds'
    | 'practiceId'
    | 'sex'
    | 'genderIdentity'
    | 'genderIdentityDescription'
    | 'ethnicity'
  >
>;

export async function updatePersonDetails(
  db: DbOrTx,
  id: string,
  values: PersonDetailsUpdate,
): Promise<PersonRow | null> {
  const [row] = await db
    .update(people)
    .set({ ...values, version: sql`${people.version} + 1`, updatedAt: new Date() })
    .where(eq(people.id, id))
    .returning();
  return row ?? null;
}

/** The person's equality answers as they are now (the caller's transaction holds the row). */
export type EqualityColumns = Pick<PersonRow, 'sex' | 'genderIdentity' | 'genderIdentityDescription' | 'ethnicity'>;

/**
 * Replaces the equality answers only from the version the caller read: two edits based on the
 * same version cannot both win. Null when the record moved on (or does not exist).
 */
export async function updateEqualityAnswers(
  db: DbOrTx,
  id: string,
  version: number,
  values: EqualityColumns,
): Promise<PersonRow | null> {
  const [row] = await db
    .update(people)
    .set({ ...values, version: sql`${people.version} + 1`, updatedAt: new Date() })
    .where(and(eq(people.id, id), eq(people.version, version)))
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

// Asked at every referral's intake and by the matching page: prepared (platform/db/prepared.ts),
// one statement with the postcode (same postcode first) and one without.
const likelyMatches = (withPostcode: boolean) =>
  preparedPerScope(`people_likely_matches${withPostcode ? '_postcode' : ''}`, (db, scope) => {
    const samePostcode = withPostcode ? eq(people.postcode, sql.placeholder('postcode')) : undefined;
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
            eq(people.icbId, sql.placeholder('icbId')),
            sql`lower(${people.familyName}) = lower(${sql.placeholder('familyName')})`,
            eq(people.dateOfBirth, sql.placeholder('dateOfBirth')),
            or(sql`left(lower(${people.givenName}), 1) = ${sql.placeholder('initial')}`, samePostcode),
            personVisibleTo(scope),
          ),
        )
        // The same postcode first: the likeliest match.
        .orderBy(...(samePostcode ? [sql`coalesce(${samePostcode}, false) DESC`, ...byName] : byName))
        .limit(sql.placeholder('limit'))
    );
  });
const likelyMatchesByPostcode = likelyMatches(true);
const likelyMatchesByName = likelyMatches(false);

/**
 * People the scope's team knows who may be the one described: the same family name (any case)
 * and date of birth, and either the same first initial or the same postcode. Uses
 * people_match_idx. People only other teams know are never offered.
 */
export async function findLikelyMatches(
  db: DbOrTx,
  scope: Scope,
  q: MatchQuery,
  limit = 10,
): Promise<PersonMatchRow[]> {
  const values = {
    icbId: q.icbId,
    familyName: q.familyName.trim(),
    dateOfBirth: q.dateOfBirth,
    initial: q.givenName.trim().charAt(0).toLowerCase(),
    limit,
  };
  return q.postcode
    ? likelyMatchesByPostcode(db, scope, { ...values, postcode: q.postcode })
    : likelyMatchesByName(db, scope, values);
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

/** The person with this NHS number, if the scope's team knows them (else null, as for no such number). */
export async function findPersonByNhsNumberVisibleTo(
  db: DbOrTx,
  scope: Scope,
  nhsNumber: string,
): Promise<PersonRow | null> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.nhsNumber, nhsNumber), eq(people.icbId, scope.icbId), personVisibleTo(scope)));
  return row ?? null;
}
