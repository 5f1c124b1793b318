import { type FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { OnwardServiceResult } from '../../../common/onward-referrals';
import { ApiError } from '../../app/api';
import { NotFoundPage } from '../../app/NotFoundPage';
import { BackLink } from '../../ui/BackLink';
import { Button } from '../../ui/Button';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/FormFields';
import { errorsFromApi, NO_ERRORS, summaryOf } from '../../ui/form-errors';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatSession } from '../directory/session-time';
import { useCaseForReferral, useServiceSearch } from './onward-api';

const LABELS = { text: 'What are you looking for', postcode: 'Postcode', within_miles: 'Within' };
const ORDER = ['text', 'postcode', 'within_miles'];

/** How fast the organisation usually answers, once it has answered referrals this year. */
export function replyFigures(r: OnwardServiceResult): string {
  const s = r.replyStats;
  if (!s) return 'No history yet';
  const days =
    s.medianReplyWorkingDays === null
      ? null
      : `usually replies in ${s.medianReplyWorkingDays} working day${s.medianReplyWorkingDays === 1 ? '' : 's'}`;
  const accepted = s.acceptedPercent === null ? null : `accepts ${s.acceptedPercent}%`;
  return [days, accepted].filter(Boolean).join(', ');
}

const capacityColour = (r: OnwardServiceResult) =>
  r.status !== 'active' || r.capacity === 'full' ? 'red' : r.capacity === 'waiting_list' ? 'yellow' : 'green';

/** "Find a service for this person": the directory search from the person's postcode. */
export function FindServicePage() {
  const { referralId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const query = {
    text: params.get('text') ?? undefined,
    postcode: params.get('postcode') ?? undefined,
    within_miles: params.get('within_miles') ?? undefined,
  };
  const [draft, setDraft] = useState({
    text: query.text ?? '',
    postcode: query.postcode ?? '',
    within_miles: query.within_miles ?? '',
  });
  const record = useCaseForReferral(referralId);
  const search = useServiceSearch(referralId, query);
  const badQuery = search.error instanceof ApiError && search.error.status === 400;
  const errors = badQuery ? errorsFromApi(search.error, LABELS) : NO_ERRORS;
  const who = record.data ? `${record.data.referral.person.givenName} ${record.data.referral.person.familyName}` : '';
  usePageTitle(who ? `Find a community service for ${who}` : 'Find a community service', badQuery);

  if (record.error instanceof ApiError && record.error.status === 404) return <NotFoundPage />;
  if (record.error) return <ServiceProblem error={record.error} />;
  if (search.error && !badQuery) return <ServiceProblem error={search.error} />;
  if (record.isPending) return <Loading what="the case" />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(draft)) if (v.trim()) next.set(k, v.trim());
    setParams(next);
  }

  const columns: DataColumn<OnwardServiceResult>[] = [
    {
      header: 'Service',
      cell: (r) => (
        <>
          <Link to={`/referrals/${referralId}/community-services/${r.id}`}>{r.name}</Link>
          <br />
          <span className="nhsuk-body-s">{r.organisationName}</span>
          {r.nextEvent && (
            <>
              <br />
              <span className="nhsuk-body-s">
                Next session: <time dateTime={r.nextEvent.startsAt}>{formatSession(r.nextEvent.startsAt)}</time>,{' '}
                {r.nextEvent.title}
              </span>
            </>
          )}
        </>
      ),
    },
    {
      header: 'Distance',
      cell: (r) => (r.distanceMiles === null ? (r.areaWide ? 'Area-wide' : 'Not known') : `${r.distanceMiles} miles`),
    },
    {
      header: 'Capacity',
      cell: (r) => <Tag colour={capacityColour(r)}>{r.status === 'active' ? r.capacityLabel : r.statusLabel}</Tag>,
    },
    { header: 'Takes referrals', cell: (r) => (r.takesReferrals ? 'Yes' : 'No: signpost only') },
    { header: 'Replies', cell: replyFigures },
  ];

  const page = search.data;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <BackLink to={`/referrals/${referralId}/case`}>The case record</BackLink>
        <ErrorSummary errors={summaryOf(errors, ORDER, 'text')} revision={search.error} />
        <span className="nhsuk-caption-l">{who}</span>
        <h1>Find a community service</h1>
        <form onSubmit={submit} noValidate aria-label="Search for community services">
          <TextField
            id="text"
            label={LABELS.text}
            hint="For example, walking, choir or money advice"
            value={draft.text}
            error={errors.fields.text}
            onChange={(text) => setDraft((d) => ({ ...d, text }))}
          />
          <TextField
            id="postcode"
            label={LABELS.postcode}
            hint={
              page?.postcode
                ? `Leave empty to use ${who}’s postcode, ${page.postcode}`
                : 'The person’s postcode is not known: enter one to sort by distance'
            }
            value={draft.postcode}
            width={10}
            autoComplete="off"
            error={errors.fields.postcode}
            onChange={(postcode) => setDraft((d) => ({ ...d, postcode }))}
          />
          <TextField
            id="within_miles"
            label={`${LABELS.within_miles} (miles)`}
            hint="5 miles unless you say"
            value={draft.within_miles}
            width={3}
            inputMode="numeric"
            error={errors.fields.within_miles}
            onChange={(within_miles) => setDraft((d) => ({ ...d, within_miles }))}
          />
          <Button>Search</Button>
        </form>
        {page && (
          <>
            <h2>
              {page.total === 1 ? '1 service' : `${page.total} services`}
              {page.postcode ? ` near ${page.postcode}` : ''}
            </h2>
            {page.postcodeUnknown && <p>The postcode {page.postcode} was not found: distances are not shown.</p>}
            {page.correctedText && <p>Showing results for “{page.correctedText}”.</p>}
            {page.results.length > 0 ? (
              <DataTable
                caption="Services found"
                captionHidden
                columns={columns}
                rows={page.results}
                rowKey={(r) => r.id}
                busy={search.isPlaceholderData}
              />
            ) : (
              <p>No services match. Try other words or a wider distance.</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
