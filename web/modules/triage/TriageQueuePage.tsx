import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatNhsNumber } from '../../../common/nhs-number';
import { LIVE_CONNECTED, useLiveEvents } from '../../app/live-events';
import { hasPermission, useSignedInMe } from '../../app/session';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate, formatWhen, statusColour } from '../referrals/referral-format';
import { QueueFilters } from './QueueFilters';
import { type QueueFilters as Filters, QUEUE_KEY, type QueueItem, useTriageQueue } from './triage-api';
import { PRIORITY_COLOURS, PRIORITY_LABELS, waitingFor } from './triage-labels';
import './triage.css';

const FILTER_NAMES = ['status', 'priority', 'reason', 'practiceId', 'safeguarding'] as const;
const LIVE_TYPES = new Set(['referral.received', 'referral.changed', LIVE_CONNECTED]);

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/**
 * The PCN's one queue: every referral from every practice waiting for triage or allocation, most
 * urgent first, then longest waiting. It refreshes itself when a referral arrives or changes.
 */
export function TriageQueuePage() {
  usePageTitle('Triage queue');
  const me = useSignedInMe();
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(
    FILTER_NAMES.flatMap((name) => (params.get(name) ? [[name, params.get(name) as string]] : [])),
  );
  const { data, error, isPending } = useTriageQueue(filters);
  const queryClient = useQueryClient();

  useLiveEvents((event) => {
    if (LIVE_TYPES.has(event.type)) void queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
  });

  // Which referrals arrived while the page was open: tagged "New" and announced politely. What was
  // seen is kept per set of filters, so changing the filters never makes old referrals look new.
  const filterKey = params.toString();
  const seen = useRef<{ key: string; ids: Set<string> } | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (!data) return;
    const before = seen.current?.key === filterKey ? seen.current.ids : null;
    if (before) {
      const arrived = data.items.filter((i) => i.status === 'received' && !before.has(i.id));
      if (arrived.length > 0) {
        setFresh((prev) => new Set([...prev, ...arrived.map((i) => i.id)]));
        const n = arrived.length;
        setAnnouncement(`${n} new ${n === 1 ? 'referral' : 'referrals'} at ${TIME.format(new Date())}`);
      }
    }
    seen.current = { key: filterKey, ids: new Set([...(before ?? []), ...data.items.map((i) => i.id)]) };
  }, [data, filterKey]);

  if (error) return <ServiceProblem error={error} />;
  const canAllocate = hasPermission(me, 'referral.allocate');

  return (
    <>
      <h1>
        {me.pcn && <span className="nhsuk-caption-l">{me.pcn.name}</span>}
        Triage queue
      </h1>
      <p>
        New referrals from every practice in the PCN, most urgent first, then longest waiting. Referrals not yet triaged
        are placed by the urgency the referrer asked for. The list updates by itself when a referral arrives.
      </p>
      <p className="waymark-live-status" role="status">
        {announcement}
      </p>
      {isPending ? (
        <Loading what="the queue" />
      ) : (
        <>
          <QueueCounts counts={data.counts} />
          <div className="waymark-actions">
            {canAllocate && data.counts.byStatus.triaged > 0 && (
              <Link className="nhsuk-button nhsuk-button--secondary" to="/triage/allocate-all" draggable={false}>
                Allocate all triaged referrals
              </Link>
            )}
            <p>
              <Link to="/triage/settings">First-contact targets</Link>
            </p>
          </div>
          <details className="nhsuk-details" open={FILTER_NAMES.some((n) => params.get(n))}>
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Filter the queue</span>
            </summary>
            <div className="nhsuk-details__text">
              <QueueFilters
                key={params.toString()}
                filters={filters}
                options={data.filterOptions}
                onApply={(next) =>
                  setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as Record<string, string>)
                }
              />
            </div>
          </details>
          {data.items.length === 0 ? (
            <p>{Object.keys(filters).length > 0 ? 'No referrals match these filters.' : 'The queue is empty.'}</p>
          ) : (
            <QueueTable items={data.items} matching={data.matching} fresh={fresh} truncated={data.truncated} />
          )}
        </>
      )}
    </>
  );
}

function QueueCounts({
  counts,
}: {
  counts: { byStatus: Record<string, number>; byPriority: Record<string, number>; safeguarding: number; total: number };
}) {
  const tiles = [
    { label: 'Waiting for triage', value: counts.byStatus.received ?? 0 },
    { label: 'Triaged, waiting for allocation', value: counts.byStatus.triaged ?? 0 },
    { label: 'Urgent', value: counts.byPriority.urgent ?? 0 },
    { label: 'Soon', value: counts.byPriority.soon ?? 0 },
    { label: 'Routine', value: counts.byPriority.routine ?? 0 },
    { label: 'Safeguarding concerns', value: counts.safeguarding },
  ];
  return (
    <ul className="waymark-counts" aria-label={`Open referrals: ${counts.total}`}>
      {tiles.map((t) => (
        <li key={t.label} className="waymark-counts__item">
          <span className="waymark-counts__value">{t.value}</span>
          <span className="waymark-counts__label">{t.label}</span>
        </li>
      ))}
    </ul>
  );
}

function queueColumns(fresh: Set<string>): DataColumn<QueueItem>[] {
  return [
    {
      header: 'Person',
      cell: (item) => (
        <>
          <Link to={`/referrals/${item.id}`}>
            {item.person.givenName} {item.person.familyName}
          </Link>
          {fresh.has(item.id) && (
            <>
              {' '}
              <Tag colour="yellow">New</Tag>
            </>
          )}
          <span className="waymark-secondary-text">
            {item.person.nhsNumber ? `NHS ${formatNhsNumber(item.person.nhsNumber)}` : 'No NHS number'}
          </span>
          <span className="waymark-secondary-text">Born {formatDate(item.person.dateOfBirth)}</span>
          {item.safeguardingConcern && (
            <span className="waymark-block">
              <Tag colour="red">Safeguarding concern</Tag>
            </span>
          )}
          {item.source === 'self' && (
            <span className="waymark-block">
              <Tag colour="purple">Self-referral</Tag>
              <span className="waymark-secondary-text">Identity not checked</span>
            </span>
          )}
        </>
      ),
    },
    {
      header: 'Priority',
      cell: (item) => (
        <>
          <Tag colour={PRIORITY_COLOURS[item.queuePriority]}>{PRIORITY_LABELS[item.queuePriority]}</Tag>
          {!item.priority && <span className="waymark-secondary-text">Asked by the referrer</span>}
        </>
      ),
    },
    { header: 'Status', cell: (item) => <Tag colour={statusColour(item.status)}>{item.statusLabel}</Tag> },
    { header: 'Reasons', cell: (item) => item.reasons.map((r) => r.label).join(', ') },
    {
      header: 'From',
      cell: (item) => item.practice?.name ?? (item.source === 'self' ? 'Self-referral' : 'Another professional'),
    },
    {
      header: 'Waiting',
      cell: (item) => (
        <>
          {waitingFor(item.receivedAt)}
          <span className="waymark-secondary-text">Since {formatWhen(item.receivedAt)}</span>
        </>
      ),
    },
  ];
}

function QueueTable({
  items,
  matching,
  fresh,
  truncated,
}: {
  items: QueueItem[];
  matching: number;
  fresh: Set<string>;
  truncated: boolean;
}) {
  return (
    <DataTable
      caption={
        <>
          {matching} {matching === 1 ? 'referral' : 'referrals'}
          {truncated && `: the first ${items.length} are shown`}
        </>
      }
      columns={queueColumns(fresh)}
      rows={items}
      rowKey={(item) => item.id}
    />
  );
}
