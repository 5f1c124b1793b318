import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, queryString } from '../../../app/api';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { errorsFromApi, type FormErrors, hasErrors, NO_ERRORS, summaryOf } from '../../../ui/form-errors';
import { Pagination } from '../../../ui/Pagination';
import { Loading, ServiceProblem } from '../../../ui/ServiceProblem';
import { usePageTitle } from '../../../ui/use-page-title';
import { AuditResults } from './AuditResults';
import { AuditSearchForm } from './AuditSearchForm';
import { type AuditFilters, filtersFrom, useAuditSearch } from './audit-api';

const LABELS = {
  actor: 'Who',
  action: 'Action',
  outcome: 'Outcome',
  entity: 'Record',
  from: 'From date',
  to: 'To date',
};
const ORDER = ['actor', 'action', 'outcome', 'entity', 'from', 'to'];

export function AuditPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const filters = filtersFrom(search);
  const [formErrors, setFormErrors] = useState<FormErrors>(NO_ERRORS);
  const result = useAuditSearch(filters);
  // A 400 from the server is about the search form; anything else is about the page.
  const apiErrors = useMemo(
    () =>
      result.error instanceof ApiError && result.error.status === 400 ? errorsFromApi(result.error, LABELS) : null,
    [result.error],
  );
  const errors = hasErrors(formErrors) ? formErrors : (apiErrors ?? NO_ERRORS);
  usePageTitle('Audit log', hasErrors(errors));
  if (result.error && !apiErrors) return <ServiceProblem error={result.error} />;

  function searchWith(next: AuditFilters) {
    setFormErrors(NO_ERRORS);
    navigate(`/admin/audit${queryString(next)}`);
  }

  const { before, ...withoutPaging } = filters;
  const page = result.data;

  return (
    <>
      <ErrorSummary errors={summaryOf(errors, ORDER, 'actor', { from: 'from-day', to: 'to-day' })} revision={errors} />
      <h1>Audit log</h1>
      <p>
        Every sign-in, change and refused attempt in your ICB, newest first. The log cannot be edited. Searching it is
        recorded too.
      </p>
      <AuditSearchForm
        key={search.toString()}
        filters={filters}
        errors={errors}
        onSearch={searchWith}
        onInvalid={setFormErrors}
      />
      <h2 id="results">Results</h2>
      {result.isPending ? (
        <Loading what="audit events" />
      ) : !page || page.events.length === 0 ? (
        <p>No audit events match your search.</p>
      ) : (
        <>
          <p aria-live="polite">
            {before ? 'Older events: showing' : 'Showing'} {page.events.length}{' '}
            {page.events.length === 1 ? 'event' : 'events'}, newest first
            {page.nextBefore ? '. There are older ones' : ''}.
          </p>
          <AuditResults events={page.events} />
          <Pagination
            label="Audit log pages"
            previous={before ? { to: `/admin/audit${queryString(withoutPaging)}`, text: 'Newest events' } : undefined}
            next={
              page.nextBefore
                ? {
                    to: `/admin/audit${queryString({ ...withoutPaging, before: page.nextBefore })}`,
                    text: 'Older events',
                  }
                : undefined
            }
          />
        </>
      )}
    </>
  );
}
