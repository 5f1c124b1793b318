/** Numbers and dates the way NHS.UK writes them. */
export function formatFte(fte: number | null): string {
  return fte === null ? 'Not set' : fte.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

export function orNotSet(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? 'Not set' : String(value);
}

export function formatBand(band: string | null): string {
  return band ? `Band ${band}` : 'Not set';
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/London',
});

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** "5 December 2026": the UK day of an instant. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DAY.format(date);
}
