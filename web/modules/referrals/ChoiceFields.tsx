import { Fragment, type ReactNode } from 'react';

// NHS.UK checkboxes and radios with what the shared Radios wrapper does not do: several answers,
// a hint per option, an "or" divider, and conditionally revealed questions.

export interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the option while it is selected (NHS.UK conditional reveal). */
  reveal?: ReactNode;
  /** An "or" divider before this option. */
  dividerBefore?: boolean;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

function GroupMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
    </>
  );
}

/**
 * A question answered by choosing options in a fieldset. The first option carries the group's id,
 * so an error summary link can focus it. Radios when `multiple` is false, checkboxes otherwise.
 */
export function ChoiceGroup({
  name,
  legend,
  legendSize = 's',
  hint,
  error,
  choices,
  multiple = false,
  selected,
  defaultSelected,
  onChange,
  inline,
}: {
  name: string;
  legend: ReactNode;
  legendSize?: 's' | 'm';
  hint?: ReactNode;
  error?: string;
  choices: Choice[];
  multiple?: boolean;
  /** Controlled: the selected values (for conditional reveals). */
  selected?: string[];
  defaultSelected?: string[];
  onChange?: (value: string, checked: boolean) => void;
  inline?: boolean;
}) {
  const kind = multiple ? 'checkboxes' : 'radios';
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset
        className="nhsuk-fieldset"
        aria-describedby={describedBy(hint !== undefined && `${name}-hint`, error && `${name}-error`)}
      >
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        <GroupMessages id={name} hint={hint} error={error} />
        <div className={`nhsuk-${kind}${inline ? ` nhsuk-${kind}--inline` : ''}`}>
          {choices.map((choice, index) => {
            const id = index === 0 ? name : `${name}-${index + 1}`;
            const isSelected = selected?.includes(choice.value);
            return (
              <Fragment key={choice.value}>
                {choice.dividerBefore && <div className={`nhsuk-${kind}__divider`}>or</div>}
                <div className={`nhsuk-${kind}__item`}>
                  <input
                    className={`nhsuk-${kind}__input`}
                    id={id}
                    name={name}
                    type={multiple ? 'checkbox' : 'radio'}
                    value={choice.value}
                    aria-describedby={choice.hint ? `${id}-item-hint` : undefined}
                    {...(selected
                      ? { checked: !!isSelected, onChange: (e) => onChange?.(choice.value, e.currentTarget.checked) }
                      : {
                          defaultChecked: defaultSelected?.includes(choice.value),
                          onChange: onChange ? (e) => onChange(choice.value, e.currentTarget.checked) : undefined,
                        })}
                  />
                  <label className={`nhsuk-label nhsuk-${kind}__label`} htmlFor={id}>
                    {choice.label}
                  </label>
                  {choice.hint && (
                    <div className={`nhsuk-hint nhsuk-${kind}__hint`} id={`${id}-item-hint`}>
                      {choice.hint}
                    </div>
                  )}
                </div>
                {choice.reveal && isSelected && (
                  <div className={`nhsuk-${kind}__conditional`} id={`${id}-conditional`}>
                    {choice.reveal}
                  </div>
                )}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** One checkbox standing alone (a confirmation or a yes/no fact), with its own error. */
export function SingleCheckbox({
  id,
  label,
  hint,
  error,
  defaultChecked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultChecked?: boolean;
  onChange?: (checked: boolean) => void;
}) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            value="yes"
            defaultChecked={defaultChecked}
            onChange={onChange ? (e) => onChange(e.currentTarget.checked) : undefined}
            aria-describedby={describedBy(hint !== undefined && `${id}-hint`, error && `${id}-error`)}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint && (
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${id}-hint`}>
              {hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
