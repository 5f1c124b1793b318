import { useEffect, useState } from 'react';

const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

function countMessage(remaining: number): string {
  return remaining >= 0
    ? `You have ${plural(remaining, 'character')} remaining`
    : `You have ${plural(-remaining, 'character')} too many`;
}

/**
 * NHS.UK character count: a textarea that says how many characters are left, visibly as you
 * type and to screen readers after a pause (so they are not interrupted at every key).
 */
export function CharacterCount({
  id,
  label,
  hint,
  maxLength,
  error,
  defaultValue = '',
  rows = 8,
}: {
  id: string;
  label: string;
  hint?: string;
  maxLength: number;
  error?: string;
  defaultValue?: string;
  rows?: number;
}) {
  const [length, setLength] = useState(defaultValue.length);
  const [announced, setAnnounced] = useState(length);
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(length), 1000);
    return () => clearTimeout(timer);
  }, [length]);
  const remaining = maxLength - length;
  const over = remaining < 0;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const infoId = `${id}-info`;
  return (
    <div className={`nhsuk-form-group nhsuk-character-count${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
        {label}
      </label>
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
      <textarea
        className={`nhsuk-textarea nhsuk-js-character-count${error || over ? ' nhsuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        defaultValue={defaultValue}
        onChange={(event) => setLength(event.currentTarget.value.length)}
        aria-describedby={[hint ? hintId : null, error ? errorId : null, infoId].filter(Boolean).join(' ')}
      />
      <div className="nhsuk-hint nhsuk-character-count__message nhsuk-u-visually-hidden" id={infoId}>
        You can enter up to {plural(maxLength, 'character')}
      </div>
      <div
        className={`nhsuk-character-count__status ${over ? 'nhsuk-error-message' : 'nhsuk-hint'}`}
        aria-hidden="true"
      >
        {countMessage(remaining)}
      </div>
      <div className="nhsuk-character-count__sr-status nhsuk-u-visually-hidden" aria-live="polite">
        {countMessage(maxLength - announced)}
      </div>
    </div>
  );
}
