import type { RetentionRule } from '../../../common/records.js';

// The retention rule of reference/nhs-data.md (NHS Records Management Code of Practice):
// adult health and social care records are kept 8 years after support ended; children's until
// the 25th birthday, or the 26th if they were 17 when care ended. Dates are calendar days
// (Europe/London days in practice; a day's difference at midnight is immaterial here).

export interface RetentionInput {
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  /** The day the person's last referral closed (support ended), YYYY-MM-DD. */
  closedOn: string;
}

export interface RetentionDecision {
  rule: RetentionRule;
  /** The last day the record must be kept; destruction is due the day after. */
  retainUntil: string;
}

/** The same day and month `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dd = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Whole years between the date of birth and `on` (the age on that day). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function retentionOf({ dateOfBirth, closedOn }: RetentionInput): RetentionDecision {
  const age = ageOn(dateOfBirth, closedOn);
  if (age >= 18) return { rule: 'adult_8_years', retainUntil: addYears(closedOn, 8) };
  if (age === 17) return { rule: 'child_26th_birthday', retainUntil: addYears(dateOfBirth, 26) };
  return { rule: 'child_25th_birthday', retainUntil: addYears(dateOfBirth, 25) };
}

/** Whether the record is past retention on `today` (the retain-until day itself is still kept). */
export function isPastRetention(input: RetentionInput, today: string): boolean {
  return retentionOf(input).retainUntil < today;
}
