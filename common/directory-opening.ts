import { type ListingSchedule, WEEKDAY_LABELS, WEEKDAYS, type Weekday } from './directory.js';

// Opening times in words, for search results and the listing page (server and web share it).
// Schedules are iCal-style rules (ListingSchedule); people read "Tuesdays 10:00 to 12:00" and
// "First Tuesday of the month 18:00 to 20:00", never "FREQ=MONTHLY;BYDAY=1TU".

type OpeningRule = Pick<
  ListingSchedule,
  'freq' | 'interval' | 'byday' | 'bymonthday' | 'opens_at' | 'closes_at' | 'description' | 'notes'
>;

const ORDINALS: Record<string, string> = {
  '1': 'First',
  '2': 'Second',
  '3': 'Third',
  '4': 'Fourth',
  '5': 'Fifth',
  '-1': 'Last',
  '-2': 'Second to last',
};

const isWeekday = (code: string): code is Weekday => (WEEKDAYS as readonly string[]).includes(code);

/** "MO, we" → ["MO", "WE"]; codes that are not weekdays are dropped. */
function weekdaysOf(byday: string | null | undefined): Weekday[] {
  return (byday ?? '')
    .split(',')
    .map((d) => d.trim().toUpperCase())
    .filter(isWeekday);
}

/** "10:00:00" → "10:00". */
const hhmm = (time: string | null | undefined) => (time ? time.slice(0, 5) : null);

/** Open from midnight to midnight (00:00 to 23:59, 24:00 or 00:00). */
function allDay(rule: OpeningRule): boolean {
  return hhmm(rule.opens_at) === '00:00' && ['23:59', '24:00', '00:00'].includes(hhmm(rule.closes_at) ?? '');
}

function timesOf(rule: OpeningRule): string {
  if (allDay(rule)) return ', open 24 hours';
  const opens = hhmm(rule.opens_at);
  const closes = hhmm(rule.closes_at);
  if (opens && closes) return ` ${opens} to ${closes}`;
  if (opens) return ` from ${opens}`;
  if (closes) return ` until ${closes}`;
  return '';
}

/** ["Monday", "Wednesday"] → "Mondays and Wednesdays". */
function pluralDays(days: Weekday[]): string {
  const names = days.map((d) => `${WEEKDAY_LABELS[d]}s`);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function ordinalDay(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

function weeklyText(rule: OpeningRule): string | null {
  const days = weekdaysOf(rule.byday);
  if (days.length === 0) return null;
  if (new Set(days).size === WEEKDAYS.length && !(rule.interval && rule.interval > 1)) return 'Every day';
  const every =
    rule.interval && rule.interval > 1
      ? rule.interval === 2
        ? 'Every other '
        : `Every ${rule.interval} weeks on `
      : '';
  const named = every ? days.map((d) => WEEKDAY_LABELS[d]).join(' and ') : pluralDays(days);
  return `${every}${named}`;
}

/** "1TU" → "First Tuesday of the month"; "-1FR" → "Last Friday of the month". */
function monthlyText(rule: OpeningRule): string | null {
  const parts = (rule.byday ?? '')
    .split(',')
    .map((d) => d.trim().toUpperCase())
    .filter(Boolean);
  const described: string[] = [];
  for (const part of parts) {
    const m = /^([+-]?\d)?([A-Z]{2})$/.exec(part);
    const day = m?.[2];
    if (!m || !day || !isWeekday(day)) continue;
    const ordinal = m[1] ? ORDINALS[m[1].replace('+', '')] : undefined;
    described.push(ordinal ? `${ordinal} ${WEEKDAY_LABELS[day]}` : `Every ${WEEKDAY_LABELS[day]}`);
  }
  if (described.length > 0) {
    const joined =
      described.length === 1
        ? (described[0] as string)
        : `${described.slice(0, -1).join(', ')} and ${described.at(-1)?.toLowerCase()}`;
    return `${joined} of the month`;
  }
  const monthDays = (rule.bymonthday ?? '')
    .split(',')
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d >= 1 && d <= 31);
  if (monthDays.length > 0) {
    const named = monthDays.map(ordinalDay);
    const joined = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
    return `On the ${joined} of the month`;
  }
  return null;
}

/** Where a rule sorts: by its first weekday, then by opening time; rules without days last. */
function sortKey(rule: OpeningRule): string {
  const day = weekdaysOf((rule.byday ?? '').replace(/[+-]?\d/g, ''))[0];
  const dayIndex = day ? WEEKDAYS.indexOf(day) : 9;
  return `${rule.freq === 'MONTHLY' ? 1 : 0}${dayIndex}${hhmm(rule.opens_at) ?? '99:99'}`;
}

/** One line per opening rule, in weekday order; notes (e.g. bank holidays) in brackets. */
export function describeOpening(rules: readonly OpeningRule[]): string[] {
  return [...rules]
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
    .map((rule) => {
      const when = rule.freq === 'MONTHLY' ? monthlyText(rule) : weeklyText(rule);
      const base =
        when === 'Every day' && allDay(rule)
          ? 'Open 24 hours, every day'
          : when
            ? `${when}${timesOf(rule)}`
            : (rule.description?.trim() ?? '');
      const notes = rule.notes?.trim();
      if (!base) return notes ?? '';
      return notes ? `${base} (${notes})` : base;
    })
    .filter((line) => line !== '');
}
