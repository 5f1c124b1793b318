import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { OrganisationKind } from '../../../common/api-types.js';
import { type Scope, scopeWhere } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { uuidArray } from '../../platform/db/uuid-array.js';
import { icbs, organisationHistory, pcns, practices, vcsOrganisations } from './organisations.tables.js';

export type IcbRow = typeof icbs.$inferSelect;
export type PcnRow = typeof pcns.$inferSelect;
export type PracticeRow = typeof practices.$inferSelect;
export type VcsRow = typeof vcsOrganisations.$inferSelect;

export async function findIcbsInScope(db: DbOrTx, scope: Scope): Promise<IcbRow[]> {
  return db.select().from(icbs).where(eq(icbs.id, scope.icbId)).orderBy(asc(icbs.name));
}

export async function findPcnsInScope(db: DbOrTx, scope: Scope): Promise<PcnRow[]> {
  // A VCS partner sees the PCNs of its ICB's network (the teams that refer to it).
  const where =
    scope.kind === 'practice' || scope.kind === 'pcn' ? eq(pcns.id, scope.pcnId) : eq(pcns.icbId, scope.icbId);
  return db.select().from(pcns).where(where).orderBy(asc(pcns.name));
}

export async function findPracticesInScope(db: DbOrTx, scope: Scope, pcnIds: string[]): Promise<PracticeRow[]> {
  // VCS partners work with the PCN teams, not with practices.
  if (pcnIds.length === 0 || scope.kind === 'vcs') return [];
  const where = scope.kind === 'practice' ? eq(practices.id, scope.practiceId) : inArray(practices.pcnId, pcnIds);
  return db.select().from(practices).where(where).orderBy(asc(practices.name));
}

export async function findVcsInScope(db: DbOrTx, scope: Scope): Promise<VcsRow[]> {
  const where =
    scope.kind === 'vcs' ? eq(vcsOrganisations.id, scope.vcsOrganisationId) : eq(vcsOrganisations.icbId, scope.icbId);
  return db.select().from(vcsOrganisations).where(where).orderBy(asc(vcsOrganisations.name));
}

/** One practice, only if the scope can see it. */
export async function findPracticeInScope(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db
    .select({ practice: practices, pcn: pcns })
    .from(practices)
    .innerJoin(pcns, eq(pcns.id, practices.pcnId))
    .where(
      and(
        eq(practices.id, id),
        scopeWhere(scope, { icbId: pcns.icbId, pcnId: practices.pcnId, practiceId: practices.id }),
      ),
    );
  return row ?? null;
}

export async function findIcbById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(icbs).where(eq(icbs.id, id));
  return row ?? null;
}
export async function findPcnById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(pcns).where(eq(pcns.id, id));
  return row ?? null;
}
export async function findPracticeById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(practices).where(eq(practices.id, id));
  return row ?? null;
}
export async function findPracticeByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(practices).where(eq(practices.code, code));
  return row ?? null;
}

export async function findVcsById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(vcsOrganisations).where(eq(vcsOrganisations.id, id));
  return row ?? null;
}

export async function insertIcb(db: DbOrTx, values: typeof icbs.$inferInsert) {
  const [row] = await db.insert(icbs).values(values).returning();
  return row as IcbRow;
}
export async function insertPcn(db: DbOrTx, values: typeof pcns.$inferInsert) {
  const [row] = await db.insert(pcns).values(values).returning();
  return row as PcnRow;
}
export async function insertPractice(db: DbOrTx, values: typeof practices.$inferInsert) {
  const [row] = await db.insert(practices).values(values).returning();
  return row as PracticeRow;
}
export async function insertVcs(db: DbOrTx, values: typeof vcsOrganisations.$inferInsert) {
  const [row] = await db.insert(vcsOrganisations).values(values).returning();
  return row as VcsRow;
}

/** Names and codes for a set of organisation ids of any kind (for display), in one round trip. */
export async function findRefsByIds(
  db: DbOrTx,
  ids: string[],
): Promise<{ kind: OrganisationKind; id: string; code: string | null; name: string }[]> {
  if (ids.length === 0) return [];
  const wanted = sql`ANY(${uuidArray(ids)})`;
  const { rows } = await db.execute<{ kind: OrganisationKind; id: string; code: string | null; name: string }>(sql`
    SELECT 'icb' AS kind, id, code, name FROM icbs WHERE id = ${wanted}
    UNION ALL SELECT 'pcn', id, code, name FROM pcns WHERE id = ${wanted}
    UNION ALL SELECT 'practice', id, code, name FROM practices WHERE id = ${wanted}
    UNION ALL SELECT 'vcs', id, NULL, name FROM vcs_organisations WHERE id = ${wanted}`);
  return rows;
}

