/** Today as YYYY-MM-DD in the browser's own time zone (the worker's local day). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const TIME_PATTERN = /^([01]?\d|2[0-3]):[0-5]\d$/;
