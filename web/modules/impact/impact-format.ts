/** "Mar", or "March 2026" in full. */
export function monthLabel(month: string, full: boolean): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', {
    month: full ? 'long' : 'short',
    ...(full ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

/** "1 March 2026". */
export function dateLabel(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
