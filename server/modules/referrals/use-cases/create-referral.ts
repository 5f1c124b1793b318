import type { z } from 'zod';
import { type IdentityCheck, type ReferralPersonDetails, referralReference } from '../../../../common/referrals.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { Principal, RequestContext } from '../../../platform/context.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { AppError, type FieldError, validationError } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import { listReferralReasons } from '../../codes/codes.service.js';
import { resolveOrganisation } from '../../organisations/organisations.service.js';
import * as people from '../../people/people.service.js';
import {
  claimKey,
  type IdempotencyClaim,
  requestHash,
  type StoredAnswer,
  saveAnswer,
  storedAnswer,
} from '../idempotency.js';
import * as repo from '../referrals.repository.js';
import { type TReferralCreate, ZReferralCreate } from '../referrals.schemas.js';
import { requireActor } from '../referrals.service.js';

// Referral intake (issue 3, point 1): validate everything, then in ONE transaction find or make
// the person, store the referral with its 'received' event and audit row, and tell the PCN's live
// queue. The 201 is sent only after that transaction commits.

export interface IntakeAnswer extends StoredAnswer {
  status: 201;
  body: { id: string; status: 'received' };
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export interface PossibleMatch {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string | null;
}

/** People who may be the one referred: the user must confirm one, or say it is a new person. */
export class PossibleDuplicatesError extends AppError {
  constructor(readonly matches: PossibleMatch[]) {
    super('conflict', {
      userMessage:
        'Waymark may already know this person. Check the people listed: choose the same person, or say this is a new person.',
      details: { matches },
    });
  }
}

/**
 * The person has an open referral from the same team, made within the last day: most likely
 * the same referral sent twice. The user confirms (`confirmedSecondReferral`) to send it anyway.
 */
export class OpenReferralError extends AppError {
  constructor(readonly openReferral: { id: string; reference: string; receivedAt: string; status: string }) {
    super('conflict', {
      userMessage: `This person already has an open referral to the team (${openReferral.reference}), made in the last ${DUPLICATE_WINDOW_HOURS} hours. Check it is not the same referral sent twice; to send this one as well, confirm that it is a second referral.`,
      details: {
        errors: [
          { field: 'confirmedSecondReferral', message: `must be true to send a second open referral for this person` },
        ],
      },
    });
  }
}

/** How far back a second open referral for the same person and team is taken for a duplicate. */
export const DUPLICATE_WINDOW_HOURS = 24;

/** Where the referral goes: the PCN's one queue, and the practice that referred, if any. */
interface Placement {
  icbId: string;
  pcnId: string;
  practiceId: string | null;
  registeredPracticeId: string | null;
}

type PersonMatch = 'nhs_number' | 'confirmed_match' | 'new_person';

interface FoundPerson {
  person: people.PersonRow;
  match: PersonMatch;
  identityCheck: IdentityCheck | null;
}

const OPERATION = 'POST /api/referrals';

export async function createReferral(
  db: Db,
  ctx: RequestContext,
  input: { body: unknown; idempotencyKey?: string },
): Promise<IntakeAnswer> {
  const actor = requireActor(ctx);
  const claim: IdempotencyClaim | null = input.idempotencyKey
    ? { owner: actor.userId, key: input.idempotencyKey, requestHash: requestHash(OPERATION, input.body) }
    : null;
  // A replay is answered from the first answer, before anything else is checked again.
  if (claim) {
    const earlier = await storedAnswer(db, claim);
    if (earlier) return replay(earlier);
  }
  const { referral, placement } = await validateReferral(db, actor, input.body);

  const answer = await db.transaction(async (tx): Promise<IntakeAnswer> => {
    if (claim) {
      const earlier = await claimKey(tx, claim);
      if (earlier) return replay(earlier);
    }
    const { person, match, identityCheck } = await findOrAddPerson(tx, ctx, actor, referral, placement);
    await linkTeam(tx, person.id, placement);
    if (match !== 'new_person' && !referral.confirmedSecondReferral) {
      await refuseRecentOpenReferral(tx, actor, person.id, placement.pcnId);
    }
    const fromOutside = referral.source !== 'practice';
    const row = await repo.insertReferral(tx, {
      personId: person.id,
      personDetails: detailsAsGiven(referral, placement),
      identityCheck,
      icbId: placement.icbId,
      pcnId: placement.pcnId,
      practiceId: placement.practiceId,
      source: referral.source,
      referrerUserId: actor.userId,
      referrerName: fromOutside ? (referral.referrer?.name ?? null) : null,
      referrerOrganisation: fromOutside ? (referral.referrer?.organisation ?? null) : null,
      referrerContact: fromOutside ? (referral.referrer?.contact ?? null) : null,
      reasons: referral.reasons,
      details: referral.details ?? null,
      urgencyRequested: referral.urgencyRequested,
      consentToReferral: referral.consentToReferral,
      consentToShare: referral.consentToShare,
      safeguardingConcern: referral.safeguardingConcern,
      status: 'received',
      receivedAt: new Date(),
    });
    await repo.insertReferralEvent(tx, {
      referralId: row.id,
      type: 'received',
      fromStatus: null,
      toStatus: 'received',
      actorUserId: actor.userId,
      details: { source: row.source, personMatch: match },
    });
    await writeAudit(tx, ctx, {
      action: 'referral.create',
      entityType: 'referral',
      entityId: row.id,
      details: {
        source: row.source,
        pcnId: row.pcnId,
        practiceId: row.practiceId,
        personId: person.id,
        personMatch: match,
        ...(identityCheck ? { identityCheck } : {}),
      },
    });
    // Delivered to listeners only when this transaction commits.
    await publish(tx, { type: 'referral.received', pcnId: row.pcnId, referralId: row.id });
    const created: IntakeAnswer = { status: 201, body: { id: row.id, status: 'received' }, replayed: false };
    if (claim) await saveAnswer(tx, claim, { status: created.status, body: created.body });
    return created;
  });
  return answer;
}

function replay(earlier: StoredAnswer): IntakeAnswer {
  return { ...(earlier as Omit<IntakeAnswer, 'replayed'>), replayed: true };
}

// ---- Validation: every failing field in one answer ----

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function issuesToFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'body', message: issue.message }));
}

