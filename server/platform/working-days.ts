import Holidays from 'date-holidays';

// Working days in England: Monday to Friday, less the bank holidays of England and Wales
// (substitute days included). The holiday rules come from `date-holidays`, a maintained
// calendar, rather than a list typed in here that would run out.

const england = new Holidays('GB', 'ENG');
const bankHolidaysByYear = new Map<number, Set<string>>();

function bankHolidaysOf(year: number): Set<string> {
  let days = bankHolidaysByYear.get(year);
  if (!days) {
    days = new Set(
      england
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    bankHolidaysByYear.set(year, days);
  }
  return days;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parse(isoDate: string): Date {
  if (!DATE.test(isoDate)) throw new Error(`not a date: ${isoDate}`);
  return new Date(`${isoDate}T00:00:00Z`);
}
const format = (d: Date) => d.toISOString().slice(0, 10);

// One formatter for the process: building an Intl.DateTimeFormat costs far more than using one
// (it was a tenth of a cached dashboard answer's time).
const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** The London calendar date (YYYY-MM-DD) of an instant. */
export function londonDate(at: Date): string {
  return londonDay.format(at);
}

export function isBankHoliday(isoDate: string): boolean {
  return bankHolidaysOf(Number(isoDate.slice(0, 4))).has(isoDate);
}

export function isWorkingDay(isoDate: string): boolean {
  const weekday = parse(isoDate).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(isoDate);
}

/** The date `n` working days after `isoDate` (n ≥ 0; 0 gives the date itself). */
export function addWorkingDays(isoDate: string, n: number): string {
  const d = parse(isoDate);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(format(d))) left -= 1;
  }
  return format(d);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  const d = parse(from);
  const end = parse(to);
  let count = 0;
  while (d < end) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(format(d))) count += 1;
  }
  return count;
}
