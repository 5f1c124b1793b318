import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** Moves focus to the page's h1, waiting a few frames for lazy-loaded pages to render it. */
function focusMainHeadingSoon(): () => void {
  let frames = 0;
  let handle = 0;
  const tryFocus = () => {
    // A success banner or error summary that took focus to announce itself keeps it.
    if (document.activeElement?.closest('.nhsuk-notification-banner--success, .nhsuk-error-summary')) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
      return;
    }
    if (frames++ < 120) handle = requestAnimationFrame(tryFocus);
  };
  handle = requestAnimationFrame(tryFocus);
  return () => cancelAnimationFrame(handle);
}

/**
 * When `key` changes (not on first render), focus the new h1, so screen reader and keyboard users
 * start at the top of the new content, as a full page load would make them.
 */
export function useFocusHeadingOnChange(key: string): void {
  // Compared with the previous key (not "first render"), so React's development double-run of
  // effects does not move focus on the first page load.
  const previous = useRef(key);
  useEffect(() => {
    if (previous.current === key) return;
    previous.current = key;
    return focusMainHeadingSoon();
  }, [key]);
}

/** After client-side navigation to another page, focus its h1. */
export function useFocusOnNavigation(): void {
  useFocusHeadingOnChange(useLocation().pathname);
}
