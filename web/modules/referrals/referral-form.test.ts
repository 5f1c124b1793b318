import { describe, expect, it } from 'vitest';
import { NHS_NUMBER_MESSAGES } from '../../../common/nhs-number';
import { POSTCODE_MESSAGE } from '../../../common/schemas/fields';
import { readReferralForm } from './referral-form';

const formWith = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
};
const read = (fields: Record<string, string>) => readReferralForm(formWith(fields), { source: '', isPractice: true });

describe('the referral form’s own checks', () => {
  it('says what is wrong with an NHS number or a postcode in the server’s words, beside the field', () => {
    const { local } = read({ 'person.nhsNumber': '943 476 5918', 'person.postcode': 'LS1 ZZZ' });
    expect(local['person.nhsNumber']).toBe(`NHS number ${NHS_NUMBER_MESSAGES.checksum}`);
    expect(local['person.postcode']).toBe(`Postcode ${POSTCODE_MESSAGE}`);
  });

  it('takes a valid NHS number and postcode, and leaves empty ones to the server', () => {
    expect(read({ 'person.nhsNumber': '999 000 0018', 'person.postcode': 'ne1 4xx' }).local).toEqual({});
    expect(read({}).local).toEqual({});
  });

  it('still sends what was typed, so the answer lists the other problems too', () => {
    const { referral } = read({ 'person.nhsNumber': '12345' });
    expect(referral.person.nhsNumber).toBe('12345');
  });
});
