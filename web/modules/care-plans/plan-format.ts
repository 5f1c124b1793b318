import { type CarePlanVersionSummary, PLAN_FIELD_LABELS } from '../../../common/care-plan';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const SAVED = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** 2026-03-12 → 12 March 2026. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return 'Not set';
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : DAY.format(date);
}

/** "Version 3, saved by Tom Okafor on 12 March 2026 at 10:30". */
export function versionLine(v: CarePlanVersionSummary): string {
  return `Version ${v.version}, saved by ${v.savedBy.name} on ${SAVED.format(new Date(v.savedAt)).replace(', ', ' at ')}`;
}

export function formatSaved(iso: string): string {
  return SAVED.format(new Date(iso)).replace(', ', ' at ');
}

const PART_LABELS: Record<string, string> = {
  domain: 'need',
  notes: 'notes',
  text: 'goal',
  targetDate: 'target date',
  progress: 'progress',
  date: 'date',
  score: 'score',
  note: 'note',
  who: 'who',
  what: 'what',
  byWhen: 'by when',
  done: 'done',
};

/** `goals.0.progress.1.score` → "My goals: goal 1, progress 2, score". */
export function fieldLabel(field: string): string {
  const [top = '', ...rest] = field.split('.');
  const parts: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const part = rest[i] as string;
    const next = rest[i + 1];
    if (/^\d+$/.test(part)) continue;
    if (next !== undefined && /^\d+$/.test(next)) parts.push(`${PART_LABELS[part] ?? part} ${Number(next) + 1}`);
    else parts.push(PART_LABELS[part] ?? part);
  }
  const head = PLAN_FIELD_LABELS[top] ?? top;
  const index = rest[0] !== undefined && /^\d+$/.test(rest[0]) ? ` ${Number(rest[0]) + 1}` : '';
  const item = top === 'goals' ? 'goal' : top === 'actions' ? 'action' : top === 'needs' ? 'need' : '';
  return [head, ...(item ? [`${item}${index}`] : []), ...parts].join(', ');
}
