import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ReferralPersonDetails, SelfReferralDetails } from '../../../../common/referrals.js';
import { referralReference } from '../../../../common/referrals.js';
import { MIN_SECONDS_TO_FILL } from '../../../../common/self-referral.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client.js';
import { type FieldError, validationError } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import * as notifications from '../../notifications/notifications.service.js';
import { findPcnContact } from '../../organisations/organisations.service.js';
import * as people from '../../people/people.service.js';
import { claimKey, type IdempotencyClaim, requestHash, saveAnswer, storedAnswer } from '../idempotency.js';
import * as repo from '../referrals.repository.js';
import * as selfRepo from '../self-referral.repository.js';
import {
  type TSelfReferral,
  ZSelfReferral,
  ZSelfReferralCheck,
  ZSelfReferralSubmit,
} from '../self-referral.schemas.js';
import { reasonProblems } from './create-referral.js';
import { linkTeam } from './intake-person.js';
import { placeNearest, placeOfPractice, type SelfReferralPlace } from './self-referral-place.js';

// A resident refers themselves, or someone who agreed, to their PCN's social prescribing team
// (issue 14, points 2 and 6). Nothing is stored until the check-answers page sends everything;
// then, in one transaction: the journey's start token is used up, a new person record is made
// (never merged with an existing one: who a self-referrer is has not been checked, so the team
// confirms it — identity check 'self_referred'), and the referral lands in the PCN's queue with
// its 'received' event and audit row. The same person referring again within a day is folded
// into their first referral as a note.

const OPERATION = 'POST /api/public/self-referrals';
/** Idempotency keys of the public journey share one owner: the key itself is a random UUID. */
export const PUBLIC_OWNER = 'public';
export const FOLD_WINDOW_HOURS = 24;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The start page's token: the journey's start time is kept by its hash (see selfReferralStarts).
 * Audited like every write: who began a journey, from where, is what abuse is traced by.
 */
export async function startSelfReferral(db: Db, ctx: RequestContext, now = new Date()): Promise<{ formToken: string }> {
  const formToken = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await selfRepo.insertStart(tx, hashOf(formToken), now);
    await writeAudit(tx, ctx, { action: 'self-referral.start', entityType: 'self-referral-start' });
  });
  return { formToken };
}

export const issuesToFieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'answers', message: issue.message }));

interface Validated {
  answers: TSelfReferral;
  place: SelfReferralPlace;
}

/** Every problem with the answers at once: the shape, then the reasons, surgery and postcode. */
async function validateAnswers(db: DbOrTx, raw: unknown): Promise<{ errors: FieldError[]; valid: Validated | null }> {
  const parsed = ZSelfReferral.safeParse(raw);
  const errors = parsed.success ? [] : issuesToFieldErrors(parsed.error);
  const failed = (field: string) => errors.some((e) => e.field === field);
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const reasons = Array.isArray(body.reasons) && !failed('reasons') ? body.reasons.map(String) : [];
  if (reasons.length > 0) {
    for (const problem of await reasonProblems(db, reasons)) {
      errors.push({ field: 'reasons', message: problem.message.replace(/referral reason/, 'choice in the list') });
    }
  }
  let place: SelfReferralPlace | null = null;
  if (parsed.success) {
    const a = parsed.data;
    if (a.practiceId) {
      place = await placeOfPractice(db, a.practiceId);
      if (!place) errors.push({ field: 'practiceId', message: 'must be chosen from the list' });
    } else {
      place = await placeNearest(db, a.postcode);
      if (!place) {
        errors.push({
          field: 'postcode',
          message: 'is not one we can find a GP surgery near: check it, or choose your GP surgery',
        });
      }
    }
  }
  if (errors.length > 0 || !parsed.success || !place) return { errors, valid: null };
  return { errors, valid: { answers: parsed.data, place } };
}

/** A question page's answers checked before moving on: only the errors of its own fields. */
export async function checkSelfReferral(db: DbOrTx, body: unknown): Promise<{ errors: FieldError[] }> {
  const { answers, fields } = ZSelfReferralCheck.parse(body);
  const { errors } = await validateAnswers(db, answers);
  const asked = new Set(fields);
  return { errors: errors.filter((e) => asked.has(e.field.split('.')[0] as string)) };
}

export interface SelfReferralAnswer {
  status: 201;
  body: { reference: string };
  replayed: boolean;
}

