import { type Listing, REFERRAL_CAPACITY_LABELS, SERVICE_STATUS_LABELS } from '../../../common/directory';
import { describeOpening } from '../../../common/directory-opening';
import { formatPostcode } from '../../../common/postcode';
import { SummaryList } from '../../ui/SummaryList';
import { Tag } from '../../ui/Tag';
import { formatAges } from '../directory/directory-format';
import { CAPACITY_COLOURS, formatDay, STATUS_COLOURS } from './maintenance-format';

/** The staff view of a listing: everything, confidential addresses included (and marked as such). */
export function ListingSummary({
  listing,
  checkedBy,
}: {
  // Answers do not carry who verified a listing (`assurer_email`): the history says it.
  listing: Omit<Listing, 'assurer_email'>;
  checkedBy?: string | null;
}) {
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
        ? `${formatDay(listing.assured_date)}${checkedBy ? ` by ${checkedBy}` : ''}`
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
            ? `Ages: ${formatAges(listing.minimum_age, listing.maximum_age)}`
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
                  `: ${[l.address.address_1, l.address.address_2, l.address.city, formatPostcode(l.address.postal_code)]
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
            {describeOpening(listing.schedules).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ),
    },
  ];
  return <SummaryList rows={rows} />;
}
