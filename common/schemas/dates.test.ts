import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_RANGE_MESSAGE, isCalendarDate, isDateInRange, zDate, zDateTime } from './dates.js';

const daysIn = (y: number, m: number) =>
  [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;

describe('calendar dates', () => {
  it('a YYYY-MM-DD exists exactly when its day is within its month (leap years included)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isCalendarDate(text)).toBe(m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m));
        },
      ),
      { numRuns: 2000 },
    );
    expect(isCalendarDate('2025-02-30')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
  });

  it('zDate refuses days that do not exist and years outside 1900–2199, with one message each', () => {
    const day = zDate('must be a real date');
    expect(day.safeParse('2026-03-12').success).toBe(true);
    expect(day.safeParse('1900-01-01').success).toBe(true);
    expect(day.safeParse('2199-12-31').success).toBe(true);
    for (const v of ['0000-01-01', '1899-12-31', '2200-01-01', '9999-12-31']) {
      expect(day.safeParse(v).error?.issues.map((i) => i.message)).toEqual([DATE_RANGE_MESSAGE]);
    }
    for (const v of ['2025-02-30', '10000-01-01', '2026-3-1', 'tomorrow']) {
      expect(day.safeParse(v).error?.issues.map((i) => i.message)).toEqual(['must be a real date']);
    }
    expect(isDateInRange('2026-03-12')).toBe(true);
  });

  it('zDateTime refuses instants outside 1900–2199 and impossible days', () => {
    const at = zDateTime('must be a date and time');
    expect(at.safeParse('2026-03-12T10:30:00Z').success).toBe(true);
    expect(at.safeParse('2026-03-12T10:30:00+01:00').success).toBe(true);
    for (const v of ['0000-06-01T10:00:00Z', '9999-12-31T23:59:59Z', '2200-01-01T00:30:00-01:00']) {
      expect(at.safeParse(v).error?.issues.map((i) => i.message)).toEqual([DATE_RANGE_MESSAGE]);
    }
    for (const v of ['2025-02-30T10:00:00Z', '+010000-01-01T00:00:00Z', '2026-03-12']) {
      expect(at.safeParse(v).error?.issues.map((i) => i.message)).toEqual(['must be a date and time']);
    }
  });
});
