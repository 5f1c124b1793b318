import { useEffect, useRef } from 'react';

/**
 * Someone else acted on the referral first (409): say what happened, plainly, and offer to load
 * the latest. Focused when it appears so screen reader users hear it at once.
 */
export function ConflictMessage({ message, onReload }: { message: string; onReload: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="nhsuk-error-summary" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__title">This referral has changed</h2>
        <div className="nhsuk-error-summary__body">
          <p>{message}</p>
          <p>
            <button type="button" className="waymark-link-button" onClick={onReload}>
              Reload the referral to see the latest
            </button>
          </p>
        </div>
      </div>
    </div>
  );
}
