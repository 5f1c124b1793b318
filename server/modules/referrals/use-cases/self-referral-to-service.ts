import { randomUUID } from 'node:crypto';
import type { SharedDetails } from '../../../../common/onward-referrals.js';
import type { Config } from '../../../config.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { type FieldError, validationError } from '../../../platform/errors.js';
import { publicContactOf } from '../../directory/referral-settings/referral-settings.service.js';
import * as notifications from '../../notifications/notifications.service.js';
import { selfReferralRefusal, sendServiceSelfReferral } from '../../onward-referrals/onward-referrals.service.js';
import { claimKey, type IdempotencyClaim, requestHash, saveAnswer, storedAnswer } from '../idempotency.js';
import { type TServiceSelfReferral, ZServiceSelfReferral } from '../self-referral.schemas.js';
import { issuesToFieldErrors, PUBLIC_OWNER, type SelfReferralAnswer, spendStartToken } from './self-referral.js';

// The shorter journey, straight to a community group whose listing takes self-referrals (issue
// 14, point 3). The same start token, honeypot, idempotency and limits as the journey to the PCN
// team; the answers go to the group's organisation as an onward referral (its inbox, or a secure
// link), and the person is sent the reference by text or email as they asked.

const OPERATION = 'POST /api/public/self-referrals (service)';

/** Every problem with the answers and the listing at once. */
async function validate(
  db: DbOrTx,
  serviceId: string,
  raw: unknown,
): Promise<{ errors: FieldError[]; answers: TServiceSelfReferral | null }> {
  const parsed = ZServiceSelfReferral.safeParse(raw);
  const errors = parsed.success ? [] : issuesToFieldErrors(parsed.error);
  const refusal = await selfReferralRefusal(db, serviceId);
  if (refusal) errors.push(refusal);
  return { errors, answers: parsed.success && errors.length === 0 ? parsed.data : null };
}

/** A question page of the group's journey: only the errors of its own fields (and the listing's). */
export async function checkServiceSelfReferral(
  db: DbOrTx,
  serviceId: string,
  answers: unknown,
  fields: readonly string[],
): Promise<{ errors: FieldError[] }> {
  const { errors } = await validate(db, serviceId, answers);
  const asked = new Set([...fields, 'serviceId']);
  return { errors: errors.filter((e) => asked.has(e.field.split('.')[0] as string)) };
}

/** What the organisation reads: the answers, in the shared details' shape. */
export function detailsForTheGroup(a: TServiceSelfReferral): SharedDetails {
  return {
    name: `${a.givenName} ${a.familyName}`,
    dateOfBirth: a.dateOfBirth,
    postcode: a.postcode,
    phone: a.phone ?? null,
    email: a.email ?? null,
    preferredContact: a.preferredContact,
    ...(a.contactTimes ? { contactTimes: a.contactTimes } : {}),
    ...(a.details ? { reason: a.details } : {}),
    ...(a.accessibilityNeeds ? { accessNeeds: a.accessibilityNeeds } : {}),
    language: a.language,
    interpreterNeeded: a.interpreterNeeded,
    ...(a.forWhom === 'someone_else'
      ? {
          referredBy: {
            name: a.onBehalfName as string,
            relationship: a.onBehalfRelationship as string,
            phone: a.onBehalfPhone ?? null,
            email: a.onBehalfEmail ?? null,
          },
        }
      : {}),
  };
}

export async function createServiceSelfReferral(
  db: Db,
  ctx: RequestContext,
  config: Pick<Config, 'publicUrl' | 'ONWARD_LINK_DAYS'>,
  input: { serviceId: string; answers: unknown; formToken?: string; website?: string; idempotencyKey?: string },
  now = new Date(),
): Promise<SelfReferralAnswer> {
  // A filled honeypot is a bot's: it is told what a person would be, and nothing is kept.
  if (input.website?.trim()) {
    return { status: 201, body: { reference: `OR-${randomUUID().slice(0, 8).toUpperCase()}` }, replayed: false };
  }
  const claim: IdempotencyClaim | null = input.idempotencyKey
    ? {
        owner: PUBLIC_OWNER,
        key: input.idempotencyKey,
        requestHash: requestHash(OPERATION, { serviceId: input.serviceId, answers: input.answers }),
      }
    : null;
  if (claim) {
    const earlier = await storedAnswer(db, claim);
    if (earlier) return { ...(earlier as Omit<SelfReferralAnswer, 'replayed'>), replayed: true };
  }
  const { errors, answers } = await validate(db, input.serviceId, input.answers);
  if (!answers) throw validationError(errors);

  return db.transaction(async (tx): Promise<SelfReferralAnswer> => {
    if (claim) {
      const earlier = await claimKey(tx, claim);
      if (earlier) return { ...(earlier as Omit<SelfReferralAnswer, 'replayed'>), replayed: true };
    }
    await spendStartToken(tx, input.formToken, now);
    const sent = await sendServiceSelfReferral(
      tx,
      ctx,
      config,
      { serviceId: input.serviceId, details: detailsForTheGroup(answers) },
      now,
    );
    const to = notifications.residentChannel({
      preferredContact: answers.preferredContact,
      phone: answers.phone ?? null,
      email: answers.email ?? null,
    });
    // A repeat folded into the person's first referral was confirmed then: not texted again.
    if (to && !sent.folded) {
      const contact = await publicContactOf(tx, input.serviceId);
      await notifications.queueResidentMessage(tx, {
        icbId: sent.icbId,
        referralId: null,
        personId: null,
        kind: 'self_referral_confirmation',
        ...to,
        personalisation: { reference: sent.reference, team: sent.serviceName, team_phone: contact.phone ?? '' },
      });
    }
    const created: SelfReferralAnswer = { status: 201, body: { reference: sent.reference }, replayed: false };
    if (claim) await saveAnswer(tx, claim, { status: created.status, body: created.body });
    return created;
  });
}
