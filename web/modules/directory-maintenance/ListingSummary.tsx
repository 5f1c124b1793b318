import {
  type Listing,
  type ListingSchedule,
  REFERRAL_CAPACITY_LABELS,
  SERVICE_STATUS_LABELS,
  WEEKDAY_LABELS,
  type Weekday,
} from '../../../common/directory';
import { SummaryList } from '../../ui/SummaryList';
import { Tag } from '../../ui/Tag';
import { CAPACITY_COLOURS, formatDay, STATUS_COLOURS } from './maintenance-format';

const ORDINALS: Record<string, string> = { '1': 'First', '2': 'Second', '3': 'Third', '4': 'Fourth', '-1': 'Last' };

/** "Every week: Tuesday, Thursday, 10:00 to 11:00" / "First Saturday of the month". */
export function scheduleText(s: ListingSchedule): string {
  const days = (s.byday ?? '').split(',').filter(Boolean);
  let when: string;
  if (s.freq === 'WEEKLY') {
    when = `Every week: ${days.map((d) => WEEKDAY_LABELS[d as Weekday] ?? d).join(', ') || 'days not given'}`;
  } else if (days.length) {
    when = days
      .map((d) => {
        const m = /^(-1|[1-4])([A-Z]{2})$/.exec(d);
        return m ? `${ORDINALS[m[1] ?? '']} ${WEEKDAY_LABELS[m[2] as Weekday] ?? m[2]} of the month` : d;
      })
      .join(', ');
  } else {
    when = `Day ${s.bymonthday ?? '?'} of the month`;
  }
  const times =
    s.opens_at && s.closes_at ? `, ${s.opens_at} to ${s.closes_at}` : s.opens_at ? `, from ${s.opens_at}` : '';
  return `${when}${times}${s.notes ? ` (${s.notes})` : ''}`;
}

/** The staff view of a listing: everything, confidential addresses included (and marked as such). */
export function ListingSummary({ listing }: { listing: Listing }) {
  const rows = [
    { key: 'Organisation', value: listing.organization.name },
    {
      key: 'Status',
      value: <Tag colour={STATUS_COLOURS[listing.status]}>{SERVICE_STATUS_LABELS[listing.status]}</Tag>,
    },
    {
      key: 'Taking referrals',
      value: (
        <Tag colour={CAPACITY_COLOURS[listing.referral_capacity]}>
          {REFERRAL_CAPACITY_LABELS[listing.referral_capacity]}
        </Tag>
      ),
    },
    {
      key: 'Last checked',
      value: listing.assured_date
        ? `${formatDay(listing.assured_date)}${listing.assurer_email ? ` by ${listing.assurer_email}` : ''}`
        : 'Never',
    },
    {
      key: 'Next check due',
      value: listing.review_due_on
        ? `${formatDay(listing.review_due_on)} (every ${listing.review_interval_months} months)`
        : 'Now',
    },
    { key: 'Description', value: <span className="waymark-listing-text">{listing.description || 'None'}</span> },
    {
      key: 'Who it is for',
      value:
        [
          listing.minimum_age != null || listing.maximum_age != null
            ? `Ages ${listing.minimum_age ?? 0} to ${listing.maximum_age ?? 'any'}`
            : null,
          listing.eligibility_description,
        ]
          .filter(Boolean)
          .join('. ') || 'Anyone',
    },
    { key: 'Fees', value: listing.fees || 'Not given' },
    { key: 'Categories', value: listing.categories.map((c) => c.name).join(', ') || 'None' },
    {
      key: 'Contact',
      value: (
        <>
          {listing.url && (
            <>
              {listing.url}
              <br />
            </>
          )}
          {listing.email && (
            <>
              {listing.email}
              <br />
            </>
          )}
          {listing.phones.map((p) => (
            <span key={p.id ?? p.number}>
              {p.number}
              {p.description ? ` (${p.description})` : ''}
              <br />
            </span>
          ))}
          {!listing.url && !listing.email && listing.phones.length === 0 && 'None'}
        </>
      ),
    },
    {
      key: 'Places',
      value:
        listing.locations.length === 0 ? (
          'None'
        ) : (
          <ul className="nhsuk-list">
            {listing.locations.map((l) => (
              <li key={l.id ?? l.name}>
                {l.name}
                {l.address &&
                  `: ${[l.address.address_1, l.address.address_2, l.address.city, l.address.postal_code]
                    .filter(Boolean)
                    .join(', ')}`}
                {l.location_type === 'virtual' && ' (online)'}{' '}
                {l.confidential && <Tag colour="purple">Confidential address</Tag>}
              </li>
            ))}
          </ul>
        ),
    },
    {
      key: 'Opening times',
      value:
        listing.schedules.length === 0 ? (
          'None given'
        ) : (
          <ul className="nhsuk-list">
            {listing.schedules.map((s) => (
              <li key={s.id ?? scheduleText(s)}>{scheduleText(s)}</li>
            ))}
          </ul>
        ),
    },
  ];
  return <SummaryList rows={rows} />;
}
