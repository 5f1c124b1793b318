import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestTenancy } from '../../../test/toolkit.js';
import { practices } from '../../organisations/organisations.tables.js';
import { forgetReference, practicesOf } from './reference.js';
import { quarter, sectionTestDatabase } from './test-sections.js';

const database = await sectionTestDatabase();
const db = database.db;

describe('reference reads kept for the sections', () => {
  it('keeps a read for a few seconds, shares it, and reads again once forgotten', async () => {
    const home = await createTestTenancy(db);
    const f = quarter(home.icbId, [home.pcnId]);
    await db.update(practices).set({ listSize: 5000 }).where(eq(practices.id, home.practiceId));
    const first = await practicesOf(db, f);
    expect(first.map((p) => [p.id, p.listSize])).toEqual([[home.practiceId, 5000]]);

    // A new list size is not seen while the read is kept: the same answer, not a new read.
    await db.update(practices).set({ listSize: 6200 }).where(eq(practices.id, home.practiceId));
    expect(await practicesOf(db, f)).toBe(first);
    // Another filter is another read.
    expect(await practicesOf(db, { ...f, practiceId: home.practiceId })).toEqual([
      expect.objectContaining({ id: home.practiceId, listSize: 6200 }),
    ]);

    forgetReference();
    expect((await practicesOf(db, f)).map((p) => p.listSize)).toEqual([6200]);
  });
});