/**
 * The shape rules (zod) and the rules that need data (reason codes in use, the practice, the
 * matched person) are checked together, so the user sees every problem at once.
 */
async function validateReferral(
  db: Db,
  actor: Principal,
  raw: unknown,
): Promise<{ referral: TReferralCreate; placement: Placement }> {
  const scope = actor.scope;
  if (scope.kind !== 'practice' && scope.kind !== 'pcn') {
    throw new AppError('forbidden', {
      userMessage: 'Only GP practices and PCN teams can refer to social prescribing.',
    });
  }
  const parsed = ZReferralCreate.safeParse(raw);
  const errors = parsed.success ? [] : issuesToFieldErrors(parsed.error);
  const failed = (field: string) => errors.some((e) => e.field === field || e.field.startsWith(`${field}.`));
  const body = isRecord(raw) ? raw : {};
  const person = isRecord(body.person) ? body.person : {};
  /** A raw id the schema accepted (its only change is blank → missing). */
  const validId = (value: unknown, field: string) =>
    !failed(field) && typeof value === 'string' && value.trim() ? value : undefined;

  const reasonCodes = parsed.success
    ? parsed.data.reasons
    : !failed('reasons') && Array.isArray(body.reasons)
      ? body.reasons.filter((c): c is string => typeof c === 'string').map((c) => c.trim())
      : [];
  if (reasonCodes.length > 0) errors.push(...(await reasonProblems(db, reasonCodes)));

  const source = typeof body.source === 'string' && !failed('source') ? body.source : undefined;
  const practiceId = validId(body.practiceId, 'practiceId');
  const registeredPracticeId = validId(person.registeredPracticeId, 'person.registeredPracticeId');
  let placement: Placement;
  if (scope.kind === 'practice') {
    // Practice staff refer patients of their own practice into their own PCN's queue.
    if (source && source !== 'practice') {
      errors.push({ field: 'source', message: 'must be practice: practice staff refer patients of their practice' });
    }
    if (practiceId && practiceId !== scope.practiceId) {
      errors.push({ field: 'practiceId', message: 'must be your own practice (or left out)' });
    }
    if (registeredPracticeId && registeredPracticeId !== scope.practiceId) {
      errors.push({ field: 'person.registeredPracticeId', message: 'must be your own practice (or left out)' });
    }
    placement = {
      icbId: scope.icbId,
      pcnId: scope.pcnId,
      practiceId: scope.practiceId,
      registeredPracticeId: scope.practiceId,
    };
  } else {
    if (source === 'practice' && !practiceId && !failed('practiceId')) {
      errors.push({ field: 'practiceId', message: 'is required: choose the GP practice that made the referral' });
    }
    for (const [field, id] of [
      ['practiceId', practiceId],
      ['person.registeredPracticeId', registeredPracticeId],
    ] as const) {
      if (id && !(await isPracticeOfPcn(db, id, scope.pcnId))) {
        errors.push({ field, message: 'must be a GP practice in your PCN' });
      }
    }
    const referring = source === 'practice' ? (practiceId ?? null) : null;
    placement = {
      icbId: scope.icbId,
      pcnId: scope.pcnId,
      practiceId: referring,
      registeredPracticeId: registeredPracticeId ?? referring,
    };
  }

  const personId = validId(body.personId, 'personId');
  if (personId && !(await people.isPersonVisibleTo(db, scope, personId))) {
    errors.push({ field: 'personId', message: UNKNOWN_PERSON });
  }

  if (errors.length > 0 || !parsed.success) throw validationError(errors);
  return { referral: parsed.data, placement };
}

