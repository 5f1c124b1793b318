import { describe, expect, it } from 'vitest';
import { fieldProblem, MAX_LENGTH, POSTCODE_MESSAGE, zNhsNumber, zPostcode } from './fields.js';

describe('zNhsNumber', () => {
  it('takes 10 digits with a valid check digit, spaces allowed, and gives the digits', () => {
    expect(zNhsNumber().parse('999 000 0018')).toBe('9990000018');
  });

  it.each([
    ['999 000 001', /10 digits/],
    ['９９９０００００１８', /10 digits/],
    ['4444444444', /all digits the same/],
    ['9434765918', /not a valid NHS number/],
    ['9990000000', /not a valid NHS number/],
  ])('refuses %s, saying why', (input, reason) => {
    expect(fieldProblem(zNhsNumber(), input)).toMatch(reason);
  });

  it('refuses text longer than any NHS number could be typed', () => {
    expect(fieldProblem(zNhsNumber(), '9'.repeat(MAX_LENGTH.nhsNumber + 1))).toMatch(/at most 40 characters/);
  });
});

describe('zPostcode', () => {
  it('normalises a UK postcode', () => {
    expect(zPostcode().parse(' ne14xx ')).toBe('NE1 4XX');
  });

  it.each(['LS1 ZZZ', 'NOWHERE', '12345'])('refuses %s as not a UK postcode', (input) => {
    expect(fieldProblem(zPostcode(), input)).toBe(POSTCODE_MESSAGE);
  });

  it('says the same when the value is not text at all, unless told otherwise', () => {
    expect(fieldProblem(zPostcode(), 42)).toBe(POSTCODE_MESSAGE);
    expect(fieldProblem(zPostcode({ message: 'is required' }), undefined)).toBe('is required');
  });
});
