import { useRouteError } from 'react-router';
import { Footer } from '../ui/Footer';
import { Header } from '../ui/Header';
import { ServiceProblem } from '../ui/ServiceProblem';
import { SkipLink } from '../ui/SkipLink';
import { SERVICE_NAME } from '../ui/use-page-title';

/** Last resort when a page throws while rendering: still an NHS-styled page, never a blank one. */
export function RouteError() {
  const error = useRouteError();
  return (
    <>
      <SkipLink />
      <Header serviceName={SERVICE_NAME} />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent">
          <ServiceProblem error={error} />
        </main>
      </div>
      <Footer />
    </>
  );
}
