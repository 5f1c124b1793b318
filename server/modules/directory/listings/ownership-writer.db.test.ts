import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DbOrTx } from '../../../platform/db/client.js';
import { AppError } from '../../../platform/errors.js';
import { createTestUser, type Session, signIn } from '../../../test/toolkit.js';
import { directoryChangeRequests } from '../directory.tables.js';
import { createListing, toListingInput, updateListing } from './listings.service.js';
import { createTestListing, TEST_AUTHOR, testListingInput } from './test-listings.js';
import {
  admin1,
  admin2,
  ctx,
  icb1,
  icb2,
  REFUGE_NAME,
  REFUGE_POSTCODE,
  REFUGE_STREET,
  refuge,
  refugeLocationId,
  rowsOf,
  setUpOwnershipTests,
} from './test-ownership.js';

// The listings writer refuses another listing's child ids itself; another ICB reads nothing of them.
setUpOwnershipTests();

describe('the listings writer itself', () => {
  it('refuses, in any write, a child id of another listing, naming its path, and writes nothing', async () => {
    const mine = await createTestListing(ctx.db, icb2.icbId, { name: 'ICB 2 Knit Club' });
    const before = await rowsOf(refuge);
    // Each attempt in its own transaction, as every caller of the writer runs it.
    const errorsOf = async (work: (tx: DbOrTx) => Promise<unknown>) => {
      try {
        await ctx.db.transaction((tx) => work(tx));
      } catch (error) {
        if (error instanceof AppError) return error.details.errors?.map((e) => e.field);
        throw error;
      }
      return 'no error';
    };
    const input = toListingInput(mine);
    const location = refuge.locations[0];
    expect(
      await errorsOf((tx) =>
        updateListing(
          tx,
          mine.id,
          { ...input, phones: [{ ...refuge.phones[0], number: '0191 496 0000' }] },
          TEST_AUTHOR,
        ),
      ),
    ).toEqual(['phones.0.id']);
    expect(
      await errorsOf((tx) =>
        createListing(
          tx,
          icb2.icbId,
          testListingInput(mine.organization_id, {
            locations: [{ ...location, confidential: false } as NonNullable<typeof location>],
            schedules: [],
          }),
          TEST_AUTHOR,
        ),
      ),
    ).toEqual(['locations.0.id']);
    // The same id twice in one document is refused too (rather than failing in the database).
    const twice = { ...input.phones[0], number: '0191 496 0002' };
    expect(
      await errorsOf((tx) => updateListing(tx, mine.id, { ...input, phones: [twice, twice] }, TEST_AUTHOR)),
    ).toEqual(['phones.1.id']);
    expect(await rowsOf(refuge)).toEqual(before);
  });
});

describe('reading from another ICB', () => {
  it('ICB 2’s admin sees nothing of ICB 1’s refuge through any staff or admin route', async () => {
    const partnerIcb1 = await createTestUser(ctx.db, icb1, 'vcs_partner');
    await ctx.db.insert(directoryChangeRequests).values({
      serviceId: refuge.id,
      icbId: icb1.icbId,
      baseVersion: refuge.version,
      proposed: { ...toListingInput(refuge), name: 'Kestrel Refuge' } as unknown as Record<string, unknown>,
      submittedByUserId: partnerIcb1.id,
    });
    const [change] = await ctx.db
      .select()
      .from(directoryChangeRequests)
      .where(eq(directoryChangeRequests.serviceId, refuge.id));
    const coordinator2 = await signIn(ctx, await createTestUser(ctx.db, icb2, 'care_coordinator'));
    const get = (url: string, s: Session = admin2) =>
      ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

    const bodies: string[] = [];
    for (const s of [admin2, coordinator2]) {
      for (const url of [
        `/api/directory/services/${refuge.id}`,
        `/api/directory/review/services/${refuge.id}`,
        `/api/directory/changes/${change?.id}`,
      ]) {
        const res = await get(url, s);
        expect(res.statusCode, url).toBe(404);
        bodies.push(res.body);
      }
      for (const url of [
        '/api/directory/review-queue',
        '/api/directory/services?text=kestrel',
        `/api/directory/services?postcode=${encodeURIComponent(REFUGE_POSTCODE)}&include_closed=true&per_page=100`,
      ]) {
        const res = await get(url, s);
        expect(res.statusCode, url).toBe(200);
        bodies.push(res.body);
      }
    }
    for (const url of ['/api/directory/export/oruk', '/api/directory/duplicates']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      bodies.push(res.body);
    }
    for (const body of bodies) {
      for (const secret of [refuge.id, refugeLocationId(), REFUGE_STREET, REFUGE_POSTCODE, REFUGE_NAME]) {
        expect(body).not.toContain(secret);
      }
    }
    // ICB 1's own admin does see it (the routes above do answer with listings).
    const own = await get(`/api/directory/services/${refuge.id}`, admin1);
    expect(own.body).toContain(REFUGE_STREET);
  });
});
