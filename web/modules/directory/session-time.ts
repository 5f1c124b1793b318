// Times of sessions and events (the showcase), always in England's time whatever the computer's.

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

function londonParts(iso: string) {
  const parts = PARTS.formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: get('weekday'),
    day: get('day'),
    month: get('month'),
    year: get('year'),
    time: `${get('hour')}:${get('minute')}`,
  };
}

/** "Tue 8 Dec, 10:00" (the year too when it is not this year's). */
export function formatSession(iso: string, now: Date = new Date()): string {
  const p = londonParts(iso);
  const year = p.year === londonParts(now.toISOString()).year ? '' : ` ${p.year}`;
  return `${p.weekday} ${p.day} ${p.month}${year}, ${p.time}`;
}

/** "10:00" in England. */
export function formatSessionTime(iso: string): string {
  return londonParts(iso).time;
}

/** "Tue 8 Dec, 10:00 to 12:00" (or to another day's time, or no end). */
export function formatSessionSpan(startsAt: string, endsAt: string | null, now: Date = new Date()): string {
  if (!endsAt) return formatSession(startsAt, now);
  const sameDay = formatSession(startsAt, now).split(',')[0] === formatSession(endsAt, now).split(',')[0];
  return `${formatSession(startsAt, now)} to ${sameDay ? formatSessionTime(endsAt) : formatSession(endsAt, now)}`;
}

/** The instant of a date (YYYY-MM-DD) and time (HH:MM) in England, as an ISO string in UTC. */
export function londonToIso(date: string, time: string): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const seen = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(guess));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(seen.find((p) => p.type === type)?.value);
  const asLondon = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess - (asLondon - guess)).toISOString();
}

/** An instant as its date (YYYY-MM-DD) and time (HH:MM) in England, for an edit form. */
export function isoToLondon(iso: string): { date: string; time: string } {
  return {
    date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(iso)),
    time: formatSessionTime(iso),
  };
}
