import { Link } from 'react-router';
import { usePageTitle } from '../../ui/use-page-title';
import { SupportEmail } from './SupportEmail';

export function ContactPage() {
  usePageTitle('Contact us');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Contact us</h1>
        <p>
          Email <SupportEmail /> about a problem with Waymark, its accessibility, or how it uses personal information.
          We aim to reply within 5 working days.
        </p>
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Do not use this address for medical help or to ask about a referral. Contact your GP practice, call 111, or
            in an emergency call 999.
          </p>
        </div>
        <h2>If you work in a team that uses Waymark</h2>
        <p>
          Ask your team lead or your integrated care board’s digital team first: they can reset accounts and change who
          can see what.
        </p>
        <p>
          <Link to="/accessibility">Accessibility statement</Link>
        </p>
      </div>
    </div>
  );
}
