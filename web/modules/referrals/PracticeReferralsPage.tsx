import { Form, Link, useSearchParams } from 'react-router';
import type { ReferralStatusView } from '../../../common/api-types';
import { formatNhsNumber } from '../../../common/nhs-number';
import { REFERRAL_STATUSES, referralReference, STATUS_LABELS } from '../../../common/referrals';
import { ApiError, queryString } from '../../app/api';
import { hasPermission, useSignedInMe } from '../../app/session';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Pagination } from '../../ui/Pagination';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate, formatWhen, statusColour } from './referral-format';
import { usePracticeReferrals } from './referrals-api';

function pageFrom(search: URLSearchParams): number {
  const n = Number(search.get('page') ?? '1');
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

const STATUS_CHOICES: { value: string; text: string }[] = [
  { value: '', text: 'All referrals' },
  { value: 'open', text: 'Open (waiting, allocated or under way)' },
  { value: 'closed', text: 'Closed (discharged, declined, redirected or not contactable)' },
  ...REFERRAL_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s] })),
];

const COLUMNS: DataColumn<ReferralStatusView>[] = [
  {
    header: 'Person',
    cell: (r) => (
      <>
        <Link to={`/practice/referrals/${r.id}`}>
          {r.person.givenName} {r.person.familyName}
        </Link>
        <span className="waymark-secondary-text">
          {r.person.nhsNumber ? (
            <>
              NHS number <span className="waymark-nowrap">{formatNhsNumber(r.person.nhsNumber)}</span>
            </>
          ) : (
            'No NHS number'
          )}
        </span>
        <span className="waymark-secondary-text">Born {formatDate(r.person.dateOfBirth)}</span>
      </>
    ),
  },
  { header: 'Status', cell: (r) => <Tag colour={statusColour(r.status)}>{r.statusLabel}</Tag> },
  {
    header: 'Received',
    cell: (r) => (
      <>
        <span className="waymark-nowrap">{formatWhen(r.receivedAt)}</span>
        <span className="waymark-secondary-text">{referralReference(r.id)}</span>
      </>
    ),
  },
  { header: 'Reasons', cell: (r) => r.reasons.map((reason) => reason.label).join(', ') },
];

/** The referrals a GP practice made and where each stands: status only, never the team's notes. */
export function PracticeReferralsPage() {
  const me = useSignedInMe();
  const [search] = useSearchParams();
  const page = pageFrom(search);
  const q = search.get('q') ?? '';
  const status = search.get('status') ?? '';
  const { data, error, isPending } = usePracticeReferrals({ page, q: q || undefined, status: status || undefined });
  const notAPractice = error instanceof ApiError && error.status === 404;
  usePageTitle(notAPractice ? 'This list is for GP practices' : 'Your practice’s referrals');
  if (notAPractice) return <NotAPractice />;
  if (error) return <ServiceProblem error={error} />;

  const filtered = Boolean(q || status);
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const pageLink = (n: number) => `/practice/referrals${queryString({ q, status, page: String(n) })}`;
  return (
    <>
      <span className="nhsuk-caption-l">{me.organisation.name}</span>
      <h1>Your practice’s referrals</h1>
      <p>Everyone your practice has referred to social prescribing, newest first, and where each referral stands.</p>
      {hasPermission(me, 'referral.create') && (
        <Link className="nhsuk-button" to="/referrals/new" draggable={false}>
          Refer someone
        </Link>
      )}
      {/* A GET form: the search lives in the address, so it survives a reload and can be shared. */}
      <Form className="waymark-filters" method="get" action="/practice/referrals" aria-label="Find a referral">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="referrals-q">
            Search by name, NHS number or reference
          </label>
          <input
            className="nhsuk-input nhsuk-u-width-one-half"
            id="referrals-q"
            name="q"
            type="search"
            autoComplete="off"
            defaultValue={q}
            key={q}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="referrals-status">
            Status
          </label>
          <select className="nhsuk-select" id="referrals-status" name="status" defaultValue={status} key={status}>
            {STATUS_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.text}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">Search</Button>
        {filtered && (
          <p>
            <Link to="/practice/referrals">Clear the search</Link>
          </p>
        )}
      </Form>
      {isPending ? (
        <Loading what="your practice’s referrals" />
      ) : data.total === 0 ? (
        <p>
          {filtered
            ? 'No referrals match. Try other words, or clear the search.'
            : 'Your practice has not referred anyone yet.'}
        </p>
      ) : (
        <>
          <DataTable
            caption={
              <>
                {data.total} {data.total === 1 ? 'referral' : 'referrals'}
                {filtered && ' found'}
                {lastPage > 1 && ` (page ${page} of ${lastPage})`}
              </>
            }
            columns={COLUMNS}
            rows={data.referrals}
            rowKey={(r) => r.id}
          />
          <Pagination
            label="Referrals pages"
            previous={page > 1 ? { to: pageLink(page - 1), text: 'Newer referrals' } : undefined}
            next={page < lastPage ? { to: pageLink(page + 1), text: 'Older referrals' } : undefined}
          />
        </>
      )}
    </>
  );
}

function NotAPractice() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>This list is for GP practices</h1>
        <p>It shows a practice the referrals it made. The PCN team sees its referrals in the triage queue.</p>
        <p>
          <Link to="/">Go to your home page</Link>
        </p>
      </div>
    </div>
  );
}
