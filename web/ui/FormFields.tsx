import type { ReactNode } from 'react';

// Controlled NHS.UK form fields (text, textarea, select, checkboxes) for forms that keep a draft
// in state: each shows its error beside it and is described by its hint and error.

export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {error}
    </span>
  );
}

export const describedBy = (id: string, hint?: string, error?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

export function Group({ error, children }: { error?: string; children: ReactNode }) {
  return <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>{children}</div>;
}

export function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <div className="nhsuk-hint" id={`${id}-hint`}>
      {hint}
    </div>
  ) : null;
}

export function TextField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  type?: 'text' | 'email' | 'url' | 'tel' | 'time';
  inputMode?: 'numeric' | 'text';
  autoComplete?: string;
  spellCheck?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <Group error={props.error}>
      <label className="nhsuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      <Hint id={props.id} hint={props.hint} />
      <ErrorMessage id={props.id} error={props.error} />
      <input
        className={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ''}${props.error ? ' nhsuk-input--error' : ''}`}
        id={props.id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        spellCheck={props.spellCheck}
        value={props.value}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Group>
  );
}

export function TextAreaField(props: {
  id: string;
  label: string;
  /** 's': a bold label, for a question that heads its section. */
  labelSize?: 's';
  /** The page's one question: its label is the page's h1 (NHS.UK "question page" pattern). */
  asPageHeading?: boolean;
  hint?: string;
  value: string;
  error?: string;
  rows?: number;
  onChange: (value: string) => void;
}) {
  const size = props.asPageHeading ? 'l' : props.labelSize;
  const label = (
    <label className={`nhsuk-label${size ? ` nhsuk-label--${size}` : ''}`} htmlFor={props.id}>
      {props.label}
    </label>
  );
  return (
    <Group error={props.error}>
      {props.asPageHeading ? <h1 className="nhsuk-label-wrapper">{label}</h1> : label}
      <Hint id={props.id} hint={props.hint} />
      <ErrorMessage id={props.id} error={props.error} />
      <textarea
        className={`nhsuk-textarea${props.error ? ' nhsuk-textarea--error' : ''}`}
        id={props.id}
        rows={props.rows ?? 4}
        value={props.value}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Group>
  );
}

export function SelectField(props: {
  id: string;
  /** The name the field is submitted under, when the form is submitted as it is (a GET form). */
  name?: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  options: readonly { value: string; text: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <Group error={props.error}>
      <label className="nhsuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      <Hint id={props.id} hint={props.hint} />
      <ErrorMessage id={props.id} error={props.error} />
      <select
        className={`nhsuk-select${props.error ? ' nhsuk-select--error' : ''}`}
        id={props.id}
        name={props.name}
        value={props.value}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
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

/** Checkboxes in a fieldset; the first box carries the group's id so an error link can focus it. */
export function CheckboxesField(props: {
  id: string;
  legend: string;
  /** The legend is the page's question and h1 (one question a page). */
  asPageHeading?: boolean;
  hint?: string;
  error?: string;
  options: readonly { value: string; text: string }[];
  checked: readonly string[];
  small?: boolean;
  onChange: (checked: string[]) => void;
}) {
  return (
    <Group error={props.error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(props.id, props.hint, props.error)}>
        {props.asPageHeading ? (
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
            <h1 className="nhsuk-fieldset__heading">{props.legend}</h1>
          </legend>
        ) : (
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        )}
        <Hint id={props.id} hint={props.hint} />
        <ErrorMessage id={props.id} error={props.error} />
        <div className={`nhsuk-checkboxes${props.small ? ' nhsuk-checkboxes--small' : ''}`}>
          {props.options.map((o, i) => {
            const id = i === 0 ? props.id : `${props.id}-${i + 1}`;
            const on = props.checked.includes(o.value);
            return (
              <div className="nhsuk-checkboxes__item" key={o.value}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={id}
                  type="checkbox"
                  value={o.value}
                  checked={on}
                  onChange={() =>
                    props.onChange(on ? props.checked.filter((v) => v !== o.value) : [...props.checked, o.value])
                  }
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
                  {o.text}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </Group>
  );
}

/** One checkbox on its own (e.g. "Keep this address confidential"). */
export function CheckboxField(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <Group error={props.error}>
      <ErrorMessage id={props.id} error={props.error} />
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id={props.id}
            type="checkbox"
            checked={props.checked}
            aria-describedby={describedBy(props.id, props.hint, props.error)}
            onChange={(e) => props.onChange(e.target.checked)}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={props.id}>
            {props.label}
          </label>
          {props.hint && (
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${props.id}-hint`}>
              {props.hint}
            </div>
          )}
        </div>
      </div>
    </Group>
  );
}
