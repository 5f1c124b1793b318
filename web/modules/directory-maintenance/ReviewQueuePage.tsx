import { Link } from 'react-router';
import { SERVICE_STATUS_LABELS } from '../../../common/directory';
import type { DueReview, OpenReport, PendingChange, ReviewServiceRef } from '../../../common/directory-maintenance';
import type { PendingProposal } from '../../../common/showcase';
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

// New listings proposed by partners (the showcase): reviewed on the showcase's own page.
const PROPOSAL_COLUMNS: DataColumn<PendingProposal>[] = [
  { header: 'New listing', cell: (p) => <span className="waymark-listing-text">{p.name}</span> },
  { header: 'Organisation', cell: (p) => p.organization_name },
  { header: 'Proposed', cell: (p) => formatWhen(p.submitted_at) },
  { header: 'By', cell: (p) => p.submitted_by },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (p) => (
      <Link to={`/directory/review/proposals/${p.id}`}>
        Review the new listing<span className="nhsuk-u-visually-hidden"> {p.name}</span>
      </Link>
    ),
  },
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One kind of review work: its heading (the link target of the counts above), the oldest items, and how many more. */
function QueueSection<T>({
  id,
  heading,
  intro,
  empty,
  total,
  ...table
}: {
  id: string;
  heading: string;
  intro?: string;
  empty: string;
  caption: string;
  columns: DataColumn<T>[];
  rows: T[];
  total: number;
  rowKey: (row: T) => string;
}) {
  return (
    <>
      <h2 id={id}>
        {heading} ({total})
      </h2>
      {intro && <p>{intro}</p>}
      {table.rows.length === 0 ? <p>{empty}</p> : <DataTable captionHidden {...table} />}
      {total > table.rows.length && (
        <p className="nhsuk-body-s">
          Showing the oldest {table.rows.length} of {total}.
        </p>
      )}
    </>
  );
}

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
            <li>
              <a href="#proposals">
                {plural(data.counts.proposals, 'new listing', 'new listings')} proposed by partners
              </a>
            </li>
          </ul>

          <QueueSection
            id="due"
            heading="Due for review"
            intro="Never checked, or last checked longer ago than the listing’s review interval."
            empty="Every listing has been checked recently."
            caption="Listings due for review"
            columns={DUE_COLUMNS}
            rows={data.due}
            total={data.counts.due}
            rowKey={(d) => d.service.id}
          />
          <QueueSection
            id="reports"
            heading="Reports from the public"
            empty="No open reports."
            caption="Reports from the public"
            columns={REPORT_COLUMNS}
            rows={data.reports}
            total={data.counts.reports}
            rowKey={(r) => r.id}
          />
          <QueueSection
            id="changes"
            heading="Changes proposed by partners"
            empty="No changes waiting."
            caption="Changes proposed by partners"
            columns={CHANGE_COLUMNS}
            rows={data.changes}
            total={data.counts.changes}
            rowKey={(c) => c.id}
          />
          <QueueSection
            id="proposals"
            heading="New listings proposed by partners"
            empty="No new listings waiting."
            caption="New listings proposed by partners"
            columns={PROPOSAL_COLUMNS}
            rows={data.proposals}
            total={data.counts.proposals}
            rowKey={(p) => p.id}
          />
        </>
      )}
    </>
  );
}
