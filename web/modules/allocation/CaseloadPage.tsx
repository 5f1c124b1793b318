import { useQueryClient } from '@tanstack/react-query';
import { Form, Link, useLocation, useSearchParams } from 'react-router';
import { CONTACT_MODE_LABELS } from '../../../common/cases';
import { CASELOAD_SHOW_KEYS, CASELOAD_SHOWS, type CaseloadShow } from '../../../common/front-door-types';
import { formatNhsNumber } from '../../../common/nhs-number';
import { queryString } from '../../app/api';
import { LIVE_CONNECTED, useLiveEvents } from '../../app/live-events';
import { useSignedInMe } from '../../app/session';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { PageLinks, pageParam, pickParam } from '../../ui/list-paging';
import { NotificationBanner } from '../../ui/NotificationBanner';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate, formatWhen } from '../referrals/referral-format';
import { PRIORITY_COLOURS, PRIORITY_LABELS } from '../triage/triage-labels';
import { VideoWaitingBanner, VideoWaitingTag } from '../video/VideoWaiting';
import '../triage/triage.css';
import { CASELOAD_KEY, type Caseload, type CaseloadItem, useCaseload } from './caseload-api';

const REFRESH_ON = new Set(['referral.changed', 'notification.created', LIVE_CONNECTED]);

function Due({ item }: { item: CaseloadItem }) {
  switch (item.firstContactDue) {
    case 'made':
      return (
        <>
          <Tag colour="green">Contacted</Tag>
          {item.firstContactAt && <span className="waymark-secondary-text">{formatWhen(item.firstContactAt)}</span>}
        </>
      );
    case 'overdue':
      return (
        <>
          <Tag colour="red">Overdue</Tag>
          <span className="waymark-secondary-text">Was due {formatWhen(item.firstContactDueAt as string)}</span>
        </>
      );
    case 'due_today':
      return (
        <>
          <Tag colour="orange">Due today</Tag>
          <span className="waymark-secondary-text">By {formatWhen(item.firstContactDueAt as string)}</span>
        </>
      );
    case 'upcoming':
      return <>By {formatWhen(item.firstContactDueAt as string)}</>;
    default:
      return <>No target set</>;
  }
}

function NextContact({ item }: { item: CaseloadItem }) {
  const next = item.nextContact;
  if (!next) return <>None booked</>;
  if (next.overdue) {
    return (
      <>
        <Tag colour="red">Overdue</Tag>
        <span className="waymark-secondary-text">
          Was planned for {formatWhen(next.at)}, {CONTACT_MODE_LABELS[next.mode].toLowerCase()}
        </span>
      </>
    );
  }
  return (
    <>
      {formatWhen(next.at)}
      <span className="waymark-secondary-text">{CONTACT_MODE_LABELS[next.mode]}</span>
    </>
  );
}

const SHORT: Record<string, string> = { ons4: 'ONS4', swemwbs: 'SWEMWBS', ucla3: 'UCLA-3', pam: 'PAM' };

function PlanReview({ item }: { item: CaseloadItem }) {
  const on = item.planReview.on;
  switch (item.planReview.due) {
    case 'overdue':
      return (
        <>
          <Tag colour="red">Review overdue</Tag>
          <span className="waymark-secondary-text">Was due {formatDate(on as string)}</span>
        </>
      );
    case 'due':
      return (
        <>
          <Tag colour="orange">Review due</Tag>
          <span className="waymark-secondary-text">By {formatDate(on as string)}</span>
        </>
      );
    case 'upcoming':
      return <>Review by {formatDate(on as string)}</>;
    default:
      return <>No review date</>;
  }
}

