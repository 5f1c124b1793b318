import type { FormEvent, ReactNode } from 'react';
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
  /** Where the logo leads: the home page, or the public directory for visitors who are not signed in. */
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
        <nav className="nhsuk-header__navigation" aria-label="Menu">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {navigation.map((item) => {
                const current =
                  item.href === activeHref
                    ? pathname === item.href
                      ? ('page' as const)
                      : ('true' as const)
                    : undefined;
                return (
                  <li
                    key={item.href}
                    className={`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`}
                  >
                    <Link className="nhsuk-header__navigation-link" to={item.href} aria-current={current}>
                      {/* Users who override colours still see which item is current. */}
                      {current ? (
                        <strong className="nhsuk-header__navigation-item-current-fallback">{item.text}</strong>
                      ) : (
                        item.text
                      )}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        </nav>
      )}
    </header>
  );
}
