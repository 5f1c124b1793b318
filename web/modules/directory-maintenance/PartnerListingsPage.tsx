import { Link } from 'react-router';
import { REFERRAL_CAPACITY_LABELS, SERVICE_STATUS_LABELS } from '../../../common/directory';
import type { PartnerListingSummary } from '../../../common/directory-maintenance';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Loading, ServiceProblem } from '../../ui/ServiceProblem';
import { Tag } from '../../ui/Tag';
import { usePageTitle } from '../../ui/use-page-title';
import { useOurListings } from './maintenance-api';
import { CAPACITY_COLOURS, formatDay, formatWhen, STATUS_COLOURS } from './maintenance-format';
import './maintenance.css';

function Decision({ listing }: { listing: PartnerListingSummary }) {
  if (listing.pending_change) return <Tag colour="blue">Change pending review</Tag>;
  const d = listing.last_decision;
  if (!d) return null;
  if (d.status === 'approved')
    return <span className="nhsuk-body-s">Last change approved {formatWhen(d.decided_at)}</span>;
  return (
    <>
      <Tag colour="red">Last change not accepted</Tag>
      {d.rejection_reason && (
        <p className="nhsuk-body-s waymark-listing-text">
          Reason ({formatWhen(d.decided_at)}): {d.rejection_reason}
        </p>
      )}
    </>
  );
}

const COLUMNS: DataColumn<PartnerListingSummary>[] = [
  { header: 'Service', cell: (l) => l.name },
  { header: 'Status', cell: (l) => <Tag colour={STATUS_COLOURS[l.status]}>{SERVICE_STATUS_LABELS[l.status]}</Tag> },
  {
    header: 'Taking referrals',
    cell: (l) => (
      <Tag colour={CAPACITY_COLOURS[l.referral_capacity]}>{REFERRAL_CAPACITY_LABELS[l.referral_capacity]}</Tag>
    ),
  },
  { header: 'Last checked', cell: (l) => formatDay(l.assured_date) },
  { header: 'Changes', cell: (l) => <Decision listing={l} /> },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (l) => (
      <>
        <Link to={`/directory/our-listings/${l.id}/edit`}>
          Propose a change<span className="nhsuk-u-visually-hidden"> to {l.name}</span>
        </Link>
        <br />
        <Link to={`/directory/our-listings/${l.id}/referral-settings`}>
          Referral settings<span className="nhsuk-u-visually-hidden"> of {l.name}</span>
        </Link>
      </>
    ),
  },
];

/** A VCS partner's own listings in the directory, with what waits for review. */
export function PartnerListingsPage() {
  usePageTitle('Your listings');
  const { data, error, isPending } = useOurListings();
  if (error) return <ServiceProblem error={error} />;
  return (
    <>
      <h1>Your listings</h1>
      <p>
        Keep your organisation’s services up to date in the directory. Changes you propose are checked by the social
        prescribing team before they appear.
      </p>
      <ul className="nhsuk-list">
        <li>
          <Link to="/directory/our-events">Sessions and events</Link>: tell people what is coming up
        </li>
        <li>
          <Link to="/directory/our-proposals">Propose a new listing</Link>
        </li>
      </ul>
      {isPending ? (
        <Loading what="your listings" />
      ) : data.length === 0 ? (
        <p>
          Your organisation has no listings in the directory yet. Propose one, or contact your social prescribing team.
        </p>
      ) : (
        <DataTable caption="Your listings" captionHidden columns={COLUMNS} rows={data} rowKey={(l) => l.id} />
      )}
    </>
  );
}
