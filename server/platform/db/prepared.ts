import type { Db } from './client.js';

/**
 * A query built once per database handle and prepared by name, for the few statements that run
 * on every request (the access hook's session lookup). Drizzle then neither rebuilds its SQL nor
 * PostgreSQL re-plans it: node-postgres prepares a named statement once per pooled connection.
 * `build` must call `.prepare(name)` with a name no other statement uses.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const kept = new WeakMap<Db, T>();
  return (db) => {
    let prepared = kept.get(db);
    if (prepared === undefined) {
      prepared = build(db);
      kept.set(db, prepared);
    }
    return prepared;
  };
}
