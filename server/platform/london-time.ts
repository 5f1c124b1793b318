// An instant as people in England read it in a letter or a text (GOV.UK style): the day
// "Wednesday 9 December 2026" (no comma) and the time "1:30pm", in London time.

export function londonDayAndTime(at: Date): { date: string; time: string } {
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
    .format(at)
    .replace(',', '');
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  })
    .format(at)
    .replace(/\s+/g, ''); // "1:30pm" (ICU may put a narrow no-break space before "pm")
  return { date, time };
}
