import { randomInt } from 'node:crypto';

// Test data for referral intake: synthetic people only, NHS numbers from the test range
// 999 000 0000 – 999 999 9999 (reference/nhs-data.md), valid by Modulus 11.

/** The check digit for nine digits, or null when there is none (check 10: never issued). */
export function nhsCheckDigit(nine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return check === 11 ? 0 : check;
}

/** A random valid NHS number in the test range. */
export function testNhsNumber(): string {
  for (;;) {
    const nine = `999${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const check = nhsCheckDigit(nine);
    if (check !== null && !/^(\d)\1{9}$/.test(`${nine}${check}`)) return `${nine}${check}`;
  }
}

const GIVEN = ['Alex', 'Bryony', 'Callum', 'Delia', 'Ewan', 'Farah', 'Gideon', 'Hattie', 'Idris', 'Juno'];
let counter = 0;

/** A family name no other test has used, so likely-match lookups meet only this test's people. */
export function uniqueFamilyName(): string {
  return `Testperson${process.pid}x${++counter}x${randomInt(0, 1_000_000)}`;
}

/** A valid referral body, as the web form sends it, for a practice referral. */
export function validReferralBody(overrides: Record<string, unknown> = {}, person: Record<string, unknown> = {}) {
  return {
    person: {
      nhsNumber: testNhsNumber(),
      givenName: GIVEN[randomInt(0, GIVEN.length)],
      familyName: uniqueFamilyName(),
      dateOfBirth: '1961-07-14',
      postcode: 'ls1 4ap',
      phone: '07700 900982',
      email: 'person@example.org',
      preferredContact: 'phone',
      language: 'English',
      interpreterNeeded: false,
      accessibilityNeeds: 'Uses a wheelchair',
      ...person,
    },
    source: 'practice',
    reasons: ['loneliness', 'housing'],
    details: 'Lives alone since her husband died; behind on rent.',
    urgencyRequested: 'routine',
    consentToReferral: true,
    consentToShare: true,
    safeguardingConcern: false,
    ...overrides,
  };
}
