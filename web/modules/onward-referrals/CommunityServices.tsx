import { Link } from 'react-router';
import type { OnwardReferralView } from '../../../common/onward-referrals';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { Tag, type TagColour } from '../../ui/Tag';
import { LinkControls } from '../referral-link/LinkControls';
import { formatDate, formatWhen } from '../referrals/referral-format';
import { useOnwardReferrals } from './onward-api';

const day = (iso: string) => formatWhen(iso).replace(/,.*$/, '');

const STATUS_COLOURS: Record<OnwardReferralView['status'], TagColour> = {
  signposted: 'grey',
  sent: 'blue',
  accepted: 'green',
  declined: 'red',
  closed: 'white',
};

/** Where it stands, in a few words: the answer, the attendance, or when a reply is due. */
function standing(o: OnwardReferralView): string {
  if (o.closed) return `Outcome: ${o.closed.outcomeLabel}`;
  if (o.declined) return `Reason: ${o.declined.reasonLabel}`;
  if (o.status === 'accepted') return `${o.sessionsAttended} session${o.sessionsAttended === 1 ? '' : 's'} attended`;
  if (o.status === 'sent') return o.replyDueOn ? `Reply due by ${formatDate(o.replyDueOn)}` : 'Waiting for reply';
  return 'Nothing shared';
}

/** How it reached the organisation; a secure link's state (its controls are below the table). */
function delivery(o: OnwardReferralView): string {
  if (o.kind === 'signpost') return 'Signposted';
  if (o.delivery === 'inbox') return 'Waymark inbox';
  if (!o.link) return 'Secure link';
  const state = o.link.state === 'active' ? `active until ${day(o.link.expiresAt)}` : o.link.state;
  const to = o.link.email ? `to ${o.link.email}` : `by text to ${o.link.mobile}`;
  return `Secure link ${to} (${state})`;
}

const COLUMNS: DataColumn<OnwardReferralView>[] = [
  { header: 'Service', cell: (o) => `${o.service.name} (${o.organisation.name})` },
  { header: 'Sent', cell: (o) => day(o.createdAt) },
  { header: 'How', cell: delivery },
  { header: 'Status', cell: (o) => <Tag colour={STATUS_COLOURS[o.status]}>{o.statusLabel}</Tag> },
  { header: 'Where it stands', cell: standing },
];

/** The case's onward referrals and signposts, and the way to make a new one. */
export function CommunityServices({ referralId, mayWrite }: { referralId: string; mayWrite: boolean }) {
  const { data, error, isPending } = useOnwardReferrals(referralId);
  return (
    <section aria-labelledby="community-services-heading">
      <h2 id="community-services-heading">Community services</h2>
      {isPending ? (
        <p>Loading the community services…</p>
      ) : error ? (
        <p>The community services of this case could not be loaded. Reload the page to try again.</p>
      ) : data.items.length === 0 ? (
        <p>No one has been signposted or referred to a community service from this case yet.</p>
      ) : (
        <DataTable
          caption="Onward referrals and signposts"
          captionHidden
          columns={COLUMNS}
          rows={data.items}
          rowKey={(o) => o.id}
        />
      )}
      {mayWrite &&
        data?.items
          .filter((o) => o.delivery === 'link' && o.link)
          .map((o) => (
            <section key={o.id} aria-labelledby={`link-${o.id}`}>
              <h3 id={`link-${o.id}`} className="nhsuk-heading-s">
                Secure link to {o.service.name}
              </h3>
              <LinkControls referralId={referralId} onwardReferral={o} />
            </section>
          ))}
      {mayWrite && (
        <p>
          <Link className="nhsuk-button nhsuk-button--secondary" to={`/referrals/${referralId}/community-services`}>
            Find a service to refer or signpost to
          </Link>
        </p>
      )}
    </section>
  );
}
