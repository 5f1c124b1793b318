import { type ReactNode, useEffect, useId, useRef } from 'react';

/** NHS.UK notification banner. Success banners are announced and take focus (they confirm an action). */
export function NotificationBanner({
  variant = 'important',
  heading,
  children,
}: {
  variant?: 'important' | 'success';
  heading: string;
  children?: ReactNode;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (variant === 'success') ref.current?.focus();
  }, [variant]);
  const content = (
    <>
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          {variant === 'success' ? 'Success' : 'Important'}
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </>
  );
  // Success banners are announced (alert); the others are a landmark (a labelled section is a region) to navigate to.
  return variant === 'success' ? (
    <div
      ref={ref}
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby={titleId}
      tabIndex={-1}
    >
      {content}
    </div>
  ) : (
    <section className="nhsuk-notification-banner" aria-labelledby={titleId}>
      {content}
    </section>
  );
}
