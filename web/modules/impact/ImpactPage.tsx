import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { IMPACT_FIGURE_LABELS, type ImpactReport, NOT_CAUSATION } from '../../../common/impact';
import { figureText } from '../../../common/suppression';
import { ApiError } from '../../app/api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { errorsFromApi, type FormErrors, hasErrors, NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { ImpactChart } from './ImpactChart';
import { ImpactTables, MonthsTable } from './ImpactTables';
import { csvPath, type ImpactPeriod, type ImpactSource, pagePath, periodFrom, useImpact } from './impact-api';
import { dateLabel } from './impact-format';
import { PeriodForm } from './PeriodForm';
import './impact.css';

const LABELS = { from: 'From', to: 'To' };

/** The partner's own organisation (`/partner/impact`). */
export function PartnerImpactPage() {
  return <ImpactPage source={{ kind: 'partner' }} />;
}

/** A directory organisation of the ICB, for staff (`/directory/organisations/:id/impact`). */
export function OrganisationImpactPage() {
  const { id = '' } = useParams();
  return <ImpactPage source={{ kind: 'organisation', id }} />;
}

const CARDS = [
  { key: 'referrals', unit: '' },
  { key: 'acceptedPercent', unit: '%' },
  { key: 'medianReplyWorkingDays', unit: '' },
  { key: 'peopleAttended', unit: '' },
  { key: 'sessionsAttended', unit: '' },
  { key: 'signposts', unit: '' },
] as const;

function SummaryCards({ report }: { report: ImpactReport }) {
  return (
    <ul className="nhsuk-grid-row nhsuk-card-group waymark-impact-cards">
      {CARDS.map((c) => (
        <li key={c.key} className="nhsuk-grid-column-one-third nhsuk-card-group__item">
          <div className="nhsuk-card">
            <div className="nhsuk-card__content">
              <p className="nhsuk-card__description">{IMPACT_FIGURE_LABELS[c.key]}</p>
              <p className="waymark-impact-figure">{figureText(report.totals[c.key], c.unit)}</p>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

function SuppressionNote({ report, partner }: { report: ImpactReport; partner: boolean }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        Small numbers are hidden so that no one can be recognised: * means 1 to 7 people or referrals (or a median or
        rate built on so few), and other counts are rounded to the nearest 5.{' '}
        {partner
          ? 'Your own referrals, answers, attendance and outcomes are shown exactly; signposts and outcome measures are recorded by the social prescribing teams, so they are rounded.'
          : report.suppression === 'all'
            ? 'This applies to every figure on this page.'
            : 'Figures made up only of your own team’s referrals are shown exactly.'}
      </p>
    </div>
  );
}

function isEmpty(report: ImpactReport): boolean {
  const t = report.totals;
  return t.referrals === 0 && t.signposts === 0 && t.sessionsAttended === 0;
}

export function ImpactPage({ source }: { source: ImpactSource }) {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const period = periodFrom(search);
  const [formErrors, setFormErrors] = useState<FormErrors>(NO_ERRORS);
  const result = useImpact(source, period);
  const apiErrors = useMemo(
    () =>
      result.error instanceof ApiError && result.error.status === 400 ? errorsFromApi(result.error, LABELS) : null,
    [result.error],
  );
  const errors = hasErrors(formErrors) ? formErrors : (apiErrors ?? NO_ERRORS);
  const report = result.data;
  const partner = source.kind === 'partner';
  usePageTitle(report ? `Impact of ${report.name}` : 'Impact', hasErrors(errors));

  if (result.error && !apiErrors) return <ServiceProblem error={result.error} />;

  function choose(next: ImpactPeriod) {
    setFormErrors(NO_ERRORS);
    navigate(pagePath(source, next));
  }

  const shownPeriod = report?.period ?? { from: period.from ?? '', to: period.to ?? '' };
  return (
    <>
      <ErrorSummary
        errors={summaryOf(errors, ['from', 'to'], 'from', { from: 'from-day', to: 'to-day' })}
        revision={errors}
      />
      <span className="nhsuk-caption-l">{partner ? 'Your organisation’s impact' : 'Organisation impact'}</span>
      <h1>{report ? report.name : 'Impact'}</h1>
      <p>
        What happened to the people referred to {partner ? 'your services' : 'this organisation’s services'}: referrals
        received and answered, attendance, outcomes, and how people’s wellbeing changed.
      </p>
      <PeriodForm
        key={search.toString()}
        period={shownPeriod}
        errors={errors}
        onChoose={choose}
        onInvalid={setFormErrors}
      />
      {!report ? (
        <Loading what="the figures" />
      ) : (
        <div aria-busy={result.isFetching || undefined}>
          <h2>
            {dateLabel(report.period.from)} to {dateLabel(report.period.to)}
          </h2>
          <p>
            <a href={csvPath(source, { from: report.period.from, to: report.period.to })} download>
              Download CSV<span className="nhsuk-u-visually-hidden"> of these figures</span>
            </a>
          </p>
          {isEmpty(report) ? (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>No referrals in this period. Choose another period, or come back once referrals have been sent.</p>
            </div>
          ) : (
            <>
              <SuppressionNote report={report} partner={partner} />
              <SummaryCards report={report} />
              <h2>By month</h2>
              <ImpactChart id="impact-chart" months={report.months} />
              <MonthsTable months={report.months} totals={report.totals} />
              <ImpactTables report={report} notCausation={NOT_CAUSATION} />
            </>
          )}
        </div>
      )}
    </>
  );
}
