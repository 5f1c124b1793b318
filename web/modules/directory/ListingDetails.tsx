import type { ListingLocation, PublicListing } from '../../../common/directory';
import { describeOpening } from '../../../common/directory-opening';
import { Tag } from '../../ui/Tag';
import { displayUrl, formatAges, safeHref, telHref } from './directory-format';
import { UpcomingEvents } from './UpcomingEvents';

function Address({ location }: { location: ListingLocation }) {
  const address = location.address;
  if (!address) return null;
  const lines = [address.address_1, address.address_2, address.city, address.region, address.postal_code].filter(
    (line): line is string => !!line,
  );
  return (
    // One address line per line (the CSS keeps the line breaks).
    <address className="waymark-directory-address waymark-directory-pre-line">{lines.join('\n')}</address>
  );
}

function Location({ location, staff }: { location: ListingLocation; staff: boolean }) {
  const accessibility = location.accessibility ?? [];
  return (
    <>
      <h3>{location.location_type === 'virtual' ? `${location.name} (online)` : location.name}</h3>
      {location.confidential &&
        (staff && location.address ? (
          <p>
            <Tag colour="orange">Confidential address</Tag> Do not share this address; the public are told it on
            referral.
          </p>
        ) : (
          <p>Address given on referral (confidential location).</p>
        ))}
      {location.location_type !== 'virtual' && <Address location={location} />}
      {location.description && <p className="waymark-directory-pre-line">{location.description}</p>}
      {accessibility.length > 0 && (
        <>
          <h4>Accessibility</h4>
          <ul>
            {accessibility.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** "Under 18s: £2.00: per session"; repeated words ("Free: Free") said once. */
function costLine(c: PublicListing['cost_options'][number]): string {
  const amount =
    c.amount === null || c.amount === undefined
      ? null
      : c.amount === 0
        ? 'Free'
        : `£${c.amount.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const parts = [c.option, amount, c.amount_description].filter((p): p is string => Boolean(p?.trim()));
  return parts.filter((p, i) => parts.findIndex((q) => q.toLowerCase() === p.toLowerCase()) === i).join(': ');
}

function Cost({ listing }: { listing: PublicListing }) {
  const lines = [...new Set(listing.cost_options.map(costLine).filter(Boolean))].filter(
    (line) => line.toLowerCase() !== listing.fees?.trim().toLowerCase(),
  );
  if (!listing.fees && lines.length === 0) return <p>Contact the service to ask about any costs.</p>;
  return (
    <>
      {listing.fees && <p className="waymark-directory-pre-line">{listing.fees}</p>}
      {lines.length > 0 && (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function Contact({ listing }: { listing: PublicListing }) {
  const website = listing.url ? safeHref(listing.url) : null;
  const contacts = listing.contacts.filter((c) => c.name || c.email);
  const nothing = listing.phones.length === 0 && !listing.email && !website && contacts.length === 0;
  if (nothing) return <p>No contact details are listed for this service.</p>;
  return (
    <ul className="nhsuk-list">
      {listing.phones.map((phone, index) => (
        <li key={phone.id ?? index}>
          Phone: <a href={telHref(phone.number)}>{phone.number}</a>
          {phone.description && <span className="waymark-secondary-text">{phone.description}</span>}
        </li>
      ))}
      {listing.email && (
        <li>
          Email: <a href={`mailto:${listing.email}`}>{listing.email}</a>
        </li>
      )}
      {website && listing.url && (
        <li>
          Website:{' '}
          <a href={website} rel="noopener noreferrer" className="waymark-break">
            {displayUrl(listing.url)}
          </a>
        </li>
      )}
      {contacts.map((contact, index) => (
        <li key={contact.id ?? index}>
          {[contact.name, contact.title].filter(Boolean).join(', ')}
          {contact.email && (
            <>
              {contact.name || contact.title ? ': ' : ''}
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The sections of a listing below its heading: who, cost, where, when, contact, languages. */
export function ListingDetails({ listing, staff }: { listing: PublicListing; staff: boolean }) {
  const opening = describeOpening(listing.schedules);
  const places = listing.locations.filter((l) => l.location_type !== 'postal');
  return (
    <>
      <h2>Who it is for</h2>
      <p>Ages: {formatAges(listing.minimum_age, listing.maximum_age)}</p>
      {listing.eligibility_description && (
        <p className="waymark-directory-pre-line">{listing.eligibility_description}</p>
      )}

      <h2>Cost</h2>
      <Cost listing={listing} />

      <h2>Where</h2>
      {places.length === 0 && listing.service_areas.length === 0 && (
        <p>Online or by phone. Contact the service to find out how it works.</p>
      )}
      {listing.service_areas.length > 0 && (
        <p>Available across: {listing.service_areas.map((area) => area.name).join(', ')}</p>
      )}
      {places.map((location, index) => (
        <Location key={location.id ?? index} location={location} staff={staff} />
      ))}

      <h2>When</h2>
      {opening.length > 0 ? (
        <ul>
          {opening.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p>Contact the service to find out when it runs.</p>
      )}

      <UpcomingEvents events={listing.upcoming_events ?? []} />

      <h2>How to contact</h2>
      <Contact listing={listing} />

      {listing.languages.length > 0 && (
        <>
          <h2>Languages</h2>
          <p>{listing.languages.map((language) => language.name).join(', ')}</p>
        </>
      )}

      {listing.categories.length > 0 && (
        <>
          <h2>Categories</h2>
          <ul>
            {listing.categories.map((category) => (
              <li key={category.id}>{category.name}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
