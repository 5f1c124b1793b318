const PARTS = [
  { key: 'day', label: 'Day', width: 2 },
  { key: 'month', label: 'Month', width: 2 },
  { key: 'year', label: 'Year', width: 4 },
] as const;

function split(iso: string | undefined): Record<'day' | 'month' | 'year', string> {
  const [year = '', month = '', day = ''] = (iso ?? '').split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
}

/**
 * NHS.UK date input: day, month and year as separate numeric fields in a fieldset (easier to type
 * and read than a browser date picker, whose format follows the computer's locale).
 */
export function DateInput({
  id,
  legend,
  hint,
  defaultValue,
  error,
}: {
  id: string;
  legend: string;
  hint?: string;
  /** YYYY-MM-DD */
  defaultValue?: string;
  error?: string;
}) {
  const values = split(defaultValue);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={hintId}>
            {hint}
          </div>
        )}
        {error && (
          <span className="nhsuk-error-message" id={errorId}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <div className="nhsuk-date-input" id={id}>
          {PARTS.map((part) => (
            <div className="nhsuk-date-input__item" key={part.key}>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`${id}-${part.key}`}>
                  {part.label}
                </label>
                <input
                  className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part.width}${error ? ' nhsuk-input--error' : ''}`}
                  id={`${id}-${part.key}`}
                  name={`${id}-${part.key}`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  defaultValue={values[part.key]}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * Reads a DateInput back as YYYY-MM-DD. Nothing typed: no date. Otherwise every part must be
 * there and make a real calendar date.
 */
export function readDate(form: FormData, id: string, label: string): { value?: string; error?: string } {
  const get = (part: string) => String(form.get(`${id}-${part}`) ?? '').trim();
  const day = get('day');
  const month = get('month');
  const year = get('year');
  if (!day && !month && !year) return {};
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  if (missing.length > 0) return { error: `${label} must include a ${missing.join(' and ')}` };
  if (![day, month, year].every((p) => /^[0-9]+$/.test(p)) || year.length !== 4) {
    return { error: `${label} must be a real date, like 22 11 2026` };
  }
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { error: `${label} must be a real date, like 22 11 2026` };
  }
  return { value: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
