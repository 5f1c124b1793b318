import { and, asc, count, desc, eq, ilike, isNotNull, or, sql } from 'drizzle-orm';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { anyOfIdsPlaceholder, preparedRead } from '../../platform/db/prepared.js';
import { users } from './users.tables.js';

export type UserRow = typeof users.$inferSelect;
export type UserInsert = typeof users.$inferInsert;

const userScope = (scope: Scope) =>
  scopeWhere(scope, {
    icbId: users.icbId,
    pcnId: users.pcnId,
    practiceId: users.practiceId,
    vcsOrganisationId: users.vcsOrganisationId,
  });

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserInScope(db: DbOrTx, scope: Scope, id: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), userScope(scope)));
  return row ?? null;
}

/** The active referrers of a GP practice (its staff who refer and follow the practice's referrals). */
export async function findActiveReferrersOfPractice(db: DbOrTx, practiceId: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.practiceId, practiceId), eq(users.role, 'referrer'), eq(users.active, true)))
    .orderBy(asc(users.id));
}

/** The active partner users of a VCS organisation (who answer its onward referrals). */
export async function findActivePartnersOf(db: DbOrTx, vcsOrganisationId: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.vcsOrganisationId, vcsOrganisationId), eq(users.role, 'vcs_partner'), eq(users.active, true)))
    .orderBy(asc(users.id));
}

export async function findTeamOfPcn(db: DbOrTx, pcnId: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(
      and(
        eq(users.pcnId, pcnId),
        sql`${users.role} IN ('team_lead', 'link_worker', 'health_coach', 'care_coordinator')`,
      ),
    )
    .orderBy(asc(users.role), asc(users.name));
}

export async function insertUser(db: DbOrTx, values: UserInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row as UserRow;
}

/** Optimistic concurrency: only the holder of the current version may write. */
export async function updateUserVersioned(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<UserInsert>,
): Promise<UserRow | null> {
  const [row] = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row ?? null;
}

/** Security bookkeeping (failed sign-ins, second factor) does not bump the version. */
export async function updateUserSecurity(
  db: DbOrTx,
  id: string,
  values: Pick<
    Partial<UserInsert>,
    | 'failedSignIns'
    | 'lockedUntil'
    | 'totpSecret'
    | 'totpEnabled'
    | 'totpLastStep'
    | 'passwordHash'
    | 'sessionsValidAfter'
  >,
): Promise<void> {
  await db.update(users).set(values).where(eq(users.id, id));
}

/** Counts a failed sign-in atomically; returns the new count. */
export async function incrementFailedSignIns(db: DbOrTx, id: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
    .where(eq(users.id, id))
    .returning({ n: users.failedSignIns });
  return row?.n ?? 0;
}

/** Accepts a TOTP step only if it is newer than the last one used (no replay). */
export async function claimTotpStep(db: DbOrTx, id: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, id), sql`(${users.totpLastStep} IS NULL OR ${users.totpLastStep} < ${step})`))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Users of the ICB whose name or email contains the text (case-insensitive). */
export async function findUserIdsMatching(db: DbOrTx, icbId: string, text: string): Promise<string[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.icbId, icbId), or(ilike(users.name, pattern), ilike(users.email, pattern))))
    .limit(200);
  return rows.map((r) => r.id);
}

/** The ids of an ICB's users as a sub-query, not run here: for "done by someone of this ICB" filters. */
export function userIdsOfIcbQuery(db: DbOrTx, icbId: string) {
  return db.select({ id: users.id }).from(users).where(eq(users.icbId, icbId));
}

export type StaffRef = Pick<UserRow, 'id' | 'name' | 'email' | 'role'>;

// Read on every case record viewed (the workers it names): prepared (platform/db/prepared.ts).
const staffByIds = preparedRead('users_staff_by_ids', (db) =>
  db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(anyOfIdsPlaceholder(users.id, 'ids')),
);

/** Who these staff are (not their password hash or second factor, which no caller needs). */
export async function findStaffByIds(db: DbOrTx, ids: string[]): Promise<StaffRef[]> {
  if (ids.length === 0) return [];
  return staffByIds(db, { ids });
}

export interface UserPageQuery {
  q?: string;
  role?: string;
  organisationId?: string;
  status: 'active' | 'deactivated' | 'all';
  sort: 'name' | 'email' | 'role' | 'organisation';
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The user's own organisation: their practice, VCS organisation, PCN, or else their ICB. */
const organisationOf = sql`coalesce(${users.practiceId}, ${users.vcsOrganisationId}, ${users.pcnId}, ${users.icbId})`;
const organisationName = sql`coalesce(
  (SELECT name FROM practices WHERE id = ${users.practiceId}),
  (SELECT name FROM vcs_organisations WHERE id = ${users.vcsOrganisationId}),
  (SELECT name FROM pcns WHERE id = ${users.pcnId}),
  (SELECT name FROM icbs WHERE id = ${users.icbId}))`;

/** One page of the users in scope that match, and how many match in all. */
export async function findUsersPage(
  db: DbOrTx,
  scope: Scope,
  query: UserPageQuery,
): Promise<{ rows: UserRow[]; total: number }> {
  const text = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    userScope(scope),
    text ? or(ilike(users.name, text), ilike(users.email, text)) : undefined,
    query.role ? eq(users.role, query.role) : undefined,
    query.organisationId ? sql`${organisationOf} = ${query.organisationId}` : undefined,
    query.status === 'all' ? undefined : eq(users.active, query.status === 'active'),
  );
  const key = { name: users.name, email: users.email, role: users.role, organisation: organisationName }[query.sort];
  const order = query.dir === 'desc' ? desc(key) : asc(key);
  const [rows, [counted]] = [
    await db
      .select()
      .from(users)
      .where(where)
      .orderBy(order, asc(users.name), asc(users.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    await db.select({ n: count() }).from(users).where(where),
  ];
  return { rows, total: counted?.n ?? 0 };
}

/** Active users placed in an organisation (a PCN counts its practices' users too). */
export async function countActiveUsersOf(
  db: DbOrTx,
  org: { pcnId?: string; practiceId?: string; vcsOrganisationId?: string },
): Promise<number> {
  const where = org.practiceId
    ? eq(users.practiceId, org.practiceId)
    : org.vcsOrganisationId
      ? eq(users.vcsOrganisationId, org.vcsOrganisationId)
      : eq(users.pcnId, org.pcnId as string);
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(where, eq(users.active, true)));
  return row?.n ?? 0;
}

/** Every stored TOTP secret (sealed, or plain from before encryption), for the reseal sweep. */
export async function listTotpSecrets(db: DbOrTx): Promise<{ id: string; secret: string }[]> {
  const rows = await db
    .select({ id: users.id, secret: users.totpSecret })
    .from(users)
    .where(isNotNull(users.totpSecret));
  return rows.flatMap((r) => (r.secret ? [{ id: r.id, secret: r.secret }] : []));
}

/** Replaces a user's TOTP secret only if it is still `was`; false when it changed meanwhile. */
export async function replaceTotpSecret(db: DbOrTx, id: string, was: string, now: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpSecret: now })
    .where(and(eq(users.id, id), eq(users.totpSecret, was)))
    .returning({ id: users.id });
  return rows.length === 1;
}
