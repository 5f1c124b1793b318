import pg from 'pg';

// Database tests run with this setup file: a query sent on a PostgreSQL client that already has
// one running and another waiting throws, where pg 8 queues it with a deprecation warning that
// prints once per process and names no caller. pg 9 refuses such a query, and the usual cause is
// a Promise.all over one transaction (each query of a transaction runs on its one client), so
// every path the tests take is held to awaiting a transaction's queries one at a time.
// Pool queries are unaffected: each takes a client of its own.

interface ClientState {
  _activeQuery?: unknown;
  _queryQueue?: unknown[];
}

const probe = new pg.Client() as unknown as ClientState;
if (!('_activeQuery' in probe) || !Array.isArray(probe._queryQueue)) {
  throw new Error('one-query-at-a-time.ts: pg.Client no longer has _activeQuery and _queryQueue; update this check');
}

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client & ClientState, ...args: unknown[]) {
  // pg's own test for its deprecation warning: a query already waiting behind the running one.
  // (A running query alone is not enough: pg-pool hands a client back when a query fails, before
  // PostgreSQL's ReadyForQuery ends it, and the pool's next query then waits behind it.)
  if ((this._queryQueue?.length ?? 0) > 0) {
    throw new Error(
      'A query was sent on a PostgreSQL client that is still running another (a Promise.all over one ' +
        'transaction?): pg 9 refuses this. Await the queries one at a time.',
    );
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;
