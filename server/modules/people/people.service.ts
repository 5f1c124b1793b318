import type { EthnicCategory, GenderIdentity, Sex } from '../../../common/equality.js';
import type { ContactMethod, ReferralPersonDetails } from '../../../common/referrals.js';
import type { Scope } from '../../platform/access/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import * as repo from './people.repository.js';

export type {
  EqualityColumns,
  MatchQuery,
  PersonDetailsUpdate,
  PersonInsert,
  PersonLink,
  PersonMatchRow,
  PersonRow,
} from './people.repository.js';
export {
  findLikelyMatches,
  findOrInsertByNhsNumber,
  findPersonByNhsNumberVisibleTo,
  findPersonVisibleTo,
  insertPerson,
  isPersonVisibleTo,
  linkPerson,
  lockLikelyMatchKey,
  updateEqualityAnswers,
  updatePersonDetails,
} from './people.repository.js';

/**
 * People by id, for records found in scope that point at them (referrals, cases, tasks); only the
 * people the scope's team knows are returned, so a record of another team cannot lead to a person.
 */
export async function peopleByIds(
  db: DbOrTx,
  scope: Scope,
  ids: Iterable<string>,
): Promise<Map<string, repo.PersonRow>> {
  const rows = await repo.findPeopleByIds(db, scope, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r]));
}

/** Names, NHS numbers and birth dates of these people, for lists (the caseloads). */
export async function personNamesByIds(
  db: DbOrTx,
  scope: Scope,
  ids: Iterable<string>,
): Promise<Map<string, repo.PersonName>> {
  const rows = await repo.findPersonNamesByIds(db, scope, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r]));
}

/** The record's equality answers in the shape the API gives them (null = not asked). */
export function equalityOfRecord(p: repo.PersonRow): {
  sex: Sex | null;
  genderIdentity: GenderIdentity | null;
  genderIdentityDescription: string | null;
  ethnicity: EthnicCategory | null;
} {
  return {
    sex: p.sex as Sex | null,
    genderIdentity: p.genderIdentity as GenderIdentity | null,
    genderIdentityDescription: p.genderIdentityDescription,
    ethnicity: p.ethnicity as EthnicCategory | null,
  };
}

/** The record's details in the shape a referral keeps (for referrals made from a known record). */
export function detailsOfRecord(p: repo.PersonRow): ReferralPersonDetails {
  return {
    nhsNumber: p.nhsNumber,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    postcode: p.postcode,
    phone: p.phone,
    email: p.email,
    preferredContact: p.preferredContact as ContactMethod,
    language: p.language,
    interpreterNeeded: p.interpreterNeeded,
    accessibilityNeeds: p.accessibilityNeeds,
    registeredPracticeId: p.practiceId,
    ...equalityOfRecord(p),
  };
}
