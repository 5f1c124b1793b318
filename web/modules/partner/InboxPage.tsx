import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { INBOX_TAB_LABELS, INBOX_TABS, type InboxItem } from '../../../common/onward-referrals';
import { LIVE_CONNECTED, useLiveEvents } from '../../app/live-events';
import { useSignedInMe } from '../../app/session';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { TableScroll } from '../../ui/TableScroll';
import { Tabs } from '../../ui/Tabs';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { formatDate, formatWhen } from '../referrals/referral-format';
import { type InboxTab, PARTNER_KEY, useInbox } from './partner-api';
import { tagOf } from './partner-words';
import './partner.css';

const EMPTY: Record<InboxTab, string> = {
  new: 'No new referrals. New ones appear here as soon as a team sends them.',
  waiting: 'No referrals waiting for your reply.',
  active: 'No one is with you through a referral at the moment.',
  closed: 'No closed or declined referrals yet.',
};

/** Waiting tabs show when a reply is due; the others have no reply to wait for. */
const columnsOf = (tab: InboxTab): DataColumn<InboxItem>[] => [
  {
    header: 'Referral',
    cell: (item) => (
      <Link to={`/partner/referrals/${item.id}`}>
        {item.personName ?? (item.anonymised ? 'Details no longer available' : 'Name not shared')}
        <span className="nhsuk-u-visually-hidden">, {item.reference}</span>
      </Link>
    ),
  },
  { header: 'Reference', cell: (item) => <span className="waymark-partner-reference">{item.reference}</span> },
  {
    header: 'Service',
    cell: (item) => (
      <>
        {item.service.name}
        {item.source === 'self' && (
          <>
            <br />
            <Tag colour="purple">Self-referral</Tag>
          </>
        )}
      </>
    ),
  },
  { header: 'Received', cell: (item) => formatWhen(item.receivedAt) },
  ...(tab === 'new' || tab === 'waiting'
    ? [{ header: 'Reply by', cell: (item: InboxItem) => (item.replyDueOn ? formatDate(item.replyDueOn) : '') }]
    : []),
  {
    header: 'Status',
    cell: (item) => {
      const tag = tagOf(item);
      return <Tag colour={tag.colour}>{tag.text}</Tag>;
    },
  },
];

function InboxTable({ tab }: { tab: InboxTab }) {
  const { data, error, isPending } = useInbox(tab);
  if (error) return <ServiceProblem error={error} />;
  if (isPending) return <Loading what="the referrals" />;
  const label = INBOX_TAB_LABELS[tab];
  return (
    <>
      <h2>{label}</h2>
      {data.items.length === 0 ? (
        <p>{EMPTY[tab]}</p>
      ) : (
        <TableScroll label={label}>
          <DataTable
            caption={`${data.items.length} ${data.items.length === 1 ? 'referral' : 'referrals'}: ${label.toLowerCase()}`}
            captionHidden
            columns={columnsOf(tab)}
            rows={data.items}
            rowKey={(item) => item.id}
          />
        </TableScroll>
      )}
    </>
  );
}

/**
 * The organisation's inbox of onward referrals in four tabs, live: a referral sent, opened or
 * answered by a colleague shows at once (the event names the organisation only; the lists are
 * fetched again through the API).
 */
export function InboxPage() {
  usePageTitle('Referrals to your organisation');
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const counts = useInbox('new').data?.counts;
  useLiveEvents((event) => {
    if (event.type === 'onward.changed' || event.type === LIVE_CONNECTED)
      void queryClient.invalidateQueries({ queryKey: PARTNER_KEY });
  });

  return (
    <>
      <h1>
        <span className="nhsuk-caption-l">{me.organisation.name}</span>
        Referrals to your organisation
      </h1>
      <p>
        People referred to your services by social prescribing teams, with their consent. Open a referral to see what
        was shared, then accept or decline it, record attendance and close it with an outcome.
      </p>
      <Tabs
        title="Referrals"
        tabs={INBOX_TABS.map((tab) => ({
          id: tab,
          label: counts ? `${INBOX_TAB_LABELS[tab]} (${counts[tab]})` : INBOX_TAB_LABELS[tab],
          content: <InboxTable tab={tab} />,
        }))}
      />
    </>
  );
}
