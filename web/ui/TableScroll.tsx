import type { ReactNode } from 'react';

/**
 * Lets a wide table scroll sideways on a narrow screen instead of breaking the page. A region that
 * scrolls must be reachable by keyboard (WCAG 2.1.1), hence the tab stop and the name.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs a tab stop to scroll by keyboard
    <section className="waymark-table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
