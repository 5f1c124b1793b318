import type { OpenReferral, PossibleMatch } from '../../../../common/api-types.js';
import type { IdentityCheck, ReferralPersonDetails } from '../../../../common/referrals.js';
import { referralReference } from '../../../../common/referrals.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { Principal, SignedInContext } from '../../../platform/context.js';
import type { DbOrTx, Tx } from '../../../platform/db/client.js';
import { AppError, validationError } from '../../../platform/errors.js';
import * as people from '../../people/people.service.js';
import * as repo from '../referrals.repository.js';
import type { TReferralCreate } from '../referrals.schemas.js';

// Who a referral is for (issue 9): one record per person in the ICB, no silent duplicates and no
// silent changes to a record another team keeps, and nothing said about people the user's team
// does not know.

export type { PossibleMatch };

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
  constructor(readonly openReferral: OpenReferral) {
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
export interface Placement {
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

// ---- The person: one record per person in the ICB, no silent duplicates, no silent changes ----

/** The same words for a person who does not exist and one only another team knows. */
export const UNKNOWN_PERSON = 'is not a person your team knows: search for the person again';

/** The person as this referral describes them, kept on the referral. */
export function detailsAsGiven(r: TReferralCreate, placement: Placement): ReferralPersonDetails {
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
    sex: p.sex ?? null,
    genderIdentity: p.genderIdentity ?? null,
    genderIdentityDescription: (p.genderIdentity === 'self_described' && p.genderIdentityDescription) || null,
    ethnicity: p.ethnicity ?? null,
  };
}

/**
 * Finds the person this referral is for, or adds them. An existing record is never changed here:
 * what the referral says differently is kept on the referral and offered to the team. Who the
 * user may be told about is who their team already knows (person_links): nothing in the answer
 * differs for a person only another team knows, or one of another ICB.
 */
export async function findOrAddPerson(
  tx: Tx,
  ctx: SignedInContext,
  actor: Principal,
  r: TReferralCreate,
  placement: Placement,
): Promise<FoundPerson> {
  const p = r.person;
  // The new record holds the person as this referral gives them (the NHS number is set below).
  const { nhsNumber: _given, registeredPracticeId, ...given } = detailsAsGiven(r, placement);
  const values = { ...given, icbId: placement.icbId, practiceId: registeredPracticeId };

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
export async function linkTeam(tx: DbOrTx, personId: string, placement: Placement): Promise<void> {
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
export async function refuseRecentOpenReferral(tx: DbOrTx, actor: Principal, personId: string, pcnId: string) {
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
  tx: Tx,
  ctx: SignedInContext,
  personId: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await writeAudit(tx, ctx, { action: 'person.create', entityType: 'person', entityId: personId, details });
}
