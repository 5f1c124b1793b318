import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { requestsAs } from '../../../test/requests.js';
import { setUpTestApp } from '../../../test/team.js';
import { serviceReferralSettings } from '../../directory/directory-partner.tables.js';
import { residentMessages } from '../../notifications/resident-messages.tables.js';
import { people } from '../../people/people.tables.js';
import { createAllocatedReferral } from '../../triage/test-referrals.js';
import { linkListing, linksOf, onwardRowsOfCase } from '../test-onward.js';

// Issue 14, point 5: an organisation with no email at all gets its secure link, and the one-time
// codes that open it, by text message through GOV.UK Notify — to the mobile the listing's referral
// settings give. The link works as one sent by email; a bad mobile is refused naming the field.

const { ctx, tenancy, tom, coordinator } = setUpTestApp({
  team: { tom: { role: 'link_worker', name: 'Tom Okafor' }, coordinator: 'care_coordinator' },
});
const { post, put } = requestsAs(ctx);
const MOBILE = '07700900321';

const textsTo = (recipient: string) =>
  ctx.db.select().from(residentMessages).where(eq(residentMessages.recipient, recipient));
const linkCall = (path: string, body: object) =>
  ctx.app.inject({ method: 'POST', url: `/api/referral-link/${path}`, payload: body, remoteAddress: '192.0.2.77' });

const SETTINGS = { takesReferrals: true, takesSelfReferrals: false, referralEmail: '', replyWorkingDays: 5 };

describe('secure links by text', () => {
  it('a listing with only a mobile: the link and its code go by text, and open the referral', async () => {
    const listing = await linkListing(ctx.db, tenancy, { email: null, name: 'Harbour Crafts' });
    const saved = await put(coordinator, `/api/directory/services/${listing.id}/referral-settings`, {
      ...SETTINGS,
      referralMobile: '07700 900 321',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ referralMobile: MOBILE, referralEmail: null });

    const r = await createAllocatedReferral(ctx.db, tenancy, tom);
    const sent = await post(tom, `/api/referrals/${r.id}/onward-referrals`, {
      serviceId: listing.id,
      kind: 'referral',
      consent: true,
      share: ['name'],
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ delivery: 'link', link: { email: null, mobile: MOBILE, state: 'active' } });
    const [person] = await ctx.db.select().from(people).where(eq(people.id, r.personId));
    const name = `${person?.givenName} ${person?.familyName}`;
    const [row] = await onwardRowsOfCase(ctx.db, r.id);
    const [link] = await linksOf(ctx.db, row?.id as string);
    expect(link).toMatchObject({ email: null, mobile: MOBILE });

    const [text] = await textsTo(MOBILE);
    expect(text).toMatchObject({ kind: 'secure_link', channel: 'sms', referralId: null, personId: null });
    expect(text?.personalisation).toMatchObject({ service: 'Harbour Crafts' });
    const token = /#token=([A-Za-z0-9_-]+)/.exec(text?.personalisation.link ?? '')?.[1] as string;
    expect(token).toBeTruthy();
    // The text names the service and the team, never the person.
    expect(JSON.stringify(text?.personalisation)).not.toContain(person?.familyName);

    const opened = await linkCall('open', { token });
    expect(opened.json()).toMatchObject({
      state: 'valid',
      codeBy: 'text',
      sentTo: '07*** ***321',
      selfReferral: false,
    });
    const code = await linkCall('code', { token });
    expect(code.statusCode).toBe(202);
    expect(code.json()).toMatchObject({ codeBy: 'text', sentTo: '07*** ***321' });
    const codeText = (await textsTo(MOBILE)).find((m) => m.kind === 'secure_link_code');
    expect(codeText?.channel).toBe('sms');
    const verified = await linkCall('verify', { token, code: codeText?.personalisation.code });
    expect(verified.statusCode).toBe(200);
    const read = await linkCall('referral', { token, access: verified.json().access });
    expect(read.statusCode).toBe(200);
    expect(read.json().sharedDetails.name).toBe(name);
  });

  it('an email, when the listing has one, wins over the mobile', async () => {
    const listing = await linkListing(ctx.db, tenancy, { name: 'Harbour Choir' });
    await put(coordinator, `/api/directory/services/${listing.id}/referral-settings`, {
      ...SETTINGS,
      referralMobile: '07700900322',
    });
    const r = await createAllocatedReferral(ctx.db, tenancy, tom);
    const sent = await post(tom, `/api/referrals/${r.id}/onward-referrals`, {
      serviceId: listing.id,
      kind: 'referral',
      consent: true,
      share: ['name'],
    });
    expect(sent.json().link).toMatchObject({ email: 'referrals@group.test.example', mobile: null });
    expect(await textsTo('07700900322')).toHaveLength(0);
  });

  it('a number that is not a UK mobile is refused naming referralMobile, and nothing changes', async () => {
    const listing = await linkListing(ctx.db, tenancy, { name: 'Harbour Bowls' });
    const before = await ctx.db
      .select()
      .from(serviceReferralSettings)
      .where(eq(serviceReferralSettings.serviceId, listing.id));
    for (const bad of ['0191 498 0001', '07700', 'call me']) {
      const res = await put(coordinator, `/api/directory/services/${listing.id}/referral-settings`, {
        ...SETTINGS,
        referralMobile: bad,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'referralMobile', message: expect.stringMatching(/UK mobile/) }]);
    }
    const after = await ctx.db
      .select()
      .from(serviceReferralSettings)
      .where(eq(serviceReferralSettings.serviceId, listing.id));
    expect(after).toEqual(before);
  });
});
