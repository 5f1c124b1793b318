import { describe, expect, it } from 'vitest';
import { equalityText, readEqualityAnswers } from './equality-form';
import { readReferralForm } from './referral-form';

const formWith = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
};

describe('the equality questions', () => {
  it('sends a new referral’s answers, and leaves unanswered ones out', () => {
    const { referral } = readReferralForm(
      formWith({ 'person.sex': 'not_stated', 'person.ethnicity': 'N', 'person.genderIdentity': '' }),
      { source: '', isPractice: true },
    );
    expect(referral.person).toMatchObject({ sex: 'not_stated', ethnicity: 'N' });
    expect(referral.person.genderIdentity).toBeUndefined();
  });

  it('sends the self-description only with "in another way"', () => {
    const typed = { genderIdentityDescription: 'Genderfluid' };
    expect(readEqualityAnswers(formWith({ ...typed, genderIdentity: 'self_described' }), '', null)).toEqual({
      sex: null,
      genderIdentity: 'self_described',
      genderIdentityDescription: 'Genderfluid',
      ethnicity: null,
    });
    expect(
      readEqualityAnswers(formWith({ ...typed, genderIdentity: 'woman' }), '', null).genderIdentityDescription,
    ).toBe(null);
  });

  it('reads "not asked" apart from "prefer not to say" on the record', () => {
    expect(equalityText({ sex: null, genderIdentity: null, ethnicity: null })).toEqual({
      sex: 'Not asked',
      genderIdentity: 'Not asked',
      ethnicity: 'Not asked',
    });
    expect(
      equalityText({
        sex: 'not_stated',
        genderIdentity: 'self_described',
        genderIdentityDescription: 'Agender',
        ethnicity: 'Z',
      }),
    ).toEqual({ sex: 'Prefer not to say', genderIdentity: 'In another way: Agender', ethnicity: 'Prefer not to say' });
    expect(equalityText({ ethnicity: 'H' }).ethnicity).toBe('Asian or Asian British: Indian');
  });
});
