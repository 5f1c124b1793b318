import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { errorsFromApi, type FormErrors, hasErrors, NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { Pagination } from '../../ui/Pagination';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { DirectoryResults } from './DirectoryResults';
import { DirectorySearchForm, SEARCH_LABELS, SEARCH_ORDER } from './DirectorySearchForm';
import { useCategories, useDirectoryAudience, useDirectorySearch } from './directory-api';
import { formatCount } from './directory-format';
import {
  checkForm,
  formFromParams,
  pageHref,
  paramsFromForm,
  type DirectorySearchForm as SearchForm,
} from './search-params';
import './directory.css';

/**
 * Find community services and groups: public (no sign-in), and the same page for staff, who also
 * see closed services. The search is the address bar's query, so Back and shared links work.
 */
export function DirectorySearchPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const audience = useDirectoryAudience();
  const form = formFromParams(searchParams);
  const query = paramsFromForm(form, audience.staff).toString();
  const [formErrors, setFormErrors] = useState<FormErrors>(NO_ERRORS);
  const categories = useCategories();
  const result = useDirectorySearch(query, audience.staff, audience.ready);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const firstQuery = useRef(query);
  const arrived = !!result.data && !result.isPlaceholderData;

  // A new search (or page) redraws the form, which loses the focus: once its results arrive,
  // focus moves to their count, as a page load would start screen reader users at the top.
  useEffect(() => {
    if (query === firstQuery.current || !arrived) return;
    firstQuery.current = query;
    if (!document.activeElement?.closest('.nhsuk-error-summary')) resultsHeading.current?.focus();
  }, [query, arrived]);

  // A 400 is about the search form (the address may have been typed or shared); anything else is about the page.
  const apiErrors = useMemo(
    () =>
      result.error instanceof ApiError && result.error.status === 400
        ? errorsFromApi(result.error, SEARCH_LABELS)
        : null,
    [result.error],
  );
  const errors = hasErrors(formErrors) ? formErrors : (apiErrors ?? NO_ERRORS);
  usePageTitle('Find community services and groups', hasErrors(errors));
  if (result.error && !apiErrors) return <ServiceProblem error={result.error} />;

  function searchFor(next: SearchForm) {
    const fields = checkForm(next);
    if (Object.keys(fields).length > 0) {
      setFormErrors({ fields, form: null });
      return;
    }
    setFormErrors(NO_ERRORS);
    const nextQuery = paramsFromForm(next, audience.staff).toString();
    navigate(`/directory${nextQuery ? `?${nextQuery}` : ''}`);
  }

  const page = result.data;
  const lastPage = page ? Math.max(1, Math.ceil(page.total / page.per_page)) : 1;
  const currentSearch = query ? `?${query}` : '';

  return (
    <>
      <ErrorSummary errors={summaryOf(errors, SEARCH_ORDER, 'text')} revision={errors} />
      <h1>Find community services and groups</h1>
      <p className="nhsuk-lede-text">
        Local groups, activities and advice that can help with your health and wellbeing, from walking groups to money
        advice.
      </p>
      {audience.ready && !audience.signedIn && (
        <p>
          Health and care staff can <Link to="/sign-in">sign in</Link> to see more about each service.
        </p>
      )}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <DirectorySearchForm
            // A new address (Back, a shared link, another page) shows its own values in the form.
            // Nothing else redraws it: what someone types while the page loads must survive.
            key={searchParams.toString()}
            form={form}
            staff={audience.staff}
            categories={categories.data}
            errors={errors}
            onSearch={searchFor}
          />
        </div>
        <div className="nhsuk-grid-column-two-thirds">
          <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
            {page && !apiErrors ? formatCount(page.total) : 'Results'}
          </h2>
          {apiErrors ? (
            <p>Check your search and try again.</p>
          ) : !page ? (
            <Loading what="services" />
          ) : (
            <>
              {page.corrected_text && (
                <p>
                  Showing results for <strong>{page.corrected_text}</strong>: nothing matched the words as you typed
                  them.
                </p>
              )}
              {page.postcode_unknown && (
                <div className="nhsuk-inset-text">
                  <span className="nhsuk-u-visually-hidden">Information: </span>
                  <p>We could not find that postcode; showing services everywhere.</p>
                </div>
              )}
              {page.results.length === 0 ? (
                <>
                  <p>No services match your search. You could:</p>
                  <ul>
                    <li>check the spelling of what you are looking for</li>
                    <li>choose a larger distance, or any day</li>
                    <li>
                      <Link to="/directory">start a new search</Link>
                    </li>
                  </ul>
                </>
              ) : (
                <>
                  {lastPage > 1 && (
                    <p className="waymark-secondary-text">
                      Page {page.page} of {lastPage}
                    </p>
                  )}
                  <DirectoryResults results={page.results} staff={audience.staff} search={currentSearch} />
                  <Pagination
                    label="Search results pages"
                    previous={
                      page.page > 1
                        ? { to: pageHref(form, audience.staff, page.page - 1), text: 'Previous page' }
                        : undefined
                    }
                    next={
                      page.page < lastPage
                        ? { to: pageHref(form, audience.staff, page.page + 1), text: 'Next page' }
                        : undefined
                    }
                  />
                </>
              )}
            </>
          )}
        </div>
      </div>
    </>
  );
}
