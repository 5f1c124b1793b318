import { Link } from 'react-router';
import { CONTACT_MODE_LABELS, CONTACT_OUTCOME_LABELS, type TimelineItem } from '../../../common/cases';
import { type ReferralStatus, STATUS_LABELS } from '../../../common/referrals';
import {
  RESIDENT_MESSAGE_CHANNEL_LABELS,
  RESIDENT_MESSAGE_KIND_LABELS,
  RESIDENT_MESSAGE_STATUS_LABELS,
  type ResidentMessageStatus,
} from '../../../common/resident-messages';
import { Tag } from '../../ui/Tag';
import { formatDate, formatWhen } from '../referrals/referral-format';

const EVENT_LABELS: Record<string, string> = {
  received: 'Referral received',
  triaged: 'Triaged',
  retriaged: 'Triage decision changed',
  allocated: 'Allocated',
  reallocated: 'Allocated to someone else',
  first_contact: 'First contact: the person accepted',
  active: 'Support under way',
  reassigned: 'Case handed over',
  discharged: 'Discharged',
  declined: 'Declined',
  redirected: 'Redirected',
  not_contactable: 'Not contactable',
  cover_started: 'Handed to a colleague to cover',
  cover_ended: 'Handed back from cover',
};

const MEASURE_SHORT: Record<string, string> = { ons4: 'ONS4', swemwbs: 'SWEMWBS', ucla3: 'UCLA-3', pam: 'PAM' };

/** "SWEMWBS baseline recorded: 22.35"; ONS4 keeps its four items apart. */
function outcomeTitle(item: Extract<TimelineItem, { kind: 'outcome' }>): string {
  const name = MEASURE_SHORT[item.measure] ?? item.measureLabel;
  const values =
    item.measure === 'ons4'
      ? item.indicators.map((i) => `${i.label} ${i.value}`).join(', ')
      : item.indicators
          .map((i) => (item.measure === 'pam' && i.band ? `${i.value} (${i.band})` : `${i.value}`))
          .join(', ');
  return `${name} ${item.timepointLabel.toLowerCase()} recorded: ${values}`;
}

const MESSAGE_TAG_COLOURS: Record<ResidentMessageStatus, 'grey' | 'blue' | 'green' | 'red'> = {
  queued: 'grey',
  sending: 'blue',
  sent: 'blue',
  delivered: 'green',
  'permanent-failure': 'red',
  'temporary-failure': 'red',
  'technical-failure': 'red',
};

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

function eventTitle(item: Extract<TimelineItem, { kind: 'event' }>): string {
  return (
    EVENT_LABELS[item.type] ??
    (item.toStatus ? (STATUS_LABELS[item.toStatus as ReferralStatus] ?? item.type) : item.type.replace(/_/g, ' '))
  );
}

