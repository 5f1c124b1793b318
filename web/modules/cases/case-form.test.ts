import { describe, expect, it } from 'vitest';
import { durationError, futureContactErrors, todayIso } from './case-form';

describe('futureContactErrors: the field that is wrong is the one named', () => {
  const now = new Date(2026, 11, 5, 10, 0); // 5 December 2026, 10:00 local time
  it('a later time today is the time’s fault, not the date’s', () => {
    expect(futureContactErrors('2026-12-05', '11:30', now)).toEqual({ time: 'Time must be now or in the past' });
  });
  it('a later day is the date’s fault', () => {
    expect(futureContactErrors('2026-12-06', '09:00', now)).toEqual({
      at: 'Date of the contact must be today or in the past',
    });
  });
  it('earlier today, or an earlier day at any time, is fine', () => {
    expect(futureContactErrors('2026-12-05', '09:59', now)).toEqual({});
    expect(futureContactErrors('2026-12-04', '23:00', now)).toEqual({});
    expect(futureContactErrors(todayIso(now), '', now)).toEqual({});
  });
});

describe('durationError', () => {
  it('asks for a duration only where one is needed, and names the range otherwise', () => {
    expect(durationError('', true, 480)).toBe('Enter how long the contact lasted, in minutes');
    expect(durationError('', false, 480)).toBeUndefined();
    expect(durationError('45', true, 480)).toBeUndefined();
    expect(durationError('0', true, 480)).toBe('Duration must be a whole number of minutes from 1 to 480');
    expect(durationError('1.5', false, 480)).toBe('Duration must be a whole number of minutes from 1 to 480');
  });
});
