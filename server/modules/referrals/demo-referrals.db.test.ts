import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nhsNumberProblem } from '../../../common/nhs-number.js';
import { seedDemoData } from '../../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { listReferralReasons } from '../codes/codes.service.js';
import { pcns, practices } from '../organisations/organisations.tables.js';
import { people } from '../people/people.tables.js';
import { ZReferralCreate } from './referrals.schemas.js';
import { referralEvents, referrals } from './referrals.tables.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  expect(await seedDemoData(database.db, 'demo-password-for-tests')).toBe(true);
});
afterAll(async () => {
  await database.close();
});

describe('demo referrals', () => {
  // The demo also holds cases at every later stage (server/seed/cases, tested beside it): here,
  // the new referrals that make the triage queue.
  it('every demo PCN has new referrals waiting, each with its received event', async () => {
    const rows = await database.db.select().from(referrals).where(eq(referrals.status, 'received'));
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const pcnIds = (await database.db.select({ id: pcns.id }).from(pcns)).map((p) => p.id);
    for (const id of pcnIds) expect(rows.some((r) => r.pcnId === id)).toBe(true);
    for (const r of rows) {
      const events = await database.db.select().from(referralEvents).where(eq(referralEvents.referralId, r.id));
      expect(events).toEqual([expect.objectContaining({ type: 'received', toStatus: 'received' })]);
    }
  });

  it('uses only test-range NHS numbers valid by Modulus 11, and reasons in use', async () => {
    const numbers = (await database.db.select({ n: people.nhsNumber }).from(people)).flatMap((p) => (p.n ? [p.n] : []));
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) {
      expect(n).toMatch(/^999/);
      expect(nhsNumberProblem(n)).toBeNull();
    }
    const active = new Set((await listReferralReasons(database.db)).map((r) => r.code));
    for (const r of await database.db.select().from(referrals)) {
      for (const code of r.reasons) expect(active).toContain(code);
    }
  });

  it('each person would pass the intake form’s rules (postcode, phone, contact method)', async () => {
    for (const p of await database.db.select().from(people)) {
      const parsed = ZReferralCreate.shape.person.safeParse({
        nhsNumber: p.nhsNumber ?? undefined,
        noNhsNumber: p.nhsNumber ? undefined : true,
        givenName: p.givenName,
        familyName: p.familyName,
        dateOfBirth: p.dateOfBirth,
        postcode: p.postcode,
        phone: p.phone ?? undefined,
        email: p.email ?? undefined,
        preferredContact: p.preferredContact,
      });
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
  });

  it('every demo practice has a shared mailbox for decisions', async () => {
    const rows = await database.db.select({ code: practices.code, email: practices.email }).from(practices);
    for (const r of rows) expect(r.email).toBe(`${r.code.toLowerCase()}.practice@northshire.example`);
  });
});
