import type { EqualityView } from '../../../../common/api-types.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { equalityOfRecord, findPersonVisibleTo, updateEqualityAnswers } from '../../people/people.service.js';
import { loadCase } from '../../referrals/referrals.service.js';
import type { TEqualityAnswersUpdate } from '../cases.schemas.js';

/**
 * The worker records the person's equality answers on their record (issue 13): whoever may change
 * the case may, as for the person details a referral brings. Only from the version they opened.
 */
export async function updateEqualityAnswersOfCase(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TEqualityAnswersUpdate,
): Promise<EqualityView & { version: number }> {
  return runUseCase(db, ctx, async (tx) => {
    const { actor, row } = await loadCase(tx, ctx, id, { write: true });
    const person = await findPersonVisibleTo(tx, actor.scope, row.personId);
    if (!person) throw notFound('referral');
    const values = {
      sex: input.sex ?? null,
      genderIdentity: input.genderIdentity ?? null,
      genderIdentityDescription: (input.genderIdentity === 'self_described' && input.genderIdentityDescription) || null,
      ethnicity: input.ethnicity ?? null,
    };
    const updated = await updateEqualityAnswers(tx, person.id, input.version, values);
    if (!updated) {
      throw conflict("Someone else changed this person's record since you opened it. Reload the page and try again.");
    }
    // Which answers changed, never the answers themselves: the audit trail is not a place for them.
    const before = equalityOfRecord(person);
    await writeAudit(tx, ctx, {
      action: 'person.equality-update',
      entityType: 'person',
      entityId: person.id,
      details: {
        referralId: row.id,
        fields: (Object.keys(values) as (keyof typeof values)[]).filter((f) => values[f] !== before[f]),
      },
    });
    return { ...equalityOfRecord(updated), version: updated.version };
  });
}
