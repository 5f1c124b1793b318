import { Link } from 'react-router';
import { usePageTitle } from './use-page-title';

/** Shown when the user's role does not allow a page (the API would answer 403 anyway). */
export function NoPermission() {
  usePageTitle('You do not have permission to view this page');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>You do not have permission to view this page</h1>
        <p>Your role in Waymark does not include this page.</p>
        <p>If you think you should be able to see it, contact your ICB's Waymark administrator.</p>
        <p>
          <Link to="/">Go to your home page</Link>
        </p>
      </div>
    </div>
  );
}
