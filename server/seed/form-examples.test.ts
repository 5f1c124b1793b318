import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nhsNumberProblem } from '../../common/nhs-number.js';
import { normalisePostcode } from '../../common/postcode.js';
import { NHS_NUMBER_EXAMPLE, POSTCODE_EXAMPLE } from '../../common/referrals.js';

// The referral form's hints show these; a hint that fails the form's own check misleads.
describe('the referral form’s hint examples', () => {
  it('the NHS number passes the check the form applies (Modulus 11) and is in the test range', () => {
    expect(nhsNumberProblem(NHS_NUMBER_EXAMPLE)).toBeNull();
    expect(NHS_NUMBER_EXAMPLE.replace(/\s/g, '')).toMatch(/^999\d{7}$/);
  });

  it('the postcode is one the demo’s postcode sample knows', () => {
    const sample = readFileSync(new URL('./data/onspd-sample.csv', import.meta.url), 'utf8');
    expect(normalisePostcode(POSTCODE_EXAMPLE)).toBe(POSTCODE_EXAMPLE);
    expect(sample).toContain(`"${POSTCODE_EXAMPLE}"`);
  });
});
