import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react';

export interface Tab {
  id: string;
  label: string;
  content: ReactNode;
}

const fromHash = (tabs: Tab[]) => {
  const id = typeof window === 'undefined' ? '' : window.location.hash.slice(1);
  return tabs.some((t) => t.id === id) ? id : undefined;
};

/**
 * NHS.UK tabs (their markup and styles; the behaviour of their script, in React). Every panel
 * stays mounted, so what someone typed in one is still there when they come back to it. The
 * address keeps the tab (#id), so a reload or a link opens it. Arrow keys move between tabs.
 * On small screens NHS.UK shows the panels one after another, as here.
 */
export function Tabs({ title, tabs, initial }: { title: string; tabs: Tab[]; initial?: string }) {
  const [selected, setSelected] = useState(() => fromHash(tabs) ?? initial ?? tabs[0]?.id);
  const refs = useRef(new Map<string, HTMLAnchorElement>());
  const current = tabs.some((t) => t.id === selected) ? selected : tabs[0]?.id;

  function select(id: string, focus = false) {
    setSelected(id);
    window.history.replaceState(window.history.state, '', `#${id}`);
    if (focus) refs.current.get(id)?.focus();
  }
  function onKeyDown(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (next) select(next.id, true);
  }

  return (
    // The NHS.UK styles for enhanced tabs apply under this class (set on <body> by their script).
    <div className="nhsuk-frontend-supported">
      <div className="nhsuk-tabs">
        <h2 className="nhsuk-tabs__title">{title}</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: NHS.UK's tabs markup: a list of links that its script (here, React) makes a tablist */}
        <ul className="nhsuk-tabs__list" role="tablist">
          {tabs.map((tab, i) => (
            <li
              key={tab.id}
              role="presentation"
              className={`nhsuk-tabs__list-item${tab.id === current ? ' nhsuk-tabs__list-item--selected' : ''}`}
            >
              <a
                ref={(el) => {
                  if (el) refs.current.set(tab.id, el);
                  else refs.current.delete(tab.id);
                }}
                className="nhsuk-tabs__tab"
                href={`#${tab.id}`}
                id={`tab_${tab.id}`}
                role="tab"
                aria-controls={tab.id}
                aria-selected={tab.id === current}
                tabIndex={tab.id === current ? 0 : -1}
                onClick={(event) => {
                  event.preventDefault();
                  select(tab.id);
                }}
                onKeyDown={(event) => onKeyDown(event, i)}
              >
                {tab.label}
              </a>
            </li>
          ))}
        </ul>
        {tabs.map((tab) => (
          <section
            key={tab.id}
            className={`nhsuk-tabs__panel${tab.id === current ? '' : ' nhsuk-tabs__panel--hidden'}`}
            id={tab.id}
            role="tabpanel"
            aria-labelledby={`tab_${tab.id}`}
          >
            {tab.content}
          </section>
        ))}
      </div>
    </div>
  );
}
