import { sql } from 'drizzle-orm';
import type { TestContext } from '../../test/toolkit.js';
import { selfReferralStarts } from './referrals.tables.js';

// Fixtures of the self-referral's tests: a complete set of answers, and a journey begun long
// enough ago to be sent (the start token's time moved back, as if the person took a minute).

export function selfReferralAnswers(practiceId: string, overrides: Record<string, unknown> = {}) {
  return {
    forWhom: 'self',
    givenName: 'Robin',
    familyName: 'Testperson',
    dateOfBirth: '1961-07-14',
    preferredContact: 'text',
    phone: '07700 900 123',
    contactTimes: 'Weekday mornings',
    postcode: 'NE2 1AB',
    practiceId,
    reasons: ['loneliness'],
    details: 'I moved here last year and do not know anyone.',
    consentToReferral: true,
    consentToShare: true,
    ...overrides,
  };
}

/** A journey's start token, begun `secondsAgo`. */
export async function beginSelfReferral(
  ctx: Pick<TestContext, 'app' | 'db'>,
  secondsAgo = 60,
  remoteAddress = '198.51.100.250',
): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/public/self-referral/start', remoteAddress });
  if (res.statusCode !== 201) throw new Error(`start answered ${res.statusCode}: ${res.body}`);
  const { formToken } = res.json() as { formToken: string };
  await ctx.db
    .update(selfReferralStarts)
    .set({ startedAt: sql`now() - make_interval(secs => ${secondsAgo})` })
    .where(
      sql`${selfReferralStarts.usedAt} IS NULL AND ${selfReferralStarts.startedAt} > now() - interval '5 seconds'`,
    );
  return formToken;
}
