import type { AuditEvent } from '../../../../common/api-types';
import { ROLE_LABELS } from '../../../../common/roles';
import { formatDateTime } from '../../../ui/format';
import { TableScroll } from '../../../ui/TableScroll';
import { Tag, type TagColour } from '../../../ui/Tag';

const OUTCOME_COLOUR: Record<AuditEvent['outcome'], TagColour> = {
  success: 'green',
  denied: 'red',
  failure: 'orange',
};

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

export function AuditResults({ events }: { events: AuditEvent[] }) {
  return (
    <TableScroll label="Audit events">
      <table className="nhsuk-table waymark-audit-table">
        <caption className="nhsuk-u-visually-hidden">Audit events, newest first</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              When
            </th>
            <th scope="col" className="nhsuk-table__header">
              Who
            </th>
            <th scope="col" className="nhsuk-table__header">
              Action
            </th>
            <th scope="col" className="nhsuk-table__header">
              Outcome
            </th>
            <th scope="col" className="nhsuk-table__header">
              Record and details
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {events.map((event) => (
            <tr className="nhsuk-table__row" key={event.id}>
              <td className="nhsuk-table__cell waymark-nowrap">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              </td>
              <td className="nhsuk-table__cell">
                {event.actorName ?? (event.actorUserId ? 'Unknown user' : 'Nobody signed in')}
                {event.actorRole && (
                  <span className="waymark-secondary-text">{ROLE_LABELS[event.actorRole] ?? event.actorRole}</span>
                )}
              </td>
              <td className="nhsuk-table__cell">
                <code className="waymark-code waymark-nowrap">{event.action}</code>
              </td>
              <td className="nhsuk-table__cell">
                <Tag colour={OUTCOME_COLOUR[event.outcome]}>{event.outcome}</Tag>
              </td>
              <td className="nhsuk-table__cell waymark-break">
                {event.entityType && (
                  <span>
                    {event.entityType}
                    {event.entityId && <span className="waymark-secondary-text">{event.entityId}</span>}
                  </span>
                )}
                {Object.keys(event.details).length > 0 && (
                  <span className="waymark-secondary-text">{describeDetails(event.details)}</span>
                )}
                {event.ip && <span className="waymark-secondary-text">IP address {event.ip}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
