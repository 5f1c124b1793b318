import { useMemo } from 'react';
import { Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ANALYTICS_SECTION_TITLES, type AnalyticsReport, SUPPRESSION_NOTE } from '../../../common/analytics';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { errorsFromApi, hasErrors, NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import {
  csvPath,
  type FigureFilters,
  type FiguresSection,
  filtersFrom,
  isFiguresSection,
  sectionPath,
  useAnalyticsOptions,
  useAnalyticsReport,
} from './analytics-api';
import { FigureTableView } from './FigureTableView';
import { FILTER_LABELS, FilterForm } from './FilterForm';
import { asOfText, monthText } from './figure-format';
import { SectionNav } from './SectionNav';
import './analytics.css';

/** `/analytics`: the first section, with whatever filters the address carried. */
export function AnalyticsIndexPage() {
  const { search } = useLocation();
  return <Navigate replace to={`/analytics/demand${search}`} />;
}

/** `/analytics/:section` */
export function AnalyticsSectionPage() {
  const { section } = useParams();
  if (!isFiguresSection(section)) return <NotFoundPage />;
  return <SectionPage section={section} />;
}

function Scope({ report }: { report: AnalyticsReport }) {
  const { pcn, practice, from, to } = report.filters;
  const where = practice ? `${practice.name}${pcn ? ` (${pcn.name})` : ''}` : (pcn?.name ?? 'Every PCN in your ICB');
  return (
    <span className="nhsuk-caption-l">
      {where}, {monthText(from)} to {monthText(to)}
    </span>
  );
}

function AsOf({ report }: { report: AnalyticsReport }) {
  return (
    <>
      <p className="waymark-figures-as-of">
        {report.asOf
          ? `Figures as of ${asOfText(report.asOf)}.`
          : 'These figures have not been counted yet: they appear once the first count has run.'}
      </p>
      {report.suppressed && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{SUPPRESSION_NOTE}</p>
        </div>
      )}
    </>
  );
}

function SectionPage({ section }: { section: FiguresSection }) {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const options = useAnalyticsOptions();
  const result = useAnalyticsReport(section, filters);
  const apiErrors = useMemo(
    () =>
      result.error instanceof ApiError && result.error.status === 400
        ? errorsFromApi(result.error, FILTER_LABELS)
        : null,
    [result.error],
  );
  const errors = apiErrors ?? NO_ERRORS;
  const title = ANALYTICS_SECTION_TITLES[section];
  usePageTitle(title, hasErrors(errors));

  const failure = options.error ?? (apiErrors ? null : result.error);
  if (failure instanceof ApiError && failure.status === 404) return <NotFoundPage />;
  if (failure) return <ServiceProblem error={failure} />;

  // The form shows the address's filters, the defaults filling the period; a rejected address
  // keeps what was typed so the error sits beside it. Keyed by the address: a new one resets it.
  const inForce: FigureFilters = {
    ...filters,
    from: filters.from ?? options.data?.defaultFrom,
    to: filters.to ?? options.data?.defaultTo,
  };
  const report = apiErrors ? undefined : result.data;
  const choose = (next: FigureFilters) => navigate(sectionPath(section, next));

  return (
    <>
      <ErrorSummary
        errors={summaryOf(errors, ['pcnId', 'practiceId', 'from', 'to', 'role'], 'from')}
        revision={errors}
      />
      {report ? <Scope report={report} /> : <span className="nhsuk-caption-l">Figures</span>}
      <h1>{title}</h1>
      <SectionNav current={section} filters={filters} />
      {options.data ? (
        <FilterForm
          key={`${section}?${search.toString()}`}
          action={`/analytics/${section}`}
          options={options.data}
          shown={inForce}
          errors={errors}
          onChoose={choose}
        />
      ) : (
        <Loading what="the filters" />
      )}
      {apiErrors ? null : !report ? (
        <Loading what="the figures" />
      ) : (
        <div aria-busy={result.isFetching || undefined}>
          <AsOf report={report} />
          <p>
            <a href={csvPath(section, filters)} download>
              Download CSV<span className="nhsuk-u-visually-hidden"> of the {title.toLowerCase()} figures</span>
            </a>
          </p>
          {report.tables.map((table) => (
            <FigureTableView key={table.id} table={table} />
          ))}
        </div>
      )}
    </>
  );
}
