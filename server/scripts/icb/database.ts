import type pg from 'pg';

// The target database's state before generating: empty of referrals, or emptied on request.
// The audit trail is append-only (its triggers refuse TRUNCATE) and has no foreign keys, so it is
// left as it is; everything hanging off the ICBs goes with them.

export class DatabaseNotEmptyError extends Error {}

/** Tables the generator fills that no foreign key chains to an ICB. */
const UNCHAINED = ['postcodes', 'imd_deciles', 'directory_search_words'];

export async function prepareDatabase(pool: pg.Pool, opts: { replace: boolean }): Promise<void> {
  const { rows } = await pool.query<{ referrals: string; icbs: string }>(
    'SELECT (SELECT count(*) FROM referrals) AS referrals, (SELECT count(*) FROM icbs) AS icbs',
  );
  const existing = rows[0] ?? { referrals: '0', icbs: '0' };
  if (Number(existing.referrals) > 0 && !opts.replace) {
    throw new DatabaseNotEmptyError(
      `The database already has ${existing.referrals} referrals. Use --replace to empty it first, or point DATA_DIR / DATABASE_URL at another database.`,
    );
  }
  if (opts.replace) {
    await pool.query(`TRUNCATE icbs, ${UNCHAINED.join(', ')} CASCADE`);
  }
}
