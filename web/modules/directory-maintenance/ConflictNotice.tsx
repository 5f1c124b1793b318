import { useEffect, useRef } from 'react';

/**
 * Someone else changed the listing first (409): say what happened, plainly, and offer to load
 * the latest. Focused when it appears so screen reader users hear it at once.
 */
export function ConflictNotice({
  title,
  message,
  action,
  onReload,
}: {
  title: string;
  message: string;
  action: string;
  onReload: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="nhsuk-error-summary" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__title">{title}</h2>
        <div className="nhsuk-error-summary__body">
          <p>{message}</p>
          <p>
            <button type="button" className="waymark-link-button" onClick={onReload}>
              {action}
            </button>
          </p>
        </div>
      </div>
    </div>
  );
}
