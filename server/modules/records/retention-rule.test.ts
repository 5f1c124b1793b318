import { describe, expect, it } from 'vitest';
import { addYears, ageOn, isPastRetention, retentionOf } from './retention-rule.js';

describe('the retention rule (NHS Records Management Code of Practice)', () => {
  it('keeps an adult record 8 years after support ended', () => {
    expect(retentionOf({ dateOfBirth: '1950-06-01', closedOn: '2017-03-15' })).toEqual({
      rule: 'adult_8_years',
      retainUntil: '2025-03-15',
    });
  });

  it('keeps a child’s record until the 25th birthday, the 26th if 17 when care ended', () => {
    expect(retentionOf({ dateOfBirth: '2005-09-10', closedOn: '2019-01-01' })).toEqual({
      rule: 'child_25th_birthday',
      retainUntil: '2030-09-10',
    });
    expect(retentionOf({ dateOfBirth: '2001-09-10', closedOn: '2019-01-01' })).toEqual({
      rule: 'child_26th_birthday',
      retainUntil: '2027-09-10',
    });
    // 18 on the day care ended: an adult.
    expect(retentionOf({ dateOfBirth: '2001-01-01', closedOn: '2019-01-01' }).rule).toBe('adult_8_years');
    // The day before the 18th birthday: still 17.
    expect(retentionOf({ dateOfBirth: '2001-01-02', closedOn: '2019-01-01' }).rule).toBe('child_26th_birthday');
  });

  it('destroys only after the retain-until day', () => {
    const input = { dateOfBirth: '1950-06-01', closedOn: '2017-03-15' };
    expect(isPastRetention(input, '2025-03-15')).toBe(false);
    expect(isPastRetention(input, '2025-03-16')).toBe(true);
  });

  it('counts ages and anniversaries by calendar day, 29 February included', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(addYears('2016-02-29', 8)).toBe('2024-02-29');
    expect(addYears('2016-02-29', 9)).toBe('2025-02-28');
  });
});
