import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setUpTestApp } from '../../test/team.js';
import { purgeResidentMessageDetails, queueResidentMessage } from './notifications.service.js';
import { residentMessages } from './resident-messages.tables.js';

// Resident messages hold a phone number or email address and the template's values: personal
// data kept only while it is needed to send and to hear back. A month after a message settled,
// the app's sweep blanks them; what was sent, when and what became of it stays for the timeline.

const { ctx, tenancy } = setUpTestApp();

async function message(status: string, settledDaysAgo: number) {
  const queued = await queueResidentMessage(ctx.db, {
    icbId: tenancy.icbId,
    referralId: null,
    personId: null,
    kind: 'self_referral_confirmation',
    channel: 'sms',
    recipient: '07700900321',
    personalisation: { reference: 'WM-0000-0001' },
  });
  const id = queued?.id as string;
  await ctx.db
    .update(residentMessages)
    .set({ status: status as 'queued', statusAt: sql`now() - make_interval(days => ${settledDaysAgo})` })
    .where(eq(residentMessages.id, id));
  return id;
}

const row = async (id: string) => (await ctx.db.select().from(residentMessages).where(eq(residentMessages.id, id)))[0];

describe('resident messages forget their recipient a month after they settle', () => {
  it('blanks settled messages older than 30 days, and leaves recent and unsent ones whole', async () => {
    const oldDelivered = await message('delivered', 31);
    const oldFailed = await message('permanent-failure', 45);
    const recent = await message('delivered', 2);
    const waiting = await message('queued', 60);
    expect(await purgeResidentMessageDetails(ctx.db)).toBeGreaterThanOrEqual(2);
    for (const id of [oldDelivered, oldFailed]) {
      expect(await row(id)).toMatchObject({ recipient: '', personalisation: {}, kind: 'self_referral_confirmation' });
    }
    expect((await row(oldDelivered))?.status).toBe('delivered');
    for (const id of [recent, waiting]) expect((await row(id))?.recipient).toBe('07700900321');
    // Nothing left to forget: a second sweep changes nothing.
    expect(await purgeResidentMessageDetails(ctx.db)).toBe(0);
  });
});