function eventDetail(item: Extract<TimelineItem, { kind: 'event' }>): string | null {
  const d = item.details;
  const parts: string[] = [];
  if (item.type === 'reassigned') {
    if (text(d.toWorkerName)) parts.push(`To ${text(d.toWorkerName)}`);
    if (text(d.reason)) parts.push(`reason: ${text(d.reason)}`);
  }
  if (item.type === 'allocated' || item.type === 'reallocated') {
    if (text(d.chosenWorkerName)) parts.push(`To ${text(d.chosenWorkerName)}`);
  }
  if (item.type === 'discharged' && text(d.reasonLabel)) parts.push(`Reason: ${text(d.reasonLabel)}`);
  if (item.snomedCode) parts.push(`SNOMED CT ${item.snomedCode}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

/**
 * Everything recorded on the case, newest first. Free text (contact notes, case notes) is shown
 * as text: React escapes it, and line breaks are kept by CSS, so no HTML is ever rendered.
 */
export function CaseTimeline({ items }: { items: TimelineItem[] }) {
  if (items.length === 0) return <p>Nothing has been recorded yet.</p>;
  return (
    <ol className="waymark-timeline">
      {items.map((item) => (
        <li key={item.id} className={`waymark-timeline__item waymark-timeline__item--${item.kind}`}>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 waymark-timeline__meta">
            <time dateTime={item.at}>{formatWhen(item.at)}</time>
            {item.actorName ? ` · ${item.actorName}` : ''}
          </p>
          {item.kind === 'event' && (
            <>
              <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{eventTitle(item)}</h3>
              {eventDetail(item) && <p className="nhsuk-body-s">{eventDetail(item)}</p>}
            </>
          )}
          {item.kind === 'contact' && (
            <>
              <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
                Contact: {CONTACT_MODE_LABELS[item.mode]}, {item.durationMinutes} min,{' '}
                {CONTACT_OUTCOME_LABELS[item.outcome].toLowerCase()}
              </h3>
              {item.notes && <p className="waymark-preserve-lines">{item.notes}</p>}
            </>
          )}
          {item.kind === 'planned_contact' && (
            <>
              <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
                Contact booked for <time dateTime={item.plannedFor}>{formatWhen(item.plannedFor)}</time>:{' '}
                {CONTACT_MODE_LABELS[item.mode].toLowerCase()}
              </h3>
              <p className="nhsuk-body-s">
                {item.state === 'settled' ? (
                  <Tag colour="green">Took place</Tag>
                ) : item.state === 'cancelled' ? (
                  <Tag colour="grey">Cancelled</Tag>
                ) : (
                  <Tag colour="blue">Booked</Tag>
                )}
              </p>
              {item.purpose && <p className="waymark-preserve-lines">{item.purpose}</p>}
            </>
          )}
          {item.kind === 'plan_version' && (
            <>
              <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
                Care plan version {item.version} saved{item.actorName ? ` by ${item.actorName}` : ''}
              </h3>
              <p className="nhsuk-body-s">
                <Link to={`/people/${item.personId}/plan`}>Care and support plan</Link>
                {item.version > 1 && (
                  <>
                    {' · '}
                    <Link to={`/people/${item.personId}/plan/versions`}>
                      Compare versions<span className="nhsuk-u-visually-hidden"> of the plan</span>
                    </Link>
                  </>
                )}
              </p>
            </>
          )}
          {item.kind === 'outcome' && (
            <>
              <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{outcomeTitle(item)}</h3>
              <p className="nhsuk-body-s">
                Given on <time dateTime={item.administeredOn}>{formatDate(item.administeredOn)}</time>
                {' · '}
                <Link to={`/referrals/${item.referralId}/measures`}>
                  Outcome measures<span className="nhsuk-u-visually-hidden"> for this case</span>
                </Link>
              </p>
            </>
          )}
          {item.kind === 'onward' && (
            <>
              <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{item.title}</h3>
              {item.detail && <p className="nhsuk-body-s waymark-preserve-lines">{item.detail}</p>}
            </>
          )}
          {item.kind === 'resident_message' && (
            <>
              <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
                {RESIDENT_MESSAGE_KIND_LABELS[item.messageKind]} by {RESIDENT_MESSAGE_CHANNEL_LABELS[item.channel]}
              </h3>
              <p className="nhsuk-body-s">
                <Tag colour={MESSAGE_TAG_COLOURS[item.status]}>{RESIDENT_MESSAGE_STATUS_LABELS[item.status]}</Tag>
                {item.statusAt && item.status !== 'queued' && (
                  <>
                    {' '}
                    <time dateTime={item.statusAt}>{formatWhen(item.statusAt)}</time>
                  </>
                )}
              </p>
            </>
          )}
          {item.kind === 'befriending' && (
            <>
              <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
                {item.state === 'started'
                  ? `Befriender: ${item.volunteerName} (volunteer) started`
                  : `Befriending by ${item.volunteerName} ended`}
              </h3>
              {item.reasonLabel && <p className="nhsuk-body-s">Reason: {item.reasonLabel}</p>}
            </>
          )}
          {item.kind === 'group_attendance' && (
            <>
              <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">Attended {item.groupName}</h3>
              <p className="nhsuk-body-s">
                At {item.venue} ·{' '}
                <Link to={`/groups/${item.groupId}`}>
                  About the group<span className="nhsuk-u-visually-hidden">: {item.groupName}</span>
                </Link>
              </p>
            </>
          )}
          {item.kind === 'note' && (
            <>
              <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">Case note</h3>
              <p className="waymark-preserve-lines">{item.body}</p>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
