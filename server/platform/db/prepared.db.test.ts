import { randomUUID } from 'node:crypto';
import { and, asc, sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { type Scope, scopeWhere } from '../access/scope.js';
import { anyOfIdsPlaceholder, preparedPerScope, preparedPerScopeOfIds, preparedRead } from './prepared.js';

// Prepared reads: one statement per scope kind, run with each caller's own scope and values (never
// the first caller's), and on a transaction's own connection when given one.

const things = pgTable('prepared_test_things', {
  id: uuid('id').primaryKey(),
  icbId: uuid('icb_id').notNull(),
  pcnId: uuid('pcn_id').notNull(),
  practiceId: uuid('practice_id').notNull(),
  name: text('name').notNull(),
});

const icb = randomUUID();
const otherIcb = randomUUID();
const [pcnA, pcnB, practiceA1, practiceA2, practiceB] = [
  randomUUID(),
  randomUUID(),
  randomUUID(),
  randomUUID(),
  randomUUID(),
];
const rows = [
  { id: randomUUID(), icbId: icb, pcnId: pcnA, practiceId: practiceA1, name: 'a1' },
  { id: randomUUID(), icbId: icb, pcnId: pcnA, practiceId: practiceA2, name: 'a2' },
  { id: randomUUID(), icbId: icb, pcnId: pcnB, practiceId: practiceB, name: 'b' },
  { id: randomUUID(), icbId: otherIcb, pcnId: randomUUID(), practiceId: randomUUID(), name: 'elsewhere' },
];

const named = preparedPerScope('prepared_test_named', (db, scope) =>
  db
    .select({ name: things.name })
    .from(things)
    .where(
      and(
        sql`${things.name} LIKE ${sql.placeholder('prefix')}`,
        scopeWhere(scope, { icbId: things.icbId, pcnId: things.pcnId, practiceId: things.practiceId }),
      ),
    )
    .orderBy(asc(things.name)),
);

const byIds = preparedRead('prepared_test_by_ids', (db) =>
  db.select({ name: things.name }).from(things).where(anyOfIdsPlaceholder(things.id, 'ids')).orderBy(asc(things.name)),
);

const ofIds = preparedPerScopeOfIds('prepared_test_of_ids', (db, scope, matchIds) =>
  db
    .select({ name: things.name })
    .from(things)
    .where(and(matchIds(things.id), scopeWhere(scope, { icbId: things.icbId, pcnId: things.pcnId })))
    .orderBy(asc(things.name)),
);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(
    sql`CREATE TABLE prepared_test_things (id uuid PRIMARY KEY, icb_id uuid NOT NULL, pcn_id uuid NOT NULL, practice_id uuid NOT NULL, name text NOT NULL)`,
  );
  await database.db.insert(things).values(rows);
});
afterAll(async () => {
  await database?.close();
});

const names = (list: { name: string }[]) => list.map((r) => r.name);

describe('preparedPerScope', () => {
  it('answers each scope with its own rows, whichever scope prepared the statement first', async () => {
    const { db } = database;
    const scopes: [Scope, string[]][] = [
      [{ kind: 'pcn', icbId: icb, pcnId: pcnA }, ['a1', 'a2']],
      [{ kind: 'pcn', icbId: icb, pcnId: pcnB }, ['b']],
      [{ kind: 'practice', icbId: icb, pcnId: pcnA, practiceId: practiceA2 }, ['a2']],
      [{ kind: 'icb', icbId: icb }, ['a1', 'a2', 'b']],
      [{ kind: 'icb', icbId: otherIcb }, ['elsewhere']],
      // No column for an organisation: fails closed.
      [{ kind: 'vcs', icbId: icb, vcsOrganisationId: randomUUID() }, []],
    ];
    // Twice round, so every statement is reused on connections that have it prepared.
    for (let round = 0; round < 2; round++) {
      for (const [scope, expected] of scopes) {
        expect(names(await named(db, scope, { prefix: '%' }))).toEqual(expected);
      }
    }
    expect(names(await named(db, scopes[0]?.[0] as Scope, { prefix: 'a2' }))).toEqual(['a2']);
  });

  it("runs on a transaction's own connection: it sees the transaction's uncommitted row", async () => {
    const { db } = database;
    const scope: Scope = { kind: 'pcn', icbId: icb, pcnId: pcnB };
    let inside: string[] = [];
    const rolledBack = await db
      .transaction(async (tx) => {
        await tx
          .insert(things)
          .values({ id: randomUUID(), icbId: icb, pcnId: pcnB, practiceId: practiceB, name: 'b2' });
        inside = names(await named(tx, scope, { prefix: '%' }));
        tx.rollback();
      })
      .then(
        () => false,
        () => true,
      );
    expect(rolledBack).toBe(true);
    expect(inside).toEqual(['b', 'b2']);
    expect(names(await named(db, scope, { prefix: '%' }))).toEqual(['b']);
    const kept = await db.transaction(async (tx) => {
      await tx.insert(things).values({ id: randomUUID(), icbId: icb, pcnId: pcnB, practiceId: practiceB, name: 'b3' });
      return names(await named(tx, scope, { prefix: '%' }));
    });
    expect(kept).toEqual(['b', 'b3']);
  });
});

