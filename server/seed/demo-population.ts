import {
  AGE_BANDS,
  ETHNIC_CATEGORY_CODES,
  type EthnicCategory,
  type GenderIdentity,
  type Sex,
} from '../../common/equality.js';
import { practicePopulation } from '../modules/analytics/analytics.tables.js';
import type { Tx } from '../platform/db/client.js';

// Synthetic registered populations and equality answers for the demo (issue 13): made up, shaped
// like a small English town's practices, so the equality figures have something to divide by.

/** Share of a practice's list in each age band (AGE_BANDS order; sums to 1). */
const AGE_SHARES = [0.2, 0.08, 0.13, 0.13, 0.13, 0.12, 0.1, 0.08, 0.03];
const FEMALE_SHARE = 0.505;

/** A list size for the nth demo practice: 4,000 to about 13,000, varied but repeatable. */
export const demoListSize = (n: number) => 4000 + ((n * 2719) % 9000);

/** Whole numbers in proportion to shares, summing exactly to the total (the last takes the rest). */
function split(total: number, shares: readonly number[]): number[] {
  const parts = shares.map((s) => Math.floor(total * s));
  parts[parts.length - 1] = total - parts.slice(0, -1).reduce((a, b) => a + b, 0);
  return parts;
}

/** The practice's registered patients by age band and by sex, each summing to the list size. */
export async function insertDemoPopulation(tx: Tx, practiceId: string, listSize: number): Promise<void> {
  const ages = split(listSize, AGE_SHARES);
  const [female = 0, male = 0] = split(listSize, [FEMALE_SHARE, 1 - FEMALE_SHARE]);
  await tx
    .insert(practicePopulation)
    .values([
      ...AGE_BANDS.map((band, i) => ({ practiceId, dimension: 'age_band', value: band, people: ages[i] ?? 0 })),
      { practiceId, dimension: 'sex', value: 'female', people: female },
      { practiceId, dimension: 'sex', value: 'male', people: male },
    ]);
}

export interface DemoEqualityAnswers {
  sex: Sex | null;
  genderIdentity: GenderIdentity | null;
  genderIdentityDescription: string | null;
  ethnicity: EthnicCategory | null;
}

const MOSTLY_WHITE_BRITISH: EthnicCategory[] = ['A', 'A', 'A', 'A', 'A', 'A', 'C', 'H', 'J', 'N', 'F', 'R', 'B', 'M'];

/**
 * A plausible spread for the nth demo person: most answered, every seventh never asked (null),
 * every fifth preferring not to say one of them, a few self-describing their gender identity.
 */
export function demoEqualityAnswers(n: number): DemoEqualityAnswers {
  if (n % 7 === 3) return { sex: null, genderIdentity: null, genderIdentityDescription: null, ethnicity: null };
  const sex: Sex = n % 5 === 4 ? 'not_stated' : n % 2 === 0 ? 'female' : 'male';
  const genderIdentity: GenderIdentity =
    n % 11 === 6
      ? 'self_described'
      : n % 13 === 5
        ? 'non_binary'
        : n % 5 === 2
          ? 'not_stated'
          : sex === 'male'
            ? 'man'
            : 'woman';
  const ethnicity: EthnicCategory =
    n % 9 === 8 ? 'Z' : (MOSTLY_WHITE_BRITISH[n % MOSTLY_WHITE_BRITISH.length] ?? ETHNIC_CATEGORY_CODES[0]);
  return {
    sex,
    genderIdentity,
    genderIdentityDescription: genderIdentity === 'self_described' ? 'Genderfluid' : null,
    ethnicity,
  };
}
