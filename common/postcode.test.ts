import { describe, expect, it } from 'vitest';
import { formatPostcode, normalisePostcode } from './postcode.js';

describe('normalisePostcode', () => {
  it.each([
    ['LS1 4AP', 'LS1 4AP'],
    ['ls14ap', 'LS1 4AP'],
    ['  m1   1ae ', 'M1 1AE'],
    ['SW1A1AA', 'SW1A 1AA'],
    ['b86 1aa', 'B86 1AA'],
  ])('%s → %s', (input, out) => expect(normalisePostcode(input)).toBe(out));

  it.each(['', 'LS1', '12345', 'LS1 4A', 'LS1 AAP', 'ZZZZ 1AA', 'LS1 4AP X'])('rejects %j', (input) =>
    expect(normalisePostcode(input)).toBeNull(),
  );
});

describe('formatPostcode', () => {
  it('shows a postcode with one space and capitals however it was stored, and anything else as it is', () => {
    expect(formatPostcode('ne14xx')).toBe('NE1 4XX');
    expect(formatPostcode(' NE1  4XX ')).toBe('NE1 4XX');
    expect(formatPostcode('Not a postcode')).toBe('Not a postcode');
    expect(formatPostcode(null)).toBe('');
  });
});
