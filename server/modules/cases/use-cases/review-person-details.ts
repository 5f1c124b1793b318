import type { PersonDetailsReviewed } from '../../../../common/cases.js';
import {
  PERSON_DETAIL_LABELS,
  type PersonDetailField,
  type ReferralPersonDetails,
} from '../../../../common/referrals.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, notFound, validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { findPersonVisibleTo, type PersonDetailsUpdate, updatePersonDetails } from '../../people/people.service.js';
import {
  loadCase,
  markPersonDetailsReviewed,
  offeredDetails,
  recordReferralEvent,
} from '../../referrals/referrals.service.js';
import type { TPersonDetailsReview } from '../cases.schemas.js';

/** The record's column for each detail a referral can bring (registered practice is `practiceId`). */
function recordUpdate(given: ReferralPersonDetails, fields: PersonDetailField[]): PersonDetailsUpdate {
  const update: PersonDetailsUpdate = {};
  for (const field of fields) {
    if (field === 'registeredPracticeId') update.practiceId = given.registeredPracticeId;
    else if (field === 'interpreterNeeded') update.interpreterNeeded = given.interpreterNeeded;
    else if (field === 'preferredContact') update.preferredContact = given.preferredContact;
    else if (field === 'language') update.language = given.language;
    else if (field === 'genderIdentity') {
      // A self-description travels with its answer: accepting one accepts the other.
      update.genderIdentity = given.genderIdentity ?? null;
      update.genderIdentityDescription = given.genderIdentityDescription ?? null;
    } else update[field] = given[field] ?? null;
  }
  return update;
}

/**
 * The team decides, once per referral, which of the new details it brought replace the person's
 * record (intake never changes an existing record by itself). The values come from the referral
 * as it was made, never from this request, so this path cannot write anything else into the
 * record. Whoever may change the case may decide: the allocated or covering worker, or the lead.
 */
export async function reviewPersonDetails(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TPersonDetailsReview,
): Promise<PersonDetailsReviewed> {
  return runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadCase(tx, ctx, id, { write: true });
    const person = await findPersonVisibleTo(tx, actor.scope, row.personId);
    if (!person) throw notFound('referral');
    if (row.personDetailsReviewedAt) {
      throw conflict('The new details on this referral have already been accepted or kept back. Reload the page.');
    }
    const offered = offeredDetails(person, row.personDetails).map((o) => o.field);
    const errors = input.accept.flatMap((field, i) =>
      offered.includes(field)
        ? []
        : [{ field: `accept.${i}`, message: `is not a detail this referral gives differently from the record` }],
    );
    if (errors.length > 0) throw validationError(errors);
    const marked = await markPersonDetailsReviewed(tx, actor.scope, row.id, actor.userId);
    if (!marked) throw notFound('referral');

    const accepted = offered.filter((f) => input.accept.includes(f));
    const kept = offered.filter((f) => !input.accept.includes(f));
    if (accepted.length > 0) {
      await updatePersonDetails(tx, person.id, recordUpdate(row.personDetails, accepted));
      await writeAudit(tx, ctx, {
        action: 'person.details-accepted',
        entityType: 'person',
        entityId: person.id,
        details: { referralId: row.id, fields: accepted },
      });
    }
    await recordReferralEvent(tx, ctx, row, {
      type: 'person-details-reviewed',
      details: {
        accepted: accepted.map((f) => PERSON_DETAIL_LABELS[f]),
        kept: kept.map((f) => PERSON_DETAIL_LABELS[f]),
      },
    });
    return { accepted, kept };
  });
}
