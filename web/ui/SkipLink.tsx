import type { MouseEvent } from 'react';

/** NHS.UK skip link: the first focusable thing on every page. */
export function SkipLink({ target = 'maincontent' }: { target?: string }) {
  // Move focus as well as scrolling, so the next Tab continues from the main content.
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    const main = document.getElementById(target);
    if (!main) return;
    event.preventDefault();
    if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
    main.focus();
    main.scrollIntoView();
  }
  return (
    <a className="nhsuk-skip-link" href={`#${target}`} onClick={skip}>
      Skip to main content
    </a>
  );
}
