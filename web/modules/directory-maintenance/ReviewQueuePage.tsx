import { Link } from 'react-router';
import { SERVICE_STATUS_LABELS } from '../../../common/directory';
import type { DueReview, OpenReport, PendingChange, ReviewServiceRef } from '../../../common/directory-maintenance';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { useReviewQueue } from './maintenance-api';
import { formatDay, formatWhen, STATUS_COLOURS } from './maintenance-format';
import './maintenance.css';

function ServiceCell({ service }: { service: ReviewServiceRef }) {
  return (
    <>
      <Link to={`/directory/review/services/${service.id}`}>{service.name}</Link>
      <br />
      <span className="nhsuk-body-s">{service.organization_name}</span>
      {service.status !== 'active' && (
        <>
          {' '}
          <Tag colour={STATUS_COLOURS[service.status]}>{SERVICE_STATUS_LABELS[service.status]}</Tag>
        </>
      )}
    </>
  );
}

const DUE_COLUMNS: DataColumn<DueReview>[] = [
  { header: 'Service', cell: (d) => <ServiceCell service={d.service} /> },
  { header: 'Last checked', cell: (d) => formatDay(d.assured_date) },
  {
    header: 'Why it is here',
    cell: (d) => (d.reason === 'never_verified' ? 'Never checked' : `Review was due on ${formatDay(d.review_due_on)}`),
  },
];

const REPORT_COLUMNS: DataColumn<OpenReport>[] = [
  { header: 'Service', cell: (r) => <ServiceCell service={r.service} /> },
  { header: 'Reported', cell: (r) => formatWhen(r.created_at) },
  { header: 'What they said', cell: (r) => <span className="waymark-listing-text">{r.message}</span> },
];

const CHANGE_COLUMNS: DataColumn<PendingChange>[] = [
  { header: 'Service', cell: (c) => <ServiceCell service={c.service} /> },
  { header: 'Proposed', cell: (c) => formatWhen(c.submitted_at) },
  { header: 'By', cell: (c) => c.submitted_by },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (c) => (
      <Link to={`/directory/review/changes/${c.id}`}>
        Review the change<span className="nhsuk-u-visually-hidden"> to {c.service.name}</span>
      </Link>
    ),
  },
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const more = (shown: number, total: number) =>
  total > shown ? (
    <p className="nhsuk-body-s">
      Showing the oldest {shown} of {total}.
    </p>
  ) : null;

/**
 * The directory's review work for the ICB: listings due for their regular check, reports from the
 * public that something is out of date, and changes VCS partners proposed. Oldest first.
 */
export function ReviewQueuePage() {
  usePageTitle('Directory review');
  const { data, error, isPending } = useReviewQueue();
  if (error) return <ServiceProblem error={error} />;

  return (
    <>
      <h1>Directory review</h1>
      {isPending ? (
        <Loading what="the review queue" />
      ) : (
        <>
          <ul className="nhsuk-list">
            <li>
              <a href="#due">{plural(data.counts.due, 'listing', 'listings')} due for review</a>
            </li>
            <li>
              <a href="#reports">{plural(data.counts.reports, 'report', 'reports')} from the public</a>
            </li>
            <li>
              <a href="#changes">{plural(data.counts.changes, 'change', 'changes')} proposed by partners</a>
            </li>
          </ul>

          <h2 id="due">Due for review ({data.counts.due})</h2>
          <p>Never checked, or last checked longer ago than the listing’s review interval.</p>
          {data.due.length === 0 ? (
            <p>Every listing has been checked recently.</p>
          ) : (
            <DataTable
              caption="Listings due for review"
              captionHidden
              columns={DUE_COLUMNS}
              rows={data.due}
              rowKey={(d) => d.service.id}
            />
          )}
          {more(data.due.length, data.counts.due)}

          <h2 id="reports">Reports from the public ({data.counts.reports})</h2>
          {data.reports.length === 0 ? (
            <p>No open reports.</p>
          ) : (
            <DataTable
              caption="Reports from the public"
              captionHidden
              columns={REPORT_COLUMNS}
              rows={data.reports}
              rowKey={(r) => r.id}
            />
          )}
          {more(data.reports.length, data.counts.reports)}

          <h2 id="changes">Changes proposed by partners ({data.counts.changes})</h2>
          {data.changes.length === 0 ? (
            <p>No changes waiting.</p>
          ) : (
            <DataTable
              caption="Changes proposed by partners"
              captionHidden
              columns={CHANGE_COLUMNS}
              rows={data.changes}
              rowKey={(c) => c.id}
            />
          )}
          {more(data.changes.length, data.counts.changes)}
        </>
      )}
    </>
  );
}