async function reasonProblems(db: DbOrTx, codes: string[]): Promise<FieldError[]> {
  const all = await listReferralReasons(db, true);
  const active = new Set((await listReferralReasons(db)).map((r) => r.code));
  const known = new Set(all.map((r) => r.code));
  const problems: FieldError[] = [];
  for (const code of codes) {
    if (!known.has(code))
      problems.push({ field: 'reasons', message: `includes "${code}", which is not a referral reason` });
    else if (!active.has(code)) {
      problems.push({
        field: 'reasons',
        message: `includes "${code}", which is no longer in use: choose another reason`,
      });
    }
  }
  return problems;
}

async function isPracticeOfPcn(db: DbOrTx, id: string, pcnId: string): Promise<boolean> {
  const placement = await resolveOrganisation(db, id);
  return placement?.ref.kind === 'practice' && placement.pcnId === pcnId;
}

// ---- The person: one record per person in the ICB, no silent duplicates, no silent changes ----

/** The same words for a person who does not exist and one only another team knows. */
const UNKNOWN_PERSON = 'is not a person your team knows: search for the person again';

/** The person as this referral describes them, kept on the referral. */
function detailsAsGiven(r: TReferralCreate, placement: Placement): ReferralPersonDetails {
  const p = r.person;
  return {
    nhsNumber: p.nhsNumber ?? null,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    postcode: p.postcode ?? null,
    phone: p.phone ?? null,
    email: p.email ?? null,
    preferredContact: p.preferredContact,
    language: p.language,
    interpreterNeeded: p.interpreterNeeded,
    accessibilityNeeds: p.accessibilityNeeds ?? null,
    registeredPracticeId: placement.registeredPracticeId,
  };
}

/**
 * Finds the person this referral is for, or adds them. An existing record is never changed here:
 * what the referral says differently is kept on the referral and offered to the team. Who the
 * user may be told about is who their team already knows (person_links): nothing in the answer
 * differs for a person only another team knows, or one of another ICB.
 */
