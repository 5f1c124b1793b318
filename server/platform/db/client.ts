import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

// One pool per process. Sessions, jobs and realtime live in PostgreSQL, so app servers stay
// stateless and any number of them can share one database.
// `$client` is the pool, for what needs one session of its own (a setting, then a statement).
export type Db = NodePgDatabase<Record<string, never>> & { $client: pg.Pool };
/** A transaction handle; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connectDatabase(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (database restarted) must not crash the process;
  // the pool discards it and the next query opens a fresh one.
  pool.on('error', () => {});
  // So must a client that is checked out, e.g. inside a transaction awaiting the app's next query,
  // when the server ends the connection (the database killed: "terminating connection due to
  // unexpected postmaster exit"). The pool's own listener is off while a client is out, and an
  // 'error' nobody hears is an uncaught exception. The query in hand fails (503), and the pool
  // drops the broken client when it comes back. (Found by server/faults, test (a).)
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = drizzle(pool);
  return {
    db,
    pool,
    close: () => pool.end(),
  };
}
