import { type MouseEvent, useEffect, useRef } from 'react';
import { Link } from 'react-router';

export interface SummaryError {
  /** id of the field to focus, or undefined for an error about the whole form. */
  fieldId?: string;
  /** A page to go to instead, where the field is asked (a journey's check-answers page). */
  href?: string;
  message: string;
}

/**
 * NHS.UK error summary: at the top of the page, focused when it appears, each error a link that
 * moves focus to its field.
 */
export function ErrorSummary({ errors, revision }: { errors: SummaryError[]; revision: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;

  // `revision` changes on every submit that found errors (pass the errors state object), so focus
  // moves to the summary after each attempt, and never while the user is typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the trigger on purpose
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [revision, shown]);

  if (errors.length === 0) return null;

  function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    // Scroll the label into view too, so sighted users see which question the error is about.
    const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`) ?? field.closest('fieldset');
    (label ?? field).scrollIntoView();
    field.focus({ preventScroll: true });
  }

  return (
    <div className="nhsuk-error-summary" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__title" id="error-summary-title">
          There is a problem
        </h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.fieldId ?? ''}:${error.message}`}>
                {error.href ? (
                  <Link to={error.href}>{error.message}</Link>
                ) : error.fieldId ? (
                  <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId as string)}>
                    {error.message}
                  </a>
                ) : (
                  error.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
