import type { ReferralEventView } from '../../../common/api-types';
import { CLOSURE_REASON_LABELS, type ReferralStatus, STATUS_LABELS } from '../../../common/referrals';
import { type DataColumn, DataTable } from '../../ui/DataTable';
import { formatWhen } from '../referrals/referral-format';

const EVENT_LABELS: Record<string, string> = {
  received: 'Referral received',
  triaged: 'Triaged',
  retriaged: 'Triage decision changed',
  allocated: 'Allocated',
  reallocated: 'Allocated to someone else',
  first_contact: 'First contact: the person accepted',
  declined: 'Declined',
  redirected: 'Redirected',
  not_contactable: 'Not contactable',
  cover_started: 'Handed to a colleague to cover',
  cover_ended: 'Handed back from cover',
  active: 'Support under way',
  reassigned: 'Case handed over',
  discharged: 'Discharged',
  marked_spam: 'Marked as spam: out of the queue and the figures',
  self_referral_repeated: 'The person referred themselves again',
};

/** Events a resident's own request made (a self-referral, and its repeat), not Waymark's. */
const fromThePublicApp = (e: ReferralEventView) =>
  (e.type === 'received' && e.details.source === 'self') || e.type === 'self_referral_repeated';

const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** What the event's details say, in words (free text shown as typed, escaped). */
function describe(e: ReferralEventView): string | null {
  const d = e.details;
  switch (e.type) {
    case 'triaged':
    case 'retriaged':
      return text(d.priority)
        ? `Priority ${text(d.priority)}, complexity ${text(d.complexity)}, PAM ${String(d.predictedPam)}`
        : null;
    case 'allocated':
    case 'reallocated': {
      const chosen = text(d.chosenWorkerName);
      const suggested = text(d.suggestedWorkerName);
      const parts = [chosen ? `To ${chosen}` : null];
      if (d.allocateAll) parts.push('by "allocate all"');
      if (suggested && suggested !== chosen) parts.push(`Waymark suggested ${suggested}`);
      if (text(d.overrideReason)) parts.push(`reason: ${text(d.overrideReason)}`);
      if (d.overCapacity === true) parts.push('over capacity');
      return parts.filter(Boolean).join('; ');
    }
    case 'declined':
    case 'redirected': {
      const reason = text(d.reason);
      return reason ? (CLOSURE_REASON_LABELS[reason] ?? reason) : null;
    }
    case 'received':
      return d.source === 'self'
        ? `Self-referral from the public app${d.onBehalf === true ? ', made on the person’s behalf' : ''}`
        : null;
    case 'self_referral_repeated': {
      const again = [text(d.details), text(d.contactTimes) ? `Best time to contact: ${text(d.contactTimes)}` : null];
      return [text(d.note), ...again].filter(Boolean).join(' ');
    }
    case 'cover_started':
      return text(d.coverWorkerName) ? `${text(d.coverWorkerName)} covers for ${text(d.workerName)}` : null;
    case 'cover_ended':
      return text(d.workerName) ? `Back with ${text(d.workerName)}` : null;
    default:
      return text(d.note);
  }
}

const COLUMNS: DataColumn<ReferralEventView>[] = [
  { header: 'When', cell: (e) => <span className="waymark-nowrap">{formatWhen(e.at)}</span> },
  {
    header: 'What happened',
    cell: (e) => {
      const detail = describe(e);
      return (
        <>
          {EVENT_LABELS[e.type] ?? e.type}
          {e.toStatus && e.toStatus !== e.fromStatus && !EVENT_LABELS[e.type] && (
            <span className="waymark-secondary-text">{STATUS_LABELS[e.toStatus as ReferralStatus]}</span>
          )}
          {detail && <span className="waymark-secondary-text waymark-free-text">{detail}</span>}
        </>
      );
    },
  },
  { header: 'By', cell: (e) => e.actorName ?? (fromThePublicApp(e) ? 'The person, online' : 'Waymark') },
  { header: 'SNOMED CT', cell: (e) => (e.snomedCode ? <span className="waymark-code">{e.snomedCode}</span> : '–') },
];

/** Newest first. No one column names an event, so every column is a plain cell. */
export function ReferralHistory({ events }: { events: ReferralEventView[] }) {
  return (
    <DataTable
      caption="History"
      captionSize="m"
      columns={COLUMNS}
      rows={[...events].reverse()}
      rowKey={(e) => String(e.id)}
      rowHeader={false}
    />
  );
}