describe('preparedRead with a list of ids', () => {
  it('takes the list as one parameter, of any length', async () => {
    const { db } = database;
    const ids = rows.map((r) => r.id);
    expect(names(await byIds(db, { ids: [ids[2]] }))).toEqual(['b']);
    expect(names(await byIds(db, { ids }))).toEqual(['a1', 'a2', 'b', 'elsewhere']);
    expect(names(await byIds(db, { ids: [] }))).toEqual([]);
    expect(await byIds(db, { ids: ['not-a-uuid'] }).catch((e: Error) => e.cause ?? e)).toMatchObject({
      message: expect.stringMatching(/invalid input syntax for type uuid/),
    });
  });
});

describe('preparedPerScopeOfIds', () => {
  const pcnScope: Scope = { kind: 'pcn', icbId: icb, pcnId: pcnA };
  it('answers one id and a list alike, within the scope', async () => {
    const { db } = database;
    const ids = rows.map((r) => r.id);
    expect(names(await ofIds(db, pcnScope, [ids[1] as string]))).toEqual(['a2']);
    expect(names(await ofIds(db, pcnScope, [ids[2] as string]))).toEqual([]);
    expect(names(await ofIds(db, pcnScope, ids))).toEqual(['a1', 'a2']);
    expect(names(await ofIds(db, { kind: 'icb', icbId: icb }, ids))).toEqual(['a1', 'a2', 'b']);
    expect(names(await ofIds(db, pcnScope, []))).toEqual([]);
  });

  it('runs one id as its own statement, whose plan PostgreSQL keeps (planned once, not on every run)', async () => {
    const stats = await database.db.transaction(async (tx) => {
      // PostgreSQL makes five plans for the values given before it weighs its generic plan.
      for (let run = 0; run < 8; run++) await ofIds(tx, pcnScope, [rows[run % 2]?.id as string]);
      const result = await tx.execute<{ name: string; generic_plans: string; custom_plans: string }>(
        sql`SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'prepared_test_of_ids_one_pcn'`,
      );
      return result.rows.map((r) => ({ generic: Number(r.generic_plans), custom: Number(r.custom_plans) }));
    });
    // Another test may have run it on this connection before: at least these eight runs, and
    // never more than the five plans for values.
    expect(stats).toHaveLength(1);
    expect(stats[0]?.custom).toBeLessThanOrEqual(5);
    expect(stats[0]?.generic).toBeGreaterThanOrEqual(3);
    expect((stats[0]?.custom ?? 0) + (stats[0]?.generic ?? 0)).toBeGreaterThanOrEqual(8);
  });
});

describe('prepared statement names', () => {
  it('are claimed once: a second read under a name already taken fails when it is defined', () => {
    const build = (db: Parameters<Parameters<typeof preparedRead>[1]>[0]) =>
      db.select({ name: things.name }).from(things);
    expect(() => preparedRead('prepared_test_by_ids', build)).toThrow(
      'prepared statement name "prepared_test_by_ids" is already taken',
    );
    // A scoped read claims its name for every scope kind.
    expect(() => preparedRead('prepared_test_named_pcn', build)).toThrow(
      'prepared statement name "prepared_test_named_pcn" is already taken',
    );
    expect(() => preparedPerScope('prepared_test_named', build)).toThrow(/"prepared_test_named_icb" is already taken/);
    expect(() => preparedRead('prepared_test_fresh', build)).not.toThrow();
  });
});
