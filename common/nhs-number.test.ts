import { describe, expect, it } from 'vitest';
import { formatNhsNumber, isValidNhsNumber, nhsNumberProblem } from './nhs-number.js';

describe('NHS number (Modulus 11), vectors from reference/nhs-data.md', () => {
  it.each([
    ['9434765919', null],
    ['943 476 5919', null],
    ['9990000018', null],
    ['9434765918', 'checksum'],
    ['9876544321', 'checksum'],
    ['9990000000', 'checksum'], // every 999000000x has check digit 10: never issued
    ['9990000001', 'checksum'],
    ['9990000009', 'checksum'],
    ['0000000000', 'repeated'],
    ['9999999999', 'repeated'],
    ['1111111111', 'repeated'],
    ['999000001', 'format'],
    ['99900000188', 'format'],
    ['999000001A', 'format'],
    ['９９９０００００１８', 'format'], // full-width digits
    ['999-000-0018', 'format'],
    ['', 'format'],
  ])('%s → %s', (input, problem) => {
    expect(nhsNumberProblem(input)).toBe(problem);
    expect(isValidNhsNumber(input)).toBe(problem === null);
  });

  it('formats as 3 3 4', () => {
    expect(formatNhsNumber('9990000018')).toBe('999 000 0018');
  });
});