function LatestScores({ item }: { item: CaseloadItem }) {
  if (item.latestScores.length === 0) return <>None recorded</>;
  return (
    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
      {item.latestScores.map((s) => (
        <li key={s.measure} className="nhsuk-body-s nhsuk-u-margin-bottom-1">
          <abbr title={s.label}>{SHORT[s.measure] ?? s.label}</abbr>{' '}
          {s.measure === 'ons4'
            ? s.indicators.map((i) => `${i.label} ${i.value}`).join(', ')
            : s.indicators.map((i) => (s.measure === 'pam' && i.band ? `${i.value}, ${i.band}` : i.value)).join(', ')}
          <span className="waymark-secondary-text">
            {s.timepoint}, {formatDate(s.administeredOn)}
          </span>
        </li>
      ))}
    </ul>
  );
}

const COLUMNS: DataColumn<CaseloadItem>[] = [
  {
    header: 'Person',
    cell: (item) => (
      <>
        <Link to={`/referrals/${item.id}`}>
          {item.person.givenName} {item.person.familyName}
        </Link>
        <span className="waymark-secondary-text">
          {item.person.nhsNumber ? `NHS ${formatNhsNumber(item.person.nhsNumber)}` : 'No NHS number'}
          {' · '}Born {formatDate(item.person.dateOfBirth)}
        </span>
        {item.cover?.kind === 'covering' && (
          <span className="waymark-block">
            <Tag colour="purple">Cover for {item.cover.worker.name}</Tag>
          </span>
        )}
        {item.cover?.kind === 'covered' && (
          <span className="waymark-block">
            <Tag colour="grey">Covered by {item.cover.worker.name}</Tag>
          </span>
        )}
        <VideoWaitingTag referralId={item.id} />
        {item.safeguardingConcern && (
          <span className="waymark-block">
            <Tag colour="red">Safeguarding concern</Tag>
          </span>
        )}
      </>
    ),
  },
  {
    header: 'Priority',
    cell: (item) =>
      item.priority ? <Tag colour={PRIORITY_COLOURS[item.priority]}>{PRIORITY_LABELS[item.priority]}</Tag> : 'Not set',
  },
  { header: 'Reasons', cell: (item) => item.reasons.map((r) => r.label).join(', ') },
  { header: 'First contact', cell: (item) => <Due item={item} /> },
  { header: 'Last contact', cell: (item) => (item.lastContactAt ? formatWhen(item.lastContactAt) : 'None yet') },
  { header: 'Next contact', cell: (item) => <NextContact item={item} /> },
  { header: 'Plan review', cell: (item) => <PlanReview item={item} /> },
  { header: 'Latest scores', cell: (item) => <LatestScores item={item} /> },
  {
    header: 'Actions',
    hiddenHeader: true,
    cell: (item) => (
      <>
        {item.status === 'allocated' && item.cover?.kind !== 'covered' && (
          <Link to={`/referrals/${item.id}/first-contact`}>
            Record first contact
            <span className="nhsuk-u-visually-hidden">
              {' '}
              with {item.person.givenName} {item.person.familyName}
            </span>
          </Link>
        )}
        <Link className="waymark-block" to={`/referrals/${item.id}/case`}>
          Case record
          <span className="nhsuk-u-visually-hidden">
            {' '}
            of {item.person.givenName} {item.person.familyName}
          </span>
        </Link>
      </>
    ),
  },
];

/** The caseload's search, "show" and page, from the address (so Back, reload and a shared link keep them). */
function listState(search: URLSearchParams) {
  return {
    q: search.get('q') ?? '',
    show: pickParam<CaseloadShow>(search, 'show', CASELOAD_SHOW_KEYS, 'all'),
    page: pageParam(search),
  };
}

