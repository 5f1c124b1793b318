/** Today as YYYY-MM-DD in the browser's own time zone (the worker's local day). */
export function todayIso(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const TIME_PATTERN = /^([01]?\d|2[0-3]):[0-5]\d$/;

/**
 * Which field is wrong when a contact's date and time make a moment in the future: a later day is
 * the date's fault, a later time today the time's. Messages in the NHS.UK style, naming the field.
 */
export function futureContactErrors(date: string, time: string, now = new Date()): { at?: string; time?: string } {
  if (date > todayIso(now)) return { at: 'Date of the contact must be today or in the past' };
  if (date === todayIso(now) && time && new Date(`${date}T${time.padStart(5, '0')}:00`).getTime() > now.getTime()) {
    return { time: 'Time must be now or in the past' };
  }
  return {};
}

/** The duration field: whole minutes within what a contact may last; the error reads after its label. */
export function durationError(raw: string, required: boolean, max: number): string | undefined {
  if (!raw) return required ? 'Enter how long the contact lasted, in minutes' : undefined;
  const minutes = Number(raw);
  return /^\d+$/.test(raw) && minutes >= 1 && minutes <= max
    ? undefined
    : `Duration must be a whole number of minutes from 1 to ${max}`;
}
