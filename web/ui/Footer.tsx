import { Link } from 'react-router';

const LINKS = [
  { href: '/accessibility', text: 'Accessibility statement' },
  { href: '/privacy', text: 'Privacy notice' },
  { href: '/cookies', text: 'Cookies' },
  { href: '/contact', text: 'Contact us' },
];

/** The NHS.UK footer with its support links (each page exists and is public). */
export function Footer() {
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-width-container">
        <div className="nhsuk-footer__meta">
          <h2 className="nhsuk-u-visually-hidden">Support links</h2>
          <ul className="nhsuk-footer__list">
            {LINKS.map((l) => (
              <li className="nhsuk-footer__list-item" key={l.href}>
                <Link className="nhsuk-footer__list-item-link" to={l.href}>
                  {l.text}
                </Link>
              </li>
            ))}
          </ul>
          <p className="nhsuk-body-s">
            Waymark: open-source social prescribing for NHS primary care networks. All demonstration data is synthetic.
          </p>
        </div>
      </div>
    </footer>
  );
}
