import {
  DECLINE_REASON_LABELS,
  ONWARD_OUTCOME_LABELS,
  ONWARD_STATUS_LABELS,
  type OnwardReferralView,
} from '../../../common/onward-referrals.js';
import type { onwardAttendances, onwardReferrals } from './onward-referrals.tables.js';

// What both sides see of an onward referral (the team on the case, the organisation in its inbox
// or through its link): the service, where it stands and the organisation's answers. Each side's
// view adds its own fields; the organisation's hides the free-text notes once its access ended.

type Row = typeof onwardReferrals.$inferSelect;
type AttendanceRow = typeof onwardAttendances.$inferSelect;
type CoreView = Omit<
  OnwardReferralView,
  'referralId' | 'delivery' | 'createdBy' | 'consent' | 'sharedFields' | 'sharedDetails' | 'link'
>;

export const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toCoreView(
  row: Row,
  ref: Pick<OnwardReferralView, 'service' | 'organisation'>,
  attendances: readonly AttendanceRow[],
  { hideNotes = false }: { hideNotes?: boolean } = {},
): CoreView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    statusLabel: ONWARD_STATUS_LABELS[row.status],
    service: ref.service,
    organisation: ref.organisation,
    createdAt: row.createdAt.toISOString(),
    note: hideNotes ? null : row.note,
    replyDueOn: row.replyDueOn,
    viewedAt: iso(row.viewedAt),
    acceptedAt: iso(row.acceptedAt),
    declined:
      row.declinedAt && row.declineReason
        ? {
            at: row.declinedAt.toISOString(),
            reason: row.declineReason,
            reasonLabel: DECLINE_REASON_LABELS[row.declineReason],
            note: hideNotes ? null : row.declineNote,
          }
        : null,
    attendance: attendances.map((a) => ({
      id: a.id,
      kind: a.kind,
      on: a.on,
      sessions: a.sessions,
      recordedAt: a.recordedAt.toISOString(),
    })),
    sessionsAttended: attendances.filter((a) => a.kind === 'attended').reduce((n, a) => n + a.sessions, 0),
    closed:
      row.closedAt && row.outcome
        ? {
            at: row.closedAt.toISOString(),
            outcome: row.outcome,
            outcomeLabel: ONWARD_OUTCOME_LABELS[row.outcome],
            note: hideNotes ? null : row.outcomeNote,
          }
        : null,
    version: row.version,
  };
}