export async function createSelfReferral(
  db: Db,
  ctx: RequestContext,
  input: { body: unknown; idempotencyKey?: string },
  now = new Date(),
): Promise<SelfReferralAnswer> {
  const submit = ZSelfReferralSubmit.safeParse(input.body);
  if (!submit.success) throw validationError(issuesToFieldErrors(submit.error));
  // A filled honeypot is a bot's: it is told what a person would be, and nothing is kept.
  if (submit.data.website?.trim()) {
    return { status: 201, body: { reference: referralReference(randomUUID()) }, replayed: false };
  }
  const claim: IdempotencyClaim | null = input.idempotencyKey
    ? { owner: PUBLIC_OWNER, key: input.idempotencyKey, requestHash: requestHash(OPERATION, input.body) }
    : null;
  if (claim) {
    const earlier = await storedAnswer(db, claim);
    if (earlier) return { ...(earlier as Omit<SelfReferralAnswer, 'replayed'>), replayed: true };
  }
  const { errors, valid } = await validateAnswers(db, submit.data.answers);
  if (!valid) throw validationError(errors);
  const { answers, place } = valid;

  return db.transaction(async (tx): Promise<SelfReferralAnswer> => {
    if (claim) {
      const earlier = await claimKey(tx, claim);
      if (earlier) return { ...(earlier as Omit<SelfReferralAnswer, 'replayed'>), replayed: true };
    }
    await spendStartToken(tx, submit.data.formToken, now);
    const reference = (await foldIntoRecent(tx, ctx, answers, place, now)) ?? (await addReferral(tx, ctx, valid, now));
    const created: SelfReferralAnswer = { status: 201, body: { reference }, replayed: false };
    if (claim) await saveAnswer(tx, claim, { status: created.status, body: created.body });
    return created;
  });
}

/** The journey's start token, used once and no sooner than a person could have answered. */
export async function spendStartToken(tx: Tx, formToken: string | undefined, now: Date): Promise<void> {
  const refuse = (message: string) => validationError([{ field: 'formToken', message }]);
  if (!formToken) throw refuse('is missing: start the form again from its first page');
  const startedAt = await selfRepo.spendStart(tx, hashOf(formToken), now);
  if (!startedAt) throw refuse('has expired or was already used: start the form again from its first page');
  if (now.getTime() - startedAt.getTime() < MIN_SECONDS_TO_FILL * 1000) {
    // Rolled back with the transaction: the person may send the same answers again.
    throw refuse('was sent too quickly: check your answers, then send them again');
  }
}

const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The same person (name, date of birth and a phone, email or postcode in common) self-referred
 * to this PCN within the window: their new answers become a note on that referral, whose
 * reference is answered, instead of a second referral in the queue.
 */
async function foldIntoRecent(
  tx: Tx,
  ctx: RequestContext,
  a: TSelfReferral,
  place: SelfReferralPlace,
  now: Date,
): Promise<string | null> {
  const key = [place.pcnId, a.dateOfBirth, a.givenName.toLowerCase(), a.familyName.toLowerCase()].join(':');
  await selfRepo.lockSelfReferralKey(tx, key);
  const since = new Date(now.getTime() - FOLD_WINDOW_HOURS * 3_600_000);
  const recent = await selfRepo.findRecentSelfReferrals(tx, place.pcnId, a.dateOfBirth, since);
  const earlier = recent.find(
    ({ personDetails: p }) =>
      same(p.givenName, a.givenName) &&
      same(p.familyName, a.familyName) &&
      (same(p.phone, a.phone) || same(p.email, a.email) || same(p.postcode, a.postcode)),
  );
  if (!earlier) return null;
  await repo.insertReferralEvent(tx, {
    referralId: earlier.id,
    type: 'self_referral_repeated',
    at: now,
    actorUserId: null,
    details: {
      note: 'The person sent a self-referral again within a day; it was added here rather than as a new referral.',
      reasons: a.reasons,
      details: a.details ?? null,
      contactTimes: a.contactTimes ?? null,
    },
  });
  await writeAudit(tx, ctx, {
    action: 'referral.self-referral-folded',
    entityType: 'referral',
    entityId: earlier.id,
    icbId: place.icbId,
    details: { pcnId: place.pcnId },
  });
  return referralReference(earlier.id);
}

