import { z } from 'zod';

// Dates and date-times as request schemas take them. A date must exist on the calendar (no
// 30 February: JavaScript's Date would quietly read it as 2 March) and lie within years any
// record of ours can mean; outside them PostgreSQL (no year 0) or JavaScript (no year 10000 in
// ISO form) fails with a 500 instead of telling the user which answer to correct.

export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';
const EARLIEST_MS = Date.UTC(1900, 0, 1);
/** Exclusive: the first instant after LATEST_DATE in UTC. */
const AFTER_LATEST_MS = Date.UTC(2200, 0, 1);

export const DATE_RANGE_MESSAGE = `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** `YYYY-MM-DD` that exists on the calendar (leap years included). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_SHAPE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(2000, mo - 1, d));
  at.setUTCFullYear(y);
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

/** A calendar date within EARLIEST_DATE..LATEST_DATE. */
export function isDateInRange(value: string): boolean {
  return isCalendarDate(value) && value >= EARLIEST_DATE && value <= LATEST_DATE;
}

/** An instant (ms since the epoch) within the same years. */
export function isInstantInRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < AFTER_LATEST_MS;
}

/** A date, `YYYY-MM-DD`, that exists and lies between 1900 and 2199. */
export function zDate(message = 'must be a real date, like 2026-03-12') {
  // The range is checked only on a well-formed date, so a malformed one gets one message.
  return z.iso.date({ message }).refine((v) => !isCalendarDate(v) || isDateInRange(v), { message: DATE_RANGE_MESSAGE });
}

/** An RFC 3339 date-time with Z or an offset, on a real date between 1900 and 2199. */
export function zDateTime(message = 'must be a date and time, like 2026-03-12T10:30:00Z') {
  return z.iso.datetime({ offset: true, message }).refine(
    (v) => {
      const ms = Date.parse(v);
      return !DATE_TIME_SHAPE.test(v) || Number.isNaN(ms) || isInstantInRange(ms);
    },
    { message: DATE_RANGE_MESSAGE },
  );
}
