import type { AuditEvent } from '../../../../common/api-types';
import { ROLE_LABELS } from '../../../../common/roles';
import { type DataColumn, DataTable } from '../../../ui/DataTable';
import { formatDateTime } from '../../../ui/format';
import { Tag, type TagColour } from '../../../ui/Tag';
import './audit.css';

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

const COLUMNS: DataColumn<AuditEvent>[] = [
  {
    header: 'When',
    cell: (event) => (
      <time className="waymark-nowrap" dateTime={event.at}>
        {formatDateTime(event.at)}
      </time>
    ),
  },
  {
    header: 'Who',
    cell: (event) => (
      <>
        {event.actorName ?? (event.actorUserId ? 'Unknown user' : 'Nobody signed in')}
        {event.actorRole && (
          <span className="waymark-secondary-text">
            {event.actorRole === 'system_client' ? 'Registered system' : ROLE_LABELS[event.actorRole]}
          </span>
        )}
      </>
    ),
  },
  { header: 'Action', cell: (event) => <code className="waymark-code waymark-nowrap">{event.action}</code> },
  { header: 'Outcome', cell: (event) => <Tag colour={OUTCOME_COLOUR[event.outcome]}>{event.outcome}</Tag> },
  {
    header: 'Record and details',
    cell: (event) => (
      <span className="waymark-break">
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
      </span>
    ),
  },
];

export function AuditResults({ events }: { events: AuditEvent[] }) {
  return (
    <DataTable
      caption="Audit events, newest first"
      captionHidden
      rowHeader={false}
      className="waymark-audit-table"
      columns={COLUMNS}
      rows={events}
      rowKey={(event) => event.id}
    />
  );
}
