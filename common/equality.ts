import { z } from 'zod';

// What equality reporting needs to know about a person (issue 13, point 2). Every field is
// optional: null means "not asked"; "prefer not to say" is an answer of its own (not_stated,
// ethnic category Z), so the figures can tell "declined to say" from "never asked".

export const SEXES = ['female', 'male', 'not_stated'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  not_stated: 'Prefer not to say',
};

export const GENDER_IDENTITIES = ['woman', 'man', 'non_binary', 'self_described', 'not_stated'] as const;
export type GenderIdentity = (typeof GENDER_IDENTITIES)[number];
export const GENDER_IDENTITY_LABELS: Record<GenderIdentity, string> = {
  woman: 'Woman',
  man: 'Man',
  non_binary: 'Non-binary',
  self_described: 'In another way (they describe it)',
  not_stated: 'Prefer not to say',
};
/** The longest self-description of gender identity kept. */
export const GENDER_DESCRIPTION_MAX = 100;

/**
 * The NHS Data Dictionary's ETHNIC CATEGORY codes (the 2001 census categories GP systems and
 * NHS datasets use). Z "Not stated" is the person's choice not to say; "Not known" (99) is not
 * stored: it is a null.
 */
export const ETHNIC_CATEGORIES = [
  { code: 'A', group: 'white', label: 'White: British' },
  { code: 'B', group: 'white', label: 'White: Irish' },
  { code: 'C', group: 'white', label: 'White: any other White background' },
  { code: 'D', group: 'mixed', label: 'Mixed: White and Black Caribbean' },
  { code: 'E', group: 'mixed', label: 'Mixed: White and Black African' },
  { code: 'F', group: 'mixed', label: 'Mixed: White and Asian' },
  { code: 'G', group: 'mixed', label: 'Mixed: any other mixed background' },
  { code: 'H', group: 'asian', label: 'Asian or Asian British: Indian' },
  { code: 'J', group: 'asian', label: 'Asian or Asian British: Pakistani' },
  { code: 'K', group: 'asian', label: 'Asian or Asian British: Bangladeshi' },
  { code: 'L', group: 'asian', label: 'Asian or Asian British: any other Asian background' },
  { code: 'M', group: 'black', label: 'Black or Black British: Caribbean' },
  { code: 'N', group: 'black', label: 'Black or Black British: African' },
  { code: 'P', group: 'black', label: 'Black or Black British: any other Black background' },
  { code: 'R', group: 'other', label: 'Other ethnic group: Chinese' },
  { code: 'S', group: 'other', label: 'Other ethnic group: any other ethnic group' },
  { code: 'Z', group: 'not_stated', label: 'Prefer not to say (not stated)' },
] as const;
export type EthnicCategory = (typeof ETHNIC_CATEGORIES)[number]['code'];
export const ETHNIC_CATEGORY_CODES = ETHNIC_CATEGORIES.map((c) => c.code) as [EthnicCategory, ...EthnicCategory[]];

/** The five broad groups figures are reported by (small numbers make the 16 codes unpublishable). */
export const ETHNIC_GROUPS = ['white', 'mixed', 'asian', 'black', 'other', 'not_stated'] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];
export const ETHNIC_GROUP_LABELS: Record<EthnicGroup, string> = {
  white: 'White',
  mixed: 'Mixed or multiple',
  asian: 'Asian or Asian British',
  black: 'Black or Black British',
  other: 'Other ethnic group',
  not_stated: 'Not stated',
};

export function ethnicGroupOf(code: EthnicCategory): EthnicGroup {
  return ETHNIC_CATEGORIES.find((c) => c.code === code)?.group ?? 'not_stated';
}

/** Age bands of the figures (age on the day the referral was received). */
export const AGE_BANDS = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBandOf(age: number): AgeBand {
  if (age < 18) return '0-17';
  if (age < 25) return '18-24';
  if (age >= 85) return '85+';
  const lower = Math.floor((age - 5) / 10) * 10 + 5;
  return `${lower}-${lower + 9}` as AgeBand;
}

/**
 * Index of Multiple Deprivation: decile 1 is the most deprived 10% of areas (LSOAs) in England,
 * 10 the least. Quintile 1 = deciles 1–2.
 */
export const IMD_QUINTILES = ['1', '2', '3', '4', '5'] as const;
export type ImdQuintile = (typeof IMD_QUINTILES)[number];
export const imdQuintileOf = (decile: number): ImdQuintile => String(Math.ceil(decile / 2)) as ImdQuintile;
export const IMD_QUINTILE_LABELS: Record<ImdQuintile, string> = {
  '1': '1 (most deprived)',
  '2': '2',
  '3': '3',
  '4': '4',
  '5': '5 (least deprived)',
};

/** The equality answers as the API takes and gives them (every one optional and nullable). */
export const ZEqualityAnswers = z
  .object({
    sex: z.enum(SEXES, { message: 'must be female, male or not_stated (prefer not to say)' }).nullable().optional(),
    genderIdentity: z
      .enum(GENDER_IDENTITIES, {
        message: 'must be woman, man, non_binary, self_described or not_stated (prefer not to say)',
      })
      .nullable()
      .optional(),
    genderIdentityDescription: z
      .string()
      .trim()
      .max(GENDER_DESCRIPTION_MAX, `must be ${GENDER_DESCRIPTION_MAX} characters or fewer`)
      .nullable()
      .optional(),
    ethnicity: z
      .enum(ETHNIC_CATEGORY_CODES, { message: 'must be an NHS ethnic category code (A to S, or Z for not stated)' })
      .nullable()
      .optional(),
  })
  .superRefine((a, check) => {
    if (a.genderIdentity === 'self_described' && !a.genderIdentityDescription) {
      check.addIssue({
        code: 'custom',
        path: ['genderIdentityDescription'],
        message: 'is needed when the person describes their gender identity themselves',
      });
    }
    if (a.genderIdentity !== 'self_described' && a.genderIdentityDescription) {
      check.addIssue({
        code: 'custom',
        path: ['genderIdentityDescription'],
        message: 'is only kept when the gender identity is self_described',
      });
    }
  });
export type EqualityAnswers = z.infer<typeof ZEqualityAnswers>;
