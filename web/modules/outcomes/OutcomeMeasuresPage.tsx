import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type Direction,
  type MeasureSummary,
  type OutcomeConventions,
  type OutcomeRecording,
  SWEMWBS_COPYRIGHT,
  TIMEPOINT_LABELS,
} from '../../../common/outcome-measures';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { hasPermission, useSignedInMe } from '../../app/session';
import { BackLink } from '../../ui/BackLink';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { usePageTitle } from '../../ui/use-page-title';
import { useReferral } from '../triage/triage-api';
import { MeasureChart } from './MeasureChart';
import { formatDay, formatScore } from './outcome-format';
import { useOutcomeMeasures } from './outcomes-api';
import { RecordMeasureForm } from './RecordMeasureForm';
import './outcomes.css';

const DIRECTION_TEXT: Record<Direction, string> = {
  improved: 'better',
  worsened: 'worse',
  unchanged: 'no change',
};

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');

/** A case's outcome measures: results with bands, change from baseline, a chart, and the form to record one. */
export function OutcomeMeasuresPage() {
  const { referralId = '' } = useParams();
  const me = useSignedInMe();
  const referral = useReferral(referralId);
  const measures = useOutcomeMeasures(referralId);
  const [notice, setNotice] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<{ list: SummaryError[]; revision: unknown }>({
    list: [],
    revision: null,
  });
  const error = referral.error ?? measures.error;
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  usePageTitle(notFound ? 'Page not found' : 'Outcome measures', formErrors.list.length > 0);
  if (notFound) return <NotFoundPage />;
  if (error) return <ServiceProblem error={error} />;
  const r = referral.data;
  const view = measures.data;
  if (!r || !view) return <Loading what="the outcome measures" />;
  const who = `${r.person.givenName} ${r.person.familyName}`;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <BackLink to={`/referrals/${r.id}`}>The referral</BackLink>
        {notice && <NotificationBanner key={notice} variant="success" heading={notice} />}
        <ErrorSummary errors={formErrors.list} revision={formErrors.revision} />
        <h1>
          <span className="nhsuk-caption-l">{who}</span>
          Outcome measures
        </h1>
        {view.measures.length === 0 ? (
          <p>No measures have been recorded for this case yet.</p>
        ) : (
          view.measures.map((m) => <MeasureResults key={m.measure} summary={m} conventions={view.conventions} />)
        )}
        <p>
          <Link to={`/referrals/${r.id}`}>See the whole referral</Link>
        </p>
      </div>
      {hasPermission(me, 'outcome.record') && (
        <div className="nhsuk-grid-column-two-thirds">
          <RecordMeasureForm
            referralId={r.id}
            onRecorded={setNotice}
            onErrors={(list, revision) => setFormErrors({ list, revision })}
          />
        </div>
      )}
    </div>
  );
}

/** One column per indicator of the measure (a total, or each of the PAM's score and level). */
function recordingColumns(
  summary: MeasureSummary,
  indicators: OutcomeRecording['indicators'],
): DataColumn<OutcomeRecording>[] {
  return [
    { header: 'Date answered', cell: (rec) => formatDay(rec.administeredOn) },
    { header: 'Timepoint', cell: (rec) => TIMEPOINT_LABELS[rec.timepoint] },
    ...indicators.map((column, n) => ({
      header: column.label,
      cell: (rec: OutcomeRecording) => {
        const i = rec.indicators[n];
        if (!i) return null;
        return (
          <>
            {formatScore(summary.measure, i.value)}
            {i.band && (
              <>
                <br />
                <span className="nhsuk-body-s">{i.band}</span>
              </>
            )}
            {rec.pamLevelMatchesCutoffs === false && (
              <>
                <br />
                <span className="nhsuk-body-s">
                  The level differs from the published cut-offs for this score: check it against the tool.
                </span>
              </>
            )}
          </>
        );
      },
    })),
    { header: 'Recorded by', cell: (rec) => rec.recordedBy ?? '–' },
  ];
}

function MeasureResults({ summary, conventions }: { summary: MeasureSummary; conventions: OutcomeConventions }) {
  const indicators = summary.recordings[0]?.indicators ?? [];
  return (
    <section aria-labelledby={`measure-${summary.measure}`}>
      <h2 id={`measure-${summary.measure}`}>{summary.label}</h2>
      {summary.measure === 'swemwbs' && <p className="waymark-copyright">{SWEMWBS_COPYRIGHT}</p>}
      {summary.measure === 'ucla3' && (
        <p className="nhsuk-body-s">
          “Lonely” means a total of {conventions.uclaLonelyFrom} or more: a common convention, not an official
          threshold.
        </p>
      )}
      {summary.measure === 'pam' && (
        <p className="nhsuk-body-s">Scores and levels as given by the organisation’s licensed PAM tool.</p>
      )}
      {summary.change && (
        <>
          <h3>Change from baseline to latest</h3>
          <ul>
            {summary.change.indicators.map((c) => (
              <li key={c.key}>
                {c.label}: {formatScore(summary.measure, c.baseline)} to {formatScore(summary.measure, c.latest)} (
                {signed(c.change)}, {DIRECTION_TEXT[c.direction]})
              </li>
            ))}
          </ul>
        </>
      )}
      <MeasureChart summary={summary} />
      <DataTable
        caption="Every recording"
        captionSize="s"
        columns={recordingColumns(summary, indicators)}
        rows={summary.recordings}
        rowKey={(rec) => rec.id}
        rowHeader={false}
      />
    </section>
  );
}
