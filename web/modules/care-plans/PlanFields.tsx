import type { ReactNode } from 'react';
import type { DateParts as TDateParts } from './plan-draft';

function ErrorMessage({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {error}
    </span>
  );
}

function Group({ error, children }: { error?: string; children: ReactNode }) {
  return <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>{children}</div>;
}

export function TextArea(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  rows?: number;
  onChange: (value: string) => void;
}) {
  const describedBy = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(' ');
  return (
    <Group error={props.error}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div className="nhsuk-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      )}
      <ErrorMessage id={props.id} error={props.error} />
      <textarea
        className={`nhsuk-textarea${props.error ? ' nhsuk-textarea--error' : ''}`}
        id={props.id}
        rows={props.rows ?? 3}
        value={props.value}
        aria-describedby={describedBy || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Group>
  );
}

export function TextInput(props: {
  id: string;
  label: string;
  value: string;
  error?: string;
  width?: number;
  onChange: (value: string) => void;
}) {
  return (
    <Group error={props.error}>
      <label className="nhsuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      <ErrorMessage id={props.id} error={props.error} />
      <input
        className={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ''}${props.error ? ' nhsuk-input--error' : ''}`}
        id={props.id}
        type="text"
        value={props.value}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Group>
  );
}

const PARTS = [
  { key: 'day', label: 'Day', width: 2 },
  { key: 'month', label: 'Month', width: 2 },
  { key: 'year', label: 'Year', width: 4 },
] as const;

/** NHS.UK date input, controlled: what was typed stays as typed until it is saved. */
export function DateField(props: {
  id: string;
  legend: string;
  hint?: string;
  value: TDateParts;
  error?: string;
  onChange: (value: TDateParts) => void;
}) {
  const describedBy = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(' ');
  return (
    <Group error={props.error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        {props.hint && (
          <div className="nhsuk-hint" id={`${props.id}-hint`}>
            {props.hint}
          </div>
        )}
        <ErrorMessage id={props.id} error={props.error} />
        <div className="nhsuk-date-input" id={props.id}>
          {PARTS.map((part) => (
            <div className="nhsuk-date-input__item" key={part.key}>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`${props.id}-${part.key}`}>
                  {part.label}
                </label>
                <input
                  className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part.width}${props.error ? ' nhsuk-input--error' : ''}`}
                  id={`${props.id}-${part.key}`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={props.value[part.key]}
                  onChange={(e) => props.onChange({ ...props.value, [part.key]: e.target.value })}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </Group>
  );
}

export function Select(props: {
  id: string;
  label: string;
  value: string;
  error?: string;
  options: { value: string; text: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <Group error={props.error}>
      <label className="nhsuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      <ErrorMessage id={props.id} error={props.error} />
      <select
        className={`nhsuk-select${props.error ? ' nhsuk-select--error' : ''}`}
        id={props.id}
        value={props.value}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </Group>
  );
}
