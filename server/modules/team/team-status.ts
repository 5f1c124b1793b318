import { TRAINING_DUE_WITHIN_DAYS, type TrainingStatus } from '../../../common/team.js';

// Due, expired and overdue, as pure functions of dates (YYYY-MM-DD) and today: no clock, no database.

const DAY_MS = 86_400_000;
const utc = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(isoDate: string, days: number): string {
  return iso(utc(isoDate) + days * DAY_MS);
}

/** The same day `months` later; a day the month lacks becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)));
}

export interface RequirementForStatus {
  id: string;
  validityMonths: number | null;
}

export interface CompletionForStatus {
  requirementId: string | null;
  completedOn: string;
}

/**
 * One requirement's status from the member's completions: the latest completion counts; it
 * expires `validityMonths` after it (never, when null); it is due for renewal within
 * TRAINING_DUE_WITHIN_DAYS of expiring; on its expiry date it has expired.
 */
export function requirementStatus(
  requirement: RequirementForStatus,
  completions: readonly CompletionForStatus[],
  today: string,
): { status: TrainingStatus; completedOn: string | null; expiresOn: string | null } {
  const latest = completions
    .filter((c) => c.requirementId === requirement.id)
    .reduce<string | null>((best, c) => (best === null || c.completedOn > best ? c.completedOn : best), null);
  if (latest === null) return { status: 'not_done', completedOn: null, expiresOn: null };
  if (requirement.validityMonths === null) return { status: 'valid', completedOn: latest, expiresOn: null };
  const expiresOn = addMonths(latest, requirement.validityMonths);
  if (expiresOn <= today) return { status: 'expired', completedOn: latest, expiresOn };
  if (expiresOn <= addDays(today, TRAINING_DUE_WITHIN_DAYS)) return { status: 'due', completedOn: latest, expiresOn };
  return { status: 'valid', completedOn: latest, expiresOn };
}

/**
 * Supervision: the next session is due `intervalDays` after the last one (or after the start
 * date, for someone with none yet); overdue once that day has passed. Someone with neither a
 * session nor a start date is overdue: nothing shows they have ever been supervised.
 */
export function supervisionStatus(
  intervalDays: number | null,
  lastOn: string | null,
  startDate: string | null,
  today: string,
): { intervalDays: number | null; lastOn: string | null; dueOn: string | null; overdue: boolean } {
  if (intervalDays === null) return { intervalDays, lastOn, dueOn: null, overdue: false };
  const from = lastOn ?? startDate;
  if (from === null) return { intervalDays, lastOn, dueOn: today, overdue: true };
  const dueOn = addDays(from, intervalDays);
  return { intervalDays, lastOn, dueOn, overdue: dueOn < today };
}