export type HistoryRow = typeof organisationHistory.$inferSelect;

export async function insertHistory(db: DbOrTx, values: typeof organisationHistory.$inferInsert): Promise<void> {
  await db.insert(organisationHistory).values(values);
}

export async function findHistory(db: DbOrTx, organisationId: string): Promise<HistoryRow[]> {
  return db
    .select()
    .from(organisationHistory)
    .where(eq(organisationHistory.organisationId, organisationId))
    .orderBy(desc(organisationHistory.at));
}

export async function updatePcn(db: DbOrTx, id: string, values: Partial<typeof pcns.$inferInsert>) {
  const [row] = await db.update(pcns).set(values).where(eq(pcns.id, id)).returning();
  return row as PcnRow;
}
export async function updatePractice(db: DbOrTx, id: string, values: Partial<typeof practices.$inferInsert>) {
  const [row] = await db.update(practices).set(values).where(eq(practices.id, id)).returning();
  return row as PracticeRow;
}
export async function updateVcs(db: DbOrTx, id: string, values: Partial<typeof vcsOrganisations.$inferInsert>) {
  const [row] = await db.update(vcsOrganisations).set(values).where(eq(vcsOrganisations.id, id)).returning();
  return row as VcsRow;
}

/** Practices of a PCN still in use (not retired). */
export async function countActivePracticesOfPcn(db: DbOrTx, pcnId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(practices)
    .where(and(eq(practices.pcnId, pcnId), isNull(practices.retiredAt)));
  return row?.n ?? 0;
}

/** A practice as residents pick it (issue 14): in use, with its PCN (also in use). */
export interface PublicPracticeRow {
  id: string;
  name: string;
  postcode: string | null;
  pcnId: string;
  pcnName: string;
  icbId: string;
}

const publicPracticeColumns = {
  id: practices.id,
  name: practices.name,
  postcode: practices.postcode,
  pcnId: pcns.id,
  pcnName: pcns.name,
  icbId: pcns.icbId,
};

/** Practices in use whose name holds `words`, or whose postcode starts with `district`, by name. */
export async function findPublicPractices(
  db: DbOrTx,
  query: { words: string } | { district: string },
  limit: number,
): Promise<PublicPracticeRow[]> {
  const match =
    'words' in query
      ? ilike(practices.name, `%${query.words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      : or(eq(practices.postcode, query.district), ilike(practices.postcode, `${query.district} %`));
  return db
    .select(publicPracticeColumns)
    .from(practices)
    .innerJoin(pcns, eq(pcns.id, practices.pcnId))
    .where(and(isNull(practices.retiredAt), isNull(pcns.retiredAt), match))
    .orderBy(asc(practices.name))
    .limit(limit);
}

/** Every practice in use with a postcode: the candidates for "the nearest surgery". */
export async function findPublicPracticesWithPostcode(db: DbOrTx): Promise<PublicPracticeRow[]> {
  return db
    .select(publicPracticeColumns)
    .from(practices)
    .innerJoin(pcns, eq(pcns.id, practices.pcnId))
    .where(and(isNull(practices.retiredAt), isNull(pcns.retiredAt), isNotNull(practices.postcode)));
}

export async function findPublicPractice(db: DbOrTx, id: string): Promise<PublicPracticeRow | null> {
  const [row] = await db
    .select(publicPracticeColumns)
    .from(practices)
    .innerJoin(pcns, eq(pcns.id, practices.pcnId))
    .where(and(eq(practices.id, id), isNull(practices.retiredAt), isNull(pcns.retiredAt)));
  return row ?? null;
}

/** A PCN's name and how residents reach its team. */
export async function findPcnContact(
  db: DbOrTx,
  id: string,
): Promise<{ name: string; phone: string | null; email: string | null } | null> {
  const [row] = await db
    .select({ name: pcns.name, phone: pcns.publicPhone, email: pcns.publicEmail })
    .from(pcns)
    .where(eq(pcns.id, id));
  return row ?? null;
}
