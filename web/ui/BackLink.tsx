import { Link } from 'react-router';

/** NHS.UK back link (nhsuk-frontend 10 draws the chevron in CSS). */
export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <Link className="nhsuk-back-link" to={to}>
      {children}
    </Link>
  );
}
