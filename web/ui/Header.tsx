import { type FormEvent, type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { NhsLogo, UserIcon } from './NhsLogo';

export interface NavigationItem {
  href: string;
  text: string;
}

export interface HeaderProps {
  serviceName: string;
  /** Shown when someone is signed in: their name and a sign-out button. */
  account?: { name: string; onSignOut: () => void };
  /** Further items of the account list (e.g. the unread notifications link), each an `<li>`. */
  accountItems?: ReactNode;
  navigation?: NavigationItem[];
  /** Where the logo leads: the home page (the public home for visitors who are not signed in). */
  homeHref?: string;
}

/** The navigation item for this page: the exact match, else the longest section prefix. */
function currentHref(pathname: string, items: NavigationItem[]): string | undefined {
  const matches = items
    .map((i) => i.href)
    .filter((href) => pathname === href || (href !== '/' && pathname.startsWith(`${href}/`)));
  return matches.sort((a, b) => b.length - a.length)[0];
}

/** The NHS.UK header (nhsuk-frontend 10 markup) with service name, account and navigation. */
export function Header({ serviceName, account, accountItems, navigation = [], homeHref = '/' }: HeaderProps) {
  const { pathname } = useLocation();
  const activeHref = currentHref(pathname, navigation);

  function signOut(event: FormEvent) {
    event.preventDefault();
    account?.onSignOut();
  }

  return (
    <header className="nhsuk-header">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to={homeHref} aria-label={`NHS ${serviceName} homepage`}>
            <NhsLogo />
            <span className="nhsuk-header__service-name">{serviceName}</span>
          </Link>
        </div>
        {account && (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              {accountItems}
              <li className="nhsuk-header__account-item">
                <UserIcon />
                <Link className="nhsuk-header__account-link" to="/account">
                  {account.name}
                  <span className="nhsuk-u-visually-hidden">: your account</span>
                </Link>
              </li>
              <li className="nhsuk-header__account-item">
                <form className="nhsuk-header__account-form" onSubmit={signOut} noValidate>
                  <button className="nhsuk-header__account-button" type="submit">
                    Sign out
                  </button>
                </form>
              </li>
            </ul>
          </nav>
        )}
      </div>
      {navigation.length > 0 && (
        // A different menu (another role) is measured afresh.
        <Navigation
          key={navigation.map((i) => i.href).join(' ')}
          items={navigation}
          activeHref={activeHref}
          pathname={pathname}
        />
      )}
    </header>
  );
}

function NavigationLink({ item, current }: { item: NavigationItem; current: 'page' | 'true' | undefined }) {
  return (
    <Link className="nhsuk-header__navigation-link" to={item.href} aria-current={current}>
      {/* Users who override colours still see which item is current. */}
      {current ? <strong className="nhsuk-header__navigation-item-current-fallback">{item.text}</strong> : item.text}
    </Link>
  );
}

/**
 * The menu, one row at any width: items that do not fit go behind a "More" button, as the
 * NHS.UK header does (its script, in React). Widths are measured with every item shown, before
 * the browser paints, again whenever the menu's width changes (window size, text zoom).
 */
function Navigation({
  items,
  activeHref,
  pathname,
}: {
  items: NavigationItem[];
  activeHref: string | undefined;
  pathname: string;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const moreRef = useRef<HTMLLIElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const menuListRef = useRef<HTMLUListElement>(null);
  const [shown, setShown] = useState<number | null>(null); // null: measuring, every item shown
  const [open, setOpen] = useState(false);
  const remeasure = useCallback(() => setShown(null), []);

  useLayoutEffect(() => {
    if (shown !== null) return;
    const list = listRef.current;
    if (!list) return;
    const widths = [...list.querySelectorAll<HTMLElement>(':scope > .nhsuk-header__navigation-item')].map(
      (li) => li.offsetWidth,
    );
    const available = list.clientWidth;
    const all = widths.reduce((a, b) => a + b, 0);
    if (all <= available) {
      setShown(items.length);
      return;
    }
    const room = available - (moreRef.current?.offsetWidth ?? 90);
    let used = 0;
    let fit = 0;
    while (fit < widths.length && used + (widths[fit] ?? 0) <= room) used += widths[fit++] ?? 0;
    setShown(fit);
  }, [shown, items.length]);

  useEffect(() => {
    const list = listRef.current;
    if (!list || !('ResizeObserver' in window)) return;
    let lastWidth = list.clientWidth;
    const observer = new ResizeObserver(() => {
      if (list.clientWidth !== lastWidth) {
        lastWidth = list.clientWidth;
        remeasure();
      }
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, [remeasure]);

  // As the NHS.UK script does: the navigation's white bottom border, as tall as the open list,
  // is the list's background and pushes the page down rather than covering it.
  useLayoutEffect(() => {
    const nav = navRef.current;
    if (!nav) return;
    if (open) nav.style.borderBottomWidth = `${menuListRef.current?.offsetHeight ?? 0}px`;
    else nav.style.removeProperty('border-bottom-width');
  }, [open]);

  // The open menu closes on navigation, Escape, or a click outside it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the point of a new page
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (!moreRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [open]);

  const currentOf = (item: NavigationItem) =>
    item.href === activeHref ? (pathname === item.href ? ('page' as const) : ('true' as const)) : undefined;
  const count = shown ?? items.length;
  const rest = items.slice(count);
  const restCurrent = rest.some((i) => i.href === activeHref);

  return (
    <nav className="nhsuk-header__navigation" aria-label="Menu" ref={navRef}>
      <div className="nhsuk-header__navigation-container nhsuk-width-container">
        <ul className="nhsuk-header__navigation-list" ref={listRef}>
          {items.slice(0, count).map((item) => {
            const current = currentOf(item);
            return (
              <li
                key={item.href}
                className={`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`}
              >
                <NavigationLink item={item} current={current} />
              </li>
            );
          })}
          <li className="nhsuk-header__menu" ref={moreRef} hidden={shown !== null && rest.length === 0}>
            <button
              type="button"
              className={`nhsuk-header__menu-toggle nhsuk-header__navigation-link${restCurrent ? ' nhsuk-header__navigation-item--current' : ''}`}
              aria-expanded={open}
              aria-controls="header-more-menu"
              onClick={() => setOpen((o) => !o)}
            >
              <span className="nhsuk-u-visually-hidden">Browse </span>More
            </button>
            <ul className="nhsuk-header__menu-list" id="header-more-menu" hidden={!open} ref={menuListRef}>
              {rest.map((item) => (
                <li key={item.href} className="nhsuk-header__navigation-item">
                  <NavigationLink item={item} current={currentOf(item)} />
                </li>
              ))}
            </ul>
          </li>
        </ul>
      </div>
    </nav>
  );
}
