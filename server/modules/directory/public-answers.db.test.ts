import { sql } from 'drizzle-orm';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestListing } from './listings/test-listings.js';
import { ctx, publicGet, setUpSearchTests, tenancy } from './search/test-directory-search.js';

// Public directory answers kept in process (public-answers.ts, migration 0036): served again
// while nothing the public sees has changed, never after a change commits.

beforeAll(setUpSearchTests);

const version = async () =>
  Number((await ctx.db.execute<{ v: string }>(sql`SELECT version::text AS v FROM directory_version`)).rows[0]?.v);
const namesFound = async (text: string) =>
  (
    (await publicGet(`/api/public/directory/services?text=${text}`)).json() as { results: { name: string }[] }
  ).results.map((r) => r.name);

/** A change made behind the triggers' back (replica mode fires no triggers): the version stays. */
async function renameQuietly(id: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: ctx.database.url });
  await client.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    await client.query('UPDATE directory_services SET name = $2 WHERE id = $1', [id, name]);
  } finally {
    await client.end();
  }
}

describe('public directory answers kept in process', () => {
  it('serves the kept answer while the version stands, and a fresh one once a change commits', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Larkspur Knitting Circle' });
    expect(await namesFound('larkspur')).toEqual(['Larkspur Knitting Circle']);

    // Changed without moving the version: the kept answer is still served (so it is kept).
    await renameQuietly(listing.id, 'Larkspur Knitting Club');
    expect(await namesFound('larkspur')).toEqual(['Larkspur Knitting Circle']);
    const listingPage = await publicGet(`/api/public/directory/services/${listing.id}`);
    expect(listingPage.json().name).toBe('Larkspur Knitting Club');
    await renameQuietly(listing.id, 'Larkspur Knitting Society');
    expect((await publicGet(`/api/public/directory/services/${listing.id}`)).json().name).toBe(
      'Larkspur Knitting Club',
    );
    expect((await publicGet(`/oruk/services/${listing.id}`)).json().name).toBe('Larkspur Knitting Society');

    // Any committed change to the directory moves the version: every kept answer is made afresh.
    const before = await version();
    await createTestListing(ctx.db, tenancy.icbId, { name: 'Unrelated Choir' });
    expect(await version()).toBeGreaterThan(before);
    expect(await namesFound('larkspur')).toEqual(['Larkspur Knitting Society']);
    expect((await publicGet(`/api/public/directory/services/${listing.id}`)).json().name).toBe(
      'Larkspur Knitting Society',
    );
  });

  it('moves the version once per committed transaction, whatever it changed, and not for one rolled back', async () => {
    const listing = await createTestListing(ctx.db, tenancy.icbId, { name: 'Foxglove Walking Group' });
    const start = await version();
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE directory_services SET name = 'Foxglove Walkers' WHERE id = ${listing.id}`);
      await tx.execute(sql`UPDATE directory_services SET description = 'Every Tuesday.' WHERE id = ${listing.id}`);
      await tx.execute(sql`INSERT INTO postcodes (postcode, latitude, longitude) VALUES ('NE9 9ZZ', 54.9, -1.6)`);
    });
    expect(await version()).toBe(start + 1);
    await expect(
      ctx.db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE directory_services SET name = 'Never Saved' WHERE id = ${listing.id}`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await version()).toBe(start + 1);
  });
});
