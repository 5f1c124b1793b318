import type { z } from 'zod';
import { writeAudit } from '../../../platform/audit/audit.js';
import { type Principal, type SignedInContext, userIdOf } from '../../../platform/context.js';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client.js';
import { AppError, type FieldError, validationError } from '../../../platform/errors.js';
import { publish } from '../../../platform/realtime.js';
import { nothingChanged, runUseCase } from '../../../platform/use-case.js';
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
import {
  detailsAsGiven,
  findOrAddPerson,
  linkTeam,
  type Placement,
  refuseRecentOpenReferral,
  UNKNOWN_PERSON,
} from './intake-person.js';

// Referral intake (issue 3, point 1): validate everything, then in ONE transaction find or make
// the person, store the referral with its 'received' event and audit row, and tell the PCN's live
// queue. The 201 is sent only after that transaction commits.

export interface IntakeAnswer extends StoredAnswer {
  status: 201;
  body: { id: string; status: 'received' };
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

const OPERATION = 'POST /api/referrals';

export async function createReferral(
  db: Db,
  ctx: SignedInContext,
  input: { body: unknown; idempotencyKey?: string },
): Promise<IntakeAnswer> {
  const { actor } = ctx;
  const claim: IdempotencyClaim | null = input.idempotencyKey
    ? { owner: actor.userId, key: input.idempotencyKey, requestHash: requestHash(OPERATION, input.body) }
    : null;
  // A replay is answered from the first answer, before anything else is checked again.
  if (claim) {
    const earlier = await storedAnswer(db, claim);
    if (earlier) return replay(earlier);
  }
  const { referral, placement } = await validateReferral(db, actor, input.body);

  const answer = await runUseCase(db, ctx, async (tx): Promise<IntakeAnswer> => {
    if (claim) {
      const earlier = await claimKey(tx, claim);
      if (earlier) return nothingChanged(tx, replay(earlier));
    }
    const row = await storeReferral(tx, ctx, referral, placement);
    const created: IntakeAnswer = { status: 201, body: { id: row.id, status: 'received' }, replayed: false };
    if (claim) await saveAnswer(tx, claim, { status: created.status, body: created.body });
    return created;
  });
  return answer;
}

/** Who referred, when the referral came from a system rather than a signed-in person. */
export interface ReferringSystem {
  /** The referring clinician and organisation as the message named them (kept on the referral). */
  referrerName: string | null;
  referrerOrganisation: string | null;
  referrerContact: string | null;
}

/**
 * The intake's writes, in the caller's transaction (a validated referral): find or make the
 * person, the referral with its 'received' event, its audit row and the notice to the PCN's live
 * queue. The web form's intake above and the FHIR edge's (`$process-message`) both come here.
 */
export async function storeReferral(
  tx: Tx,
  ctx: SignedInContext,
  referral: TReferralCreate,
  placement: Placement,
  system?: ReferringSystem,
) {
  const { actor } = ctx;
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
    referrerUserId: userIdOf(actor),
    referrerName: system ? system.referrerName : fromOutside ? (referral.referrer?.name ?? null) : null,
    referrerOrganisation: system
      ? system.referrerOrganisation
      : fromOutside
        ? (referral.referrer?.organisation ?? null)
        : null,
    referrerContact: system ? system.referrerContact : fromOutside ? (referral.referrer?.contact ?? null) : null,
    reasons: referral.reasons,
    details: referral.details ?? null,
    urgencyRequested: referral.urgencyRequested,
    consentToReferral: referral.consentToReferral,
    consentToShare: referral.consentToShare,
    safeguardingConcern: referral.safeguardingConcern,
    status: 'received',
    receivedAt: new Date(),
  });
  const systemClient = actor.systemClient ? { systemClientId: actor.systemClient.id } : {};
  await repo.insertReferralEvent(tx, {
    referralId: row.id,
    type: 'received',
    fromStatus: null,
    toStatus: 'received',
    actorUserId: userIdOf(actor),
    details: { source: row.source, personMatch: match, ...systemClient },
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
      ...systemClient,
    },
  });
  // Delivered to listeners only when this transaction commits.
  await publish(tx, { type: 'referral.received', pcnId: row.pcnId, referralId: row.id });
  return row;
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
export async function validateReferral(
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
      const problem = id ? await practiceProblem(db, id, scope.pcnId) : null;
      if (problem) errors.push({ field, message: problem });
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

export async function reasonProblems(db: DbOrTx, codes: string[]): Promise<FieldError[]> {
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

/** Why a practice cannot be named on a new referral of this PCN, or null. */
async function practiceProblem(db: DbOrTx, id: string, pcnId: string): Promise<string | null> {
  const placement = await resolveOrganisation(db, id);
  if (placement?.ref.kind !== 'practice' || placement.pcnId !== pcnId) return 'must be a GP practice in your PCN';
  return placement.retired ? 'has been retired: choose a GP practice in use' : null;
}
