import type { IcbRandom } from './random.js';

// Time for the synthetic ICB: referrals arrive with the seasons (a January peak, quiet August
// and Christmas weeks, hardly any at weekends) and a slow growth over the years; the team works
// on weekdays, so waits are counted in working days as the targets are.

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** Relative referral volume by calendar month (January first). */
const MONTH_WEIGHT = [1.3, 1.15, 1.1, 1, 1, 0.95, 0.9, 0.65, 1, 1.1, 1.15, 0.7];
const WEEKDAY_WEIGHT = [0.04, 1, 1, 1, 1, 0.95, 0.06]; // Sunday first

const isWeekend = (t: number) => {
  const d = new Date(t).getUTCDay();
  return d === 0 || d === 6;
};

/** A moment in working hours on the same day, or on the next weekday. */
export function inWorkingHours(random: IcbRandom, t: number): number {
  let day = Math.floor(t / DAY) * DAY;
  while (isWeekend(day)) day += DAY;
  return day + 8 * HOUR + Math.floor(random.next() * 9 * HOUR);
}

/** `days` working days (fractional allowed) after `t`, landing in working hours. */
export function addWorkingDays(random: IcbRandom, t: number, days: number): number {
  let day = Math.floor(t / DAY) * DAY;
  let whole = Math.floor(days);
  while (whole > 0) {
    day += DAY;
    if (!isWeekend(day)) whole--;
  }
  const rest = days - Math.floor(days);
  const sameDay = day + (t - Math.floor(t / DAY) * DAY) + rest * 9 * HOUR;
  return sameDay > day + 17 * HOUR || isWeekend(day) ? inWorkingHours(random, day + DAY) : Math.max(sameDay, t);
}

/** A receipt time in [start, end): rejection-sampled against the seasonal and weekday weights. */
export function seasonalMoment(random: IcbRandom, start: number, end: number): number {
  const span = end - start;
  for (;;) {
    const t = start + random.next() * span;
    const d = new Date(t);
    const growth = 0.8 + (0.2 * (t - start)) / span;
    const christmas = d.getUTCMonth() === 11 && d.getUTCDate() >= 20 ? 0.5 : 1;
    const w =
      (MONTH_WEIGHT[d.getUTCMonth()] as number) * (WEEKDAY_WEIGHT[d.getUTCDay()] as number) * growth * christmas;
    if (random.next() * 1.3 < w) return t;
  }
}

export const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