async function findOrAddPerson(
  tx: DbOrTx,
  ctx: RequestContext,
  actor: Principal,
  r: TReferralCreate,
  placement: Placement,
): Promise<FoundPerson> {
  const p = r.person;
  const values = {
    icbId: placement.icbId,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    practiceId: placement.registeredPracticeId,
    postcode: p.postcode ?? null,
    phone: p.phone ?? null,
    email: p.email ?? null,
    preferredContact: p.preferredContact,
    language: p.language,
    interpreterNeeded: p.interpreterNeeded,
    accessibilityNeeds: p.accessibilityNeeds ?? null,
  };

  if (p.nhsNumber) {
    const { person, created } = await people.findOrInsertByNhsNumber(tx, { ...values, nhsNumber: p.nhsNumber });
    if (created) {
      await auditPersonCreated(tx, ctx, person.id);
      return { person, match: 'new_person', identityCheck: null };
    }
    if (person.dateOfBirth === p.dateOfBirth) return { person, match: 'nhs_number', identityCheck: null };
    // A mistyped NHS number that happens to be valid must not attach this referral to someone else.
    if (await people.isPersonVisibleTo(tx, actor.scope, person.id)) {
      // The user's team knows this person already: saying so tells them nothing new.
      throw new AppError('conflict', {
        userMessage:
          'Waymark knows this NHS number with a different date of birth. Check the NHS number and the date of birth.',
        details: {
          errors: [{ field: 'person.nhsNumber', message: 'belongs to a person with a different date of birth' }],
        },
      });
    }
    // Someone only another team knows: answering 409 would confirm the number is in use. The
    // referral is taken like any other, for a new record without the NHS number, and the
    // receiving team is asked to check the person's identity before contacting them.
    const person2 = await people.insertPerson(tx, { ...values, nhsNumber: null });
    await auditPersonCreated(tx, ctx, person2.id, { identityCheck: 'nhs_number_not_linked' });
    return { person: person2, match: 'new_person', identityCheck: 'nhs_number_not_linked' };
  }

  if (r.personId) {
    const person = await people.findPersonVisibleTo(tx, actor.scope, r.personId);
    if (!person) throw validationError([{ field: 'personId', message: UNKNOWN_PERSON }]);
    return { person, match: 'confirmed_match', identityCheck: null };
  }

  const query = { icbId: placement.icbId, ...p };
  await people.lockLikelyMatchKey(tx, query);
  if (!r.confirmedNewPerson) {
    const matches = await people.findLikelyMatches(tx, actor.scope, query);
    if (matches.length > 0) throw new PossibleDuplicatesError(matches);
  }
  const person = await people.insertPerson(tx, { ...values, nhsNumber: null });
  await auditPersonCreated(tx, ctx, person.id);
  return { person, match: 'new_person', identityCheck: null };
}

/** The referring team now knows the person: its PCN and practice, and the registered practice. */
async function linkTeam(tx: DbOrTx, personId: string, placement: Placement): Promise<void> {
  const link = { personId, icbId: placement.icbId, pcnId: placement.pcnId };
  await people.linkPerson(tx, { ...link, practiceId: placement.practiceId });
  if (placement.registeredPracticeId && placement.registeredPracticeId !== placement.practiceId) {
    await people.linkPerson(tx, { ...link, practiceId: placement.registeredPracticeId });
  }
}

/**
 * Refuses a second open referral of the same person to the same team within the window (the
 * same form sent twice, or twenty requests at once): the per-person lock makes concurrent
 * intakes take turns, so the second sees the first once it commits. Only referrals the user may
 * see count, so the answer tells them nothing about other teams.
 */
async function refuseRecentOpenReferral(tx: DbOrTx, actor: Principal, personId: string, pcnId: string) {
  await repo.lockPersonReferrals(tx, personId, pcnId);
  const since = new Date(Date.now() - DUPLICATE_WINDOW_HOURS * 3_600_000);
  const open = await repo.findRecentOpenReferral(tx, actor.scope, personId, pcnId, since);
  if (open) {
    throw new OpenReferralError({
      id: open.id,
      reference: referralReference(open.id),
      receivedAt: open.receivedAt.toISOString(),
      status: open.status,
    });
  }
}

async function auditPersonCreated(
  tx: DbOrTx,
  ctx: RequestContext,
  personId: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await writeAudit(tx, ctx, { action: 'person.create', entityType: 'person', entityId: personId, details });
}
