import { describe, expect, it } from 'vitest';
import { formatSession, formatSessionSpan, isoToLondon, londonToIso } from './session-time';

describe('session times in England', () => {
  const now = new Date('2026-11-20T12:00:00Z');

  it('says a winter session as "Tue 8 Dec, 10:00", and a summer one in British Summer Time', () => {
    expect(formatSession('2026-12-08T10:00:00.000Z', now)).toBe('Tue 8 Dec, 10:00');
    expect(formatSession('2027-07-06T09:00:00.000Z', now)).toBe('Tue 6 Jul 2027, 10:00');
  });

  it('names the end time alone on the same day', () => {
    expect(formatSessionSpan('2026-12-08T10:00:00.000Z', '2026-12-08T12:30:00.000Z', now)).toBe(
      'Tue 8 Dec, 10:00 to 12:30',
    );
  });

  it('turns a date and time in England into the instant, both ways, across the clock change', () => {
    expect(londonToIso('2026-12-08', '10:00')).toBe('2026-12-08T10:00:00.000Z');
    expect(londonToIso('2026-07-07', '10:00')).toBe('2026-07-07T09:00:00.000Z');
    expect(isoToLondon('2026-07-07T09:00:00.000Z')).toEqual({ date: '2026-07-07', time: '10:00' });
  });
});