/** The search form, the page of cases and the links to the other pages. */
function CaseloadTable({ data, state }: { data: Caseload; state: ReturnType<typeof listState> }) {
  const params = { q: state.q || undefined, show: state.show === 'all' ? undefined : state.show };
  const link = (changes: Record<string, string | undefined>) => `/caseload${queryString({ ...params, ...changes })}`;
  const narrowed = Boolean(params.q || params.show);
  const lastPage = Math.max(1, Math.ceil(data.total / data.pageSize));
  const from = (data.page - 1) * data.pageSize + 1;
  const to = from + data.items.length - 1;
  return (
    <>
      <Form className="waymark-filters" method="get" action="/caseload" aria-label="Find a case">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="caseload-q">
            Search by name, NHS number or reference
          </label>
          <input
            className="nhsuk-input nhsuk-u-width-one-half"
            id="caseload-q"
            name="q"
            type="search"
            autoComplete="off"
            defaultValue={state.q}
            key={state.q}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="caseload-show">
            Show
          </label>
          <select
            className="nhsuk-select"
            id="caseload-show"
            name="show"
            defaultValue={state.show === 'all' ? '' : state.show}
            key={state.show}
          >
            {CASELOAD_SHOW_KEYS.map((value) => (
              <option key={value} value={value === 'all' ? '' : value}>
                {CASELOAD_SHOWS[value]}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">Search</Button>
        {narrowed && (
          <p>
            <Link to="/caseload">Clear the search</Link>
          </p>
        )}
      </Form>
      <p role="status" className="nhsuk-body-s">
        {data.total === 0
          ? 'No cases match. Clear the search to see all your open cases.'
          : `${
              narrowed
                ? `${data.total} of your ${data.counts.total} open cases ${data.total === 1 ? 'matches' : 'match'}`
                : `${data.total} open ${data.total === 1 ? 'case' : 'cases'}`
            }${lastPage > 1 ? `: showing ${from} to ${to} (page ${data.page} of ${lastPage})` : ''}`}
      </p>
      {data.total === 0 ? null : (
        <>
          <DataTable
            caption={
              lastPage > 1
                ? `Open cases, page ${data.page} of ${lastPage}`
                : `${data.total} open ${data.total === 1 ? 'case' : 'cases'}`
            }
            columns={COLUMNS}
            rows={data.items}
            rowKey={(item) => item.id}
          />
          <PageLinks page={data.page} total={data.total} pageSize={data.pageSize} link={link} label="Caseload pages" />
        </>
      )}
    </>
  );
}

/** A worker's own open cases and the ones they cover for colleagues: those waiting for first contact first. */
export function CaseloadPage() {
  usePageTitle('Your caseload');
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const state = listState(search);
  const { data, error, isPending } = useCaseload({
    q: state.q || undefined,
    show: state.show === 'all' ? undefined : state.show,
    page: state.page === 1 ? undefined : String(state.page),
  });
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  useLiveEvents((event) => {
    if (REFRESH_ON.has(event.type)) void queryClient.invalidateQueries({ queryKey: CASELOAD_KEY });
  });
  if (error) return <ServiceProblem error={error} />;

  return (
    <>
      {notice && <NotificationBanner variant="success" heading={notice} />}
      <h1>
        <span className="nhsuk-caption-l">{me.user.name}</span>
        Your caseload
      </h1>
      <p>
        The people allocated to you, and the ones you cover while a colleague is away. Those waiting for first contact
        come first: make it by the date shown.
      </p>
      {isPending ? (
        <Loading what="your caseload" />
      ) : (
        <>
          <VideoWaitingBanner />
          <ul className="waymark-counts" aria-label="Your caseload in numbers">
            <li className="waymark-counts__item">
              <span className="waymark-counts__value">{data.counts.total}</span>
              <span className="waymark-counts__label">Open cases</span>
            </li>
            <li className="waymark-counts__item">
              <span className="waymark-counts__value">{data.counts.awaitingFirstContact}</span>
              <span className="waymark-counts__label">Waiting for first contact</span>
            </li>
            <li className="waymark-counts__item">
              <span className="waymark-counts__value">{data.counts.overdue}</span>
              <span className="waymark-counts__label">First contact overdue</span>
            </li>
            <li className="waymark-counts__item">
              <span className="waymark-counts__value">{data.counts.covering}</span>
              <span className="waymark-counts__label">Covering for colleagues</span>
            </li>
          </ul>
          {data.counts.total === 0 ? <p>You have no open cases.</p> : <CaseloadTable data={data} state={state} />}
        </>
      )}
    </>
  );
}
