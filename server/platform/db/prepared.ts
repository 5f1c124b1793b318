import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Scope } from '../access/scope.js';
import type { DbOrTx } from './client.js';

/** What drizzle's query builders offer: `.prepare(name)`, then `.execute(values)`. */
interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

const SCOPE_PLACEHOLDERS = {
  icbId: 'scope_icb_id',
  pcnId: 'scope_pcn_id',
  practiceId: 'scope_practice_id',
  vcsOrganisationId: 'scope_vcs_organisation_id',
} as const;

// A placeholder stands where the scope's id goes. Typed as the id (a string) so that the scope
// helpers every repository already uses (scopeWhere, personVisibleTo, …) build the same SQL with
// a parameter in its place; such a scope only ever reaches a builder, never a comparison in code.
const placeholder = (key: keyof typeof SCOPE_PLACEHOLDERS) =>
  sql.placeholder(SCOPE_PLACEHOLDERS[key]) as unknown as string;

const SCOPE_KINDS: readonly Scope['kind'][] = ['icb', 'pcn', 'practice', 'vcs'];

function placeholderScope(kind: Scope['kind']): Scope {
  switch (kind) {
    case 'icb':
      return { kind, icbId: placeholder('icbId') };
    case 'pcn':
      return { kind, icbId: placeholder('icbId'), pcnId: placeholder('pcnId') };
    case 'practice':
      return { kind, icbId: placeholder('icbId'), pcnId: placeholder('pcnId'), practiceId: placeholder('practiceId') };
    case 'vcs':
      return { kind, icbId: placeholder('icbId'), vcsOrganisationId: placeholder('vcsOrganisationId') };
  }
}

function scopeValues(scope: Scope): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, name] of Object.entries(SCOPE_PLACEHOLDERS)) {
    const value = (scope as Record<string, unknown>)[key];
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

type Prepared<R> = ReturnType<Preparable<R>['prepare']>;

// node-postgres refuses a second statement under a name a connection has prepared with other text
// ("Prepared statements must be unique"), on whichever request happens to meet both. A name is
// therefore claimed when its read is defined, at start-up, and a second claim fails there.
const claimedNames = new Set<string>();
function claim(...names: string[]): void {
  for (const name of names) {
    if (claimedNames.has(name)) throw new Error(`prepared statement name "${name}" is already taken`);
  }
  for (const name of names) claimedNames.add(name);
}

/** One prepared query per database handle and key, built on first use. */
function keptPerHandle<R>(): (db: DbOrTx, key: string, build: () => Prepared<R>) => Prepared<R> {
  const kept = new WeakMap<DbOrTx, Map<string, Prepared<R>>>();
  return (db, key, build) => {
    let byKey = kept.get(db);
    if (byKey === undefined) {
      byKey = new Map();
      kept.set(db, byKey);
    }
    let prepared = byKey.get(key);
    if (prepared === undefined) {
      prepared = build();
      byKey.set(key, prepared);
    }
    return prepared;
  };
}

/**
 * A read that runs on most requests (the access hook's session and user, the case record, the
 * care plan), built once per database handle and prepared by name: drizzle builds a query's SQL
 * text on every call otherwise, which cost about a quarter of the app's CPU under load
 * (bench/RESULTS.md). `build` takes its values
 * as `sql.placeholder(name)` (lists of ids through `anyOfIdsPlaceholder`). Inside a transaction
 * the query is built for that transaction's handle (kept for its life), so it runs on the
 * transaction's connection.
 */
export function preparedRead<R>(
  name: string,
  build: (db: DbOrTx) => Preparable<R>,
): (db: DbOrTx, values?: Record<string, unknown>) => Promise<R> {
  claim(name);
  const kept = keptPerHandle<R>();
  return (db, values = {}) => kept(db, '', () => build(db).prepare(name)).execute(values);
}

/**
 * preparedRead for a scoped read: built once per scope kind, with a scope whose ids are
 * placeholders given to `build`; each run passes the scope's own ids.
 */
export function preparedPerScope<R>(
  name: string,
  build: (db: DbOrTx, scope: Scope) => Preparable<R>,
): (db: DbOrTx, scope: Scope, values?: Record<string, unknown>) => Promise<R> {
  claim(...SCOPE_KINDS.map((kind) => `${name}_${kind}`));
  const kept = keptPerHandle<R>();
  return (db, scope, values = {}) =>
    kept(db, scope.kind, () => build(db, placeholderScope(scope.kind)).prepare(`${name}_${scope.kind}`)).execute({
      ...values,
      ...scopeValues(scope),
    });
}

/** `column = ANY($n::uuid[])` with the list as the placeholder `name` (pass a string[]). */
export const anyOfIdsPlaceholder = (column: AnyPgColumn, name: string): SQL =>
  sql`${column} = ANY(${sql.placeholder(name)}::uuid[])`;

/**
 * preparedPerScope for a read of the rows of a list of ids, as two statements: one for a single
 * id (`column = $ids`) and one for a list (`column = ANY($ids::uuid[])`). `build` places its ids
 * with `matchIds(column)`. PostgreSQL prices a list parameter's generic plan at ten ids, so run
 * with one id (the case record's person and its outcome measures) that plan looks several times
 * dearer than one made for the id given, and PostgreSQL plans the statement afresh on every run:
 * 0.15–0.34 ms of planning each, more than the read itself (pg_stat_statements with
 * track_planning under the load bench). With one id as `=`, the generic plan is as cheap as any
 * and is kept.
 */
export function preparedPerScopeOfIds<R>(
  name: string,
  build: (db: DbOrTx, scope: Scope, matchIds: (column: AnyPgColumn) => SQL) => Preparable<R>,
): (db: DbOrTx, scope: Scope, ids: readonly string[], values?: Record<string, unknown>) => Promise<R> {
  const one = preparedPerScope(`${name}_one`, (db, scope) =>
    build(db, scope, (column) => sql`${column} = ${sql.placeholder('ids')}`),
  );
  const list = preparedPerScope(`${name}_list`, (db, scope) =>
    build(db, scope, (column) => anyOfIdsPlaceholder(column, 'ids')),
  );
  return (db, scope, ids, values = {}) =>
    ids.length === 1 ? one(db, scope, { ...values, ids: ids[0] }) : list(db, scope, { ...values, ids });
}
