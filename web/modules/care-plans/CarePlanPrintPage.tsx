import { useEffect } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { useCarePlan } from './care-plans-api';
import { PlanSummary } from './PlanSummary';
import { formatDay } from './plan-format';
import './care-plans.css';

/** The plan in plain language, to print and give to the person: no navigation when printed. */
export function CarePlanPrintPage() {
  const { personId = '' } = useParams();
  const { data, error, isPending } = useCarePlan(personId);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : 'My care and support plan');

  // The print styles apply only while this page is open.
  useEffect(() => {
    document.body.classList.add('waymark-printing');
    return () => document.body.classList.remove('waymark-printing');
  }, []);

  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the plan" />;
  const plan = data.plan;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <div className="waymark-no-print">
          <BackLink to={`/people/${personId}/plan`}>Care and support plan</BackLink>
        </div>
        <h1>
          My care and support plan
          <span className="nhsuk-caption-l">
            {data.person.givenName} {data.person.familyName}
          </span>
        </h1>
        {plan ? (
          <>
            <p className="nhsuk-body">
              This is the plan we made together. It says what matters to you, what you would like to do, and who will
              help. Keep it somewhere safe and bring it when we meet.
            </p>
            <PlanSummary content={plan.content} domains={data.domains} />
            <p className="nhsuk-body-s">
              Plan version {plan.version}, last updated {formatDay(plan.savedAt.slice(0, 10))}.
            </p>
            <div className="waymark-no-print">
              <Button type="button" onClick={() => window.print()}>
                Print this plan
              </Button>
            </div>
          </>
        ) : (
          <p className="nhsuk-body">There is no plan to print yet.</p>
        )}
      </div>
    </div>
  );
}
