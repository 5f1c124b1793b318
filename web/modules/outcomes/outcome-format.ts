import type { Measure } from '../../../common/outcome-measures';

const LONG = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const SHORT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A calendar day (YYYY-MM-DD) as people read it: "1 June 2026" (or "1 Jun 2026"). */
export function formatDay(iso: string, style: 'long' | 'short' = 'long'): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return (style === 'long' ? LONG : SHORT).format(date);
}

/** SWEMWBS metric scores as in the official table (2 decimals); PAM scores with their one decimal. */
export function formatScore(measure: Measure, value: number): string {
  if (measure === 'swemwbs') return value.toFixed(2);
  if (measure === 'pam') return value.toFixed(1);
  return String(value);
}