async function addReferral(tx: Tx, ctx: RequestContext, { answers: a, place }: Validated, now: Date) {
  const details: ReferralPersonDetails = {
    nhsNumber: null,
    givenName: a.givenName,
    familyName: a.familyName,
    dateOfBirth: a.dateOfBirth,
    postcode: a.postcode,
    phone: a.phone ?? null,
    email: a.email ?? null,
    preferredContact: a.preferredContact,
    language: a.language,
    interpreterNeeded: a.interpreterNeeded,
    accessibilityNeeds: a.accessibilityNeeds ?? null,
    registeredPracticeId: place.registeredPracticeId,
  };
  const { nhsNumber: _none, registeredPracticeId, ...given } = details;
  // Never matched to an existing record here: the team checks who this is (identity check).
  const person = await people.insertPerson(tx, { ...given, icbId: place.icbId, practiceId: registeredPracticeId });
  await writeAudit(tx, ctx, {
    action: 'person.create',
    entityType: 'person',
    entityId: person.id,
    icbId: place.icbId,
    details: { identityCheck: 'self_referred' },
  });
  // No practice referred: the PCN's team knows the person, and so does their surgery if given.
  await linkTeam(tx, person.id, { ...place, practiceId: null });
  const onBehalf = a.forWhom === 'someone_else';
  const selfReferral: SelfReferralDetails = {
    contactTimes: a.contactTimes ?? null,
    practiceFromPostcode: !a.practiceId,
    onBehalf: onBehalf
      ? {
          name: a.onBehalfName as string,
          relationship: a.onBehalfRelationship as string,
          phone: a.onBehalfPhone ?? null,
          email: a.onBehalfEmail ?? null,
          personAgreed: true,
        }
      : null,
  };
  const row = await repo.insertReferral(tx, {
    personId: person.id,
    personDetails: details,
    identityCheck: 'self_referred',
    icbId: place.icbId,
    pcnId: place.pcnId,
    practiceId: null,
    source: 'self',
    referrerUserId: null,
    referrerName: onBehalf ? (a.onBehalfName ?? null) : `${a.givenName} ${a.familyName}`,
    referrerOrganisation: onBehalf ? `on behalf of the person (${a.onBehalfRelationship})` : 'Self-referral',
    referrerContact: onBehalf
      ? [a.onBehalfPhone, a.onBehalfEmail].filter(Boolean).join(', ')
      : [a.phone, a.email].filter(Boolean).join(', ') || null,
    reasons: a.reasons,
    details: a.details ?? null,
    urgencyRequested: 'routine',
    consentToReferral: true,
    consentToShare: a.consentToShare,
    selfReferral,
    status: 'received',
    receivedAt: now,
  });
  await repo.insertReferralEvent(tx, {
    referralId: row.id,
    type: 'received',
    fromStatus: null,
    toStatus: 'received',
    at: now,
    actorUserId: null,
    details: { source: 'self', personMatch: 'new_person', onBehalf },
  });
  await writeAudit(tx, ctx, {
    action: 'referral.create',
    entityType: 'referral',
    entityId: row.id,
    icbId: place.icbId,
    details: { source: 'self', pcnId: place.pcnId, personId: person.id, identityCheck: 'self_referred' },
  });
  await publish(tx, { type: 'referral.received', pcnId: row.pcnId, referralId: row.id });
  const reference = referralReference(row.id);
  await queueConfirmation(tx, row, a, reference);
  return reference;
}

/**
 * The reference by text or email, as the person asked to be contacted (none for a phone call or a
 * letter), through GOV.UK Notify: queued in this transaction, so only a referral that is kept is
 * confirmed. It waits, queued, where Notify is not configured.
 */
async function queueConfirmation(
  tx: Tx,
  row: { id: string; icbId: string; pcnId: string; personId: string },
  a: TSelfReferral,
  reference: string,
): Promise<void> {
  const to = notifications.residentChannel({
    preferredContact: a.preferredContact,
    phone: a.phone ?? null,
    email: a.email ?? null,
  });
  if (!to) return;
  const team = await findPcnContact(tx, row.pcnId);
  await notifications.queueResidentMessage(tx, {
    icbId: row.icbId,
    referralId: row.id,
    personId: row.personId,
    kind: 'self_referral_confirmation',
    ...to,
    personalisation: {
      reference,
      team: team?.name ?? 'the social prescribing team',
      team_phone: team?.phone ?? '',
    },
  });
}

/** A journey is given a day: start tokens older than that are deleted (the app's sweep). */
export async function purgeSelfReferralStarts(db: DbOrTx, now = new Date()): Promise<number> {
  return selfRepo.deleteStartsBefore(db, new Date(now.getTime() - 24 * 3_600_000));
}
