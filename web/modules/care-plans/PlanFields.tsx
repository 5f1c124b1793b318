import type { ComponentProps } from 'react';
import { describedBy, ErrorMessage, Group, Hint, SelectField, TextAreaField, TextField } from '../../ui/FormFields';
import type { DateParts as TDateParts } from './plan-draft';

/** A question of the plan: bold label, three rows unless told otherwise. */
export function TextArea(props: Omit<ComponentProps<typeof TextAreaField>, 'labelSize'>) {
  return <TextAreaField labelSize="s" rows={3} {...props} />;
}

export const TextInput = TextField;
export const Select = SelectField;

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
  return (
    <Group error={props.error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(props.id, props.hint, props.error)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        <Hint id={props.id} hint={props.hint} />
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
