import type { UpcomingEvent } from '../../../common/directory';
import { formatSessionSpan } from './session-time';

/** A listing's upcoming sessions and events, as its organisation publishes them. */
export function UpcomingEvents({ events }: { events: UpcomingEvent[] }) {
  if (events.length === 0) return null;
  return (
    <>
      <h2>Upcoming sessions and events</h2>
      <ul className="nhsuk-list waymark-upcoming-events">
        {events.map((e) => (
          <li key={e.id} className="nhsuk-u-margin-bottom-3">
            <strong className="waymark-break">{e.title}</strong>
            <br />
            <time dateTime={e.starts_at}>{formatSessionSpan(e.starts_at, e.ends_at)}</time>
            {e.place && <>, {e.place}</>}
            {e.description && (
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 waymark-directory-pre-line">{e.description}</p>
            )}
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
              {e.booking_needed ? 'Booking needed' : 'No need to book'}
              {e.spaces_left !== null &&
                ` · ${e.spaces_left === 0 ? 'No spaces left' : `${e.spaces_left} spaces left`}`}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
