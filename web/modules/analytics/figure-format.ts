import type { FigureUnit, PublishedValue } from '../../../common/analytics';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-04" → "April 2026" (or "Apr 2026" short); anything else is returned as it is. */
export function monthText(month: string, short = false): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !name) return month;
  return `${short ? name.slice(0, 3) : name} ${m[1]}`;
}

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A published figure as the table shows it: "*" stays "*", nothing to show is "–". */
export function figureText(value: PublishedValue | string | undefined, unit: FigureUnit): string {
  if (value === undefined || value === null) return '–';
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'count':
      return whole.format(value);
    case 'percent':
      return `${oneDecimal.format(value)}%`;
    case 'score':
      return twoDecimals.format(value);
    default:
      return oneDecimal.format(value);
  }
}

/** "5 December 2026 at 1:04am" for "as of" (Europe/London, where the figures are counted). */
export function asOfText(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const day = at.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
  const time = at
    .toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' })
    .replace(' ', '');
  return `${day} at ${time}`;
}
