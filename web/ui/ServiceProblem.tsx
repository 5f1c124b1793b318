import { isProblemAnswer } from './api-problem';
import { NoPermission } from './NoPermission';
import { usePageTitle } from './use-page-title';

/** A whole page that could not load: explains what happened in the NHS.UK "problem" style. */
export function ServiceProblem({ error }: { error: unknown }) {
  if (isProblemAnswer(error) && error.status === 403) return <NoPermission />;
  return <ServiceProblemPage error={error} />;
}

function ServiceProblemPage({ error }: { error: unknown }) {
  usePageTitle('Sorry, there is a problem with the service');
  const detail = isProblemAnswer(error) ? error.problem.detail : null;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Sorry, there is a problem with the service</h1>
        {detail && <p>{detail}</p>}
        <p>Try again later.</p>
      </div>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="nhsuk-body" aria-live="polite">
      Loading {what}…
    </p>
  );
}
