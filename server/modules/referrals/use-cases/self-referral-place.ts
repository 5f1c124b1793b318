import { normalisePostcode } from '../../../../common/postcode.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { lookupPostcode, nearestPostcode } from '../../directory/postcodes/postcodes.service.js';
import * as organisations from '../../organisations/organisations.service.js';

// Where a resident's self-referral goes (issue 14): the PCN of the GP surgery they chose, or,
// when they do not know it, the PCN of the surgery nearest their home postcode.

export interface PublicPractice {
  id: string;
  name: string;
  postcode: string | null;
  pcnName: string;
}

const SEARCH_LIMIT = 20;
// A postcode district ("NE1", "DL10") or a whole postcode ("NE1 4XX", "ne14xx").
const DISTRICT = /^[A-Z]{1,2}[0-9][0-9A-Z]?$/;

/** Surgeries in use by name, or, when the words are a postcode or its district, near it. */
export async function searchPractices(db: DbOrTx, q: string): Promise<PublicPractice[]> {
  const words = q.trim();
  const compact = words.toUpperCase().replace(/\s+/g, '');
  const postcode = normalisePostcode(words);
  const district = postcode ? postcode.split(' ')[0] : DISTRICT.test(compact) ? compact : null;
  const rows = district
    ? await organisations.findPublicPractices(db, { district: district as string }, SEARCH_LIMIT)
    : await organisations.findPublicPractices(db, { words }, SEARCH_LIMIT);
  return rows.map(({ id, name, postcode: at, pcnName }) => ({ id, name, postcode: at, pcnName }));
}

export interface SelfReferralPlace {
  icbId: string;
  pcnId: string;
  /** The surgery the person named (their registered practice), if they knew it. */
  registeredPracticeId: string | null;
}

/** The place for a named surgery, or null when it is not one in use. */
export async function placeOfPractice(db: DbOrTx, practiceId: string): Promise<SelfReferralPlace | null> {
  const practice = await organisations.findPublicPractice(db, practiceId);
  return practice ? { icbId: practice.icbId, pcnId: practice.pcnId, registeredPracticeId: practice.id } : null;
}

/** The place of the surgery nearest `postcode`, or null when the postcode or no surgery is known. */
export async function placeNearest(db: DbOrTx, postcode: string): Promise<SelfReferralPlace | null> {
  const home = await lookupPostcode(db, postcode);
  if (!home) return null;
  const candidates = await organisations.findPublicPracticesWithPostcode(db);
  const nearest = await nearestPostcode(
    db,
    home,
    candidates.map((p) => p.postcode as string),
  );
  const practice = nearest
    ? candidates.filter((p) => p.postcode === nearest.postcode).sort((a, b) => a.name.localeCompare(b.name))[0]
    : undefined;
  return practice ? { icbId: practice.icbId, pcnId: practice.pcnId, registeredPracticeId: null } : null;
}
