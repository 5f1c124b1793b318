import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { findLikelyMatches } from '../../people/people.service.js';
import type { TPersonMatchQuery } from '../referrals.schemas.js';
import type { PossibleMatch } from './intake-person.js';

/**
 * People the user's practice or PCN already knows who may be the person about to be referred
 * (same family name and date of birth, and the same first initial or postcode), so the form can
 * offer them before sending. People only other teams know are never offered. Shows only what is
 * needed to recognise someone; the search is audited.
 */
export async function findPossibleDuplicates(
  db: Db,
  ctx: SignedInContext,
  query: TPersonMatchQuery,
): Promise<{ matches: PossibleMatch[] }> {
  const { actor } = ctx;
  const matches = await findLikelyMatches(db, actor.scope, { icbId: actor.scope.icbId, ...query });
  await writeAuditAlone(db, ctx, {
    action: 'person.match-search',
    entityType: 'person',
    details: { count: matches.length },
  });
  return { matches };
}
