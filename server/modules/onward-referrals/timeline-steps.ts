import {
  ATTENDANCE_KIND_LABELS,
  type AttendanceKind,
  DECLINE_REASON_LABELS,
  type DeclineReason,
  ONWARD_EVENT_TYPES,
  ONWARD_OUTCOME_LABELS,
  type OnwardEventType,
  type OnwardOutcome,
} from '../../../common/onward-referrals.js';
import type { OnwardStep } from './onward-referrals.service.js';

// How each step of an onward referral reads on the case timeline. Opening a link and one-time
// codes are the link's own security trail (audited), not steps of the person's support.

const SECURITY_TRAIL: readonly OnwardEventType[] = ['link_opened', 'code_sent', 'code_verified'];
export const TIMELINE_STEPS: readonly OnwardEventType[] = ONWARD_EVENT_TYPES.filter((t) => !SECURITY_TRAIL.includes(t));

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
/** A session's calendar date (YYYY-MM-DD) as people read it: "5 December 2026". */
const longDate = (iso: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(iso)
    ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`))
    : iso;
const label = <K extends string>(labels: Record<K, string>, v: unknown): string | null =>
  typeof v === 'string' && v in labels ? labels[v as K] : null;

/** The step's heading and its one line of detail (reason, attendance, outcome). */
export function describeOnwardStep(step: OnwardStep): { title: string; detail: string | null } {
  const d = step.details;
  const to = `${step.service} (${step.organisation})`;
  switch (step.type) {
    case 'signposted':
      return { title: `Signposted to ${to}`, detail: null };
    case 'sent':
      return {
        title: `Referred to ${to}`,
        detail: d.delivery === 'link' ? 'Sent by secure link by email' : 'Sent to the organisation’s Waymark inbox',
      };
    case 'viewed':
      return { title: `${step.service} opened the referral`, detail: null };
    case 'accepted':
      return { title: `${step.service} accepted the referral`, detail: str(d.note) };
    case 'declined': {
      const reason = label<DeclineReason>(DECLINE_REASON_LABELS, d.reason ?? step.declineReason);
      const note = str(d.note);
      return {
        title: `${step.service} declined the referral`,
        detail: [reason ? `Reason: ${reason}` : null, note].filter(Boolean).join('. ') || null,
      };
    }
    case 'attendance': {
      const kind = label<AttendanceKind>(ATTENDANCE_KIND_LABELS, d.kind) ?? 'Attendance recorded';
      const sessions = typeof d.sessions === 'number' && d.sessions > 1 ? `, ${d.sessions} sessions` : '';
      const on = str(d.on);
      return {
        title: `${step.service}: ${kind.toLowerCase()}${sessions}`,
        detail: on ? `Session on ${longDate(on)}` : null,
      };
    }
    case 'closed': {
      const outcome = label<OnwardOutcome>(ONWARD_OUTCOME_LABELS, d.outcome ?? step.outcome);
      const note = str(d.note);
      return {
        title: `${step.service} closed the referral`,
        detail: [outcome ? `Outcome: ${outcome}` : null, note].filter(Boolean).join('. ') || null,
      };
    }
    case 'link_sent':
      return { title: `Secure link sent to ${step.service}`, detail: null };
    case 'link_revoked':
      return { title: `Secure link to ${step.service} revoked`, detail: null };
    case 'chased':
      return { title: `No reply yet from ${step.service}`, detail: null };
    default:
      return { title: `${step.service}: ${step.type.replace(/_/g, ' ')}`, detail: null };
  }
}
