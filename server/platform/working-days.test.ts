import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, londonDate, workingDaysBetween } from './working-days.js';

describe('working days in England', () => {
  it('skips weekends', () => {
    // Friday 2026-11-06 + 1 working day is Monday 2026-11-09.
    expect(addWorkingDays('2026-11-06', 1)).toBe('2026-11-09');
    expect(addWorkingDays('2026-11-02', 5)).toBe('2026-11-09');
  });

  it('skips bank holidays, substitute days included', () => {
    // Christmas Day is a Friday, Boxing Day a Saturday, so Monday 28th is the substitute day.
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-12-28')).toBe(false);
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    // Easter 2027: Good Friday 26 March, Easter Monday 29 March.
    expect(addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
  });

  it('counts the working days between two dates', () => {
    expect(workingDaysBetween('2026-12-24', '2026-12-29')).toBe(1);
    expect(workingDaysBetween('2026-11-02', '2026-11-09')).toBe(5);
    expect(workingDaysBetween('2026-11-09', '2026-11-09')).toBe(0);
    expect(workingDaysBetween('2026-11-09', '2026-11-02')).toBe(0);
  });

  it('gives the date in London, not UTC', () => {
    // 23:30 UTC in British Summer Time is already the next day in London.
    expect(londonDate(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(londonDate(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });
});
