import { Link, Navigate } from 'react-router';
import { usePageTitle } from '../../ui/use-page-title';
import { CONFIRMATION, GROUP as G } from './copy';
import { readJourney } from './journey';

/** The NHS.UK confirmation page: the reference in a panel, and what happens next. */
export function ConfirmationPage() {
  usePageTitle(CONFIRMATION.title);
  const { reference, messagedBy, group } = readJourney();
  if (!reference) return <Navigate to="/self-referral" replace />;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <div className="nhsuk-panel nhsuk-panel--confirmation">
          <h1 className="nhsuk-panel__title">{CONFIRMATION.title}</h1>
          <div className="nhsuk-panel__body">
            {CONFIRMATION.reference}
            <br />
            <strong id="reference">{reference}</strong>
          </div>
        </div>
        <p>{CONFIRMATION.keep}</p>
        {messagedBy === 'text' && <p>{CONFIRMATION.textMessage}</p>}
        {messagedBy === 'email' && <p>{CONFIRMATION.emailMessage}</p>}
        <h2>{CONFIRMATION.nextTitle}</h2>
        {group && (
          <p>
            {G.sentTo} <strong>{group.name}</strong>.
          </p>
        )}
        <ul className="nhsuk-list nhsuk-list--bullet">
          {(group ? G.next : CONFIRMATION.next).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>
          <Link to="/self-referral/status">{CONFIRMATION.check}</Link>
        </p>
      </div>
    </div>
  );
}
