import {
  type EqualityAnswers,
  ETHNIC_CATEGORIES,
  ETHNIC_GROUP_LABELS,
  ETHNIC_GROUPS,
  type EthnicCategory,
  GENDER_IDENTITY_LABELS,
  type GenderIdentity,
  SEX_LABELS,
  type Sex,
} from '../../../common/equality';

// The equality questions (sex, gender identity, ethnic group) are asked in two places, the
// referral form ("person.sex") and the case record ("sex"), so fields are named by a prefix.

export const EQUALITY_FIELDS = ['sex', 'genderIdentity', 'genderIdentityDescription', 'ethnicity'] as const;

export const EQUALITY_LABELS: Record<(typeof EQUALITY_FIELDS)[number], string> = {
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  genderIdentityDescription: 'How they describe their gender identity',
  ethnicity: 'Ethnic group',
};

/** The labels keyed by the form's field names (e.g. "person.sex"), for the error summary. */
export const equalityLabels = (prefix: string): Record<string, string> =>
  Object.fromEntries(EQUALITY_FIELDS.map((f) => [`${prefix}${f}`, EQUALITY_LABELS[f]]));

/** Select options, grouped as the NHS ethnic categories are; "prefer not to say" (Z) on its own. */
export const ETHNIC_OPTION_GROUPS = ETHNIC_GROUPS.filter((g) => g !== 'not_stated').map((group) => ({
  label: ETHNIC_GROUP_LABELS[group],
  options: ETHNIC_CATEGORIES.filter((c) => c.group === group).map((c) => ({ value: c.code, text: c.label })),
}));

/** What an answer reads as on the record: null was never asked, which is not the same as declining. */
export function equalityText(answers: Partial<EqualityAnswers> | null | undefined) {
  const a = answers ?? {};
  const ethnic = a.ethnicity ? ETHNIC_CATEGORIES.find((c) => c.code === a.ethnicity) : undefined;
  return {
    sex: a.sex ? SEX_LABELS[a.sex] : 'Not asked',
    genderIdentity: !a.genderIdentity
      ? 'Not asked'
      : a.genderIdentity === 'self_described'
        ? `In another way: ${a.genderIdentityDescription ?? ''}`.trim()
        : GENDER_IDENTITY_LABELS[a.genderIdentity],
    ethnicity: ethnic ? (ethnic.code === 'Z' ? 'Prefer not to say' : ethnic.label) : 'Not asked',
  };
}

/**
 * The four answers as the API takes them. A blank answer is `missing`: left out of a new referral
 * (undefined), "not asked" when a worker edits the record (null). The description is only sent
 * with "in another way", so a description typed and then un-chosen is not refused.
 */
export function readEqualityAnswers<M extends null | undefined>(form: FormData, prefix: string, missing: M) {
  const text = (name: string): string | M => String(form.get(`${prefix}${name}`) ?? '').trim() || missing;
  const genderIdentity = text('genderIdentity') as GenderIdentity | M;
  return {
    sex: text('sex') as Sex | M,
    genderIdentity,
    genderIdentityDescription: genderIdentity === 'self_described' ? text('genderIdentityDescription') : missing,
    ethnicity: text('ethnicity') as EthnicCategory | M,
  };
}
