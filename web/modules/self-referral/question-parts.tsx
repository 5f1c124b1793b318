import { type ReactNode, useState } from 'react';
import type { SelfReferralAnswers } from '../../../common/self-referral';
import { ErrorMessage } from '../../ui/FormFields';

// The pieces every question page is built from: its props, a question fieldset whose legend is
// the page's h1, radios that can reveal a field, and a date in day, month and year boxes.

export interface StepProps {
  answers: SelfReferralAnswers;
  set: (change: Partial<SelfReferralAnswers>) => void;
  errors: Record<string, string>;
  /** The surgery's name, kept beside the answers for the check page. */
  onPracticeName?: (name: string | undefined) => void;
}

/** A page whose one question is a set of radios or checkboxes: the question is the legend and the h1. */
export function QuestionFieldset({
  id,
  title,
  hint,
  error,
  asHeading = true,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  error?: string;
  /** False when the page has its own h1 above (the legend is then a smaller label). */
  asHeading?: boolean;
  children: ReactNode;
}) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={described}>
        {asHeading ? (
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
            <h1 className="nhsuk-fieldset__heading">{title}</h1>
          </legend>
        ) : (
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{title}</legend>
        )}
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        <ErrorMessage id={id} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

export function RadioItems({
  name,
  value,
  options,
  onChange,
}: {
  name: string;
  value: string | undefined;
  options: { value: string; label: string; hint?: string; extra?: ReactNode }[];
  onChange: (value: string) => void;
}) {
  return (
    <div className="nhsuk-radios">
      {options.map((o, i) => {
        const id = i === 0 ? name : `${name}-${i + 1}`;
        return (
          <div key={o.value}>
            <div className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id={id}
                name={name}
                type="radio"
                value={o.value}
                checked={value === o.value}
                aria-describedby={o.hint ? `${id}-item-hint` : undefined}
                onChange={() => onChange(o.value)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                {o.label}
              </label>
              {o.hint && (
                <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-item-hint`}>
                  {o.hint}
                </div>
              )}
            </div>
            {o.extra && value === o.value && <div className="nhsuk-radios__conditional">{o.extra}</div>}
          </div>
        );
      })}
    </div>
  );
}

/** The person referred is the one filling in the form (questions say "you", not "they"). */
export const self = (a: SelfReferralAnswers) => a.forWhom !== 'someone_else';
export const text = (v: string | undefined) => v ?? '';

const PARTS = [
  { key: 'day', label: 'Day', width: 2 },
  { key: 'month', label: 'Month', width: 2 },
  { key: 'year', label: 'Year', width: 4 },
] as const;

/** Day, month and year kept as typed; the answer is YYYY-MM-DD once all three are there. */
export function DateParts({
  id,
  value,
  error,
  onChange,
}: {
  id: string;
  value: string | undefined;
  error?: string;
  onChange: (iso: string) => void;
}) {
  const [y = '', m = '', d = ''] = (value ?? '').split('-');
  const [parts, setParts] = useState({ day: d.replace(/^0/, ''), month: m.replace(/^0/, ''), year: y });
  const change = (key: keyof typeof parts, v: string) => {
    const next = { ...parts, [key]: v.trim() };
    setParts(next);
    const iso =
      next.day || next.month || next.year
        ? `${next.year}-${next.month.padStart(2, '0')}-${next.day.padStart(2, '0')}`
        : '';
    onChange(iso);
  };
  return (
    <div className="nhsuk-date-input">
      {PARTS.map((part) => (
        <div className="nhsuk-date-input__item" key={part.key}>
          <div className="nhsuk-form-group">
            <label
              className="nhsuk-label nhsuk-date-input__label"
              htmlFor={part.key === 'day' ? id : `${id}-${part.key}`}
            >
              {part.label}
            </label>
            <input
              className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part.width}${error ? ' nhsuk-input--error' : ''}`}
              id={part.key === 'day' ? id : `${id}-${part.key}`}
              type="text"
              inputMode="numeric"
              autoComplete={part.key === 'day' ? 'bday-day' : part.key === 'month' ? 'bday-month' : 'bday-year'}
              value={parts[part.key]}
              onChange={(e) => change(part.key, e.target.value)}
            />
          </div>
        </div>
      ))}
    </div>
  );
}
