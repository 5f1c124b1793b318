import {
  type AttendanceKind,
  DECLINE_REASONS,
  type DeclineReason,
  ONWARD_OUTCOMES,
  type OnwardOutcome,
  type OnwardStatus,
} from '../../../common/onward-referrals.js';
import { addWorkingDays, londonDate } from '../../platform/working-days.js';
import type { Random } from '../cases/random.js';

// What happened to one demo referral after it was sent, as the organisation would have answered
// it: opened within hours, answered within a few working days, sessions weekly, then closed.
// Pure: the dates only, never more recent than `now`.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A demo referral's fate: forced for the showcase ones, else by age (`auto`). */
export type Fate = 'new' | 'opened' | 'active' | 'unanswered' | 'auto';

export interface Life {
  status: Exclude<OnwardStatus, 'signposted'>;
  viewedAt: Date | null;
  acceptedAt: Date | null;
  declined: { at: Date; reason: DeclineReason; note: string | null } | null;
  attendances: { kind: AttendanceKind; on: string; sessions: number; recordedAt: Date }[];
  closed: { at: Date; outcome: OnwardOutcome; note: string } | null;
}

/** Turns decline reasons and outcomes in order, so a handful of referrals already shows each. */
export interface Turns {
  decline: number;
  outcome: number;
}

const DECLINE_NOTES: Record<DeclineReason, string | null> = {
  service_full: null,
  not_eligible: null,
  could_not_contact: null,
  person_declined: null,
  other: 'The group has moved to an evening slot that does not suit them; we have suggested the daytime walk.',
};
const CLOSE_NOTES: Record<OnwardOutcome, string> = {
  engaged_continuing: 'Comes every week now and has made friends in the group.',
  completed: 'Finished the course and has joined the volunteers.',
  stopped_attending: 'Came a few times, then stopped; we rang twice.',
  never_attended: 'Did not come to the first session or the next one.',
};

/** A moment on a London working day `n` working days after `at`, in the day's working hours. */
function workingDayAfter(at: Date, n: number, random: Random): Date {
  const day = addWorkingDays(londonDate(at), n);
  return new Date(`${day}T${String(random.int(9, 16)).padStart(2, '0')}:${random.int(0, 5)}5:00Z`);
}

export function lifeOf(sentAt: Date, now: Date, fate: Fate, random: Random, turns: Turns): Life {
  const life: Life = {
    status: 'sent',
    viewedAt: null,
    acceptedAt: null,
    declined: null,
    attendances: [],
    closed: null,
  };
  const before = (at: Date) => at.getTime() < now.getTime() - HOUR;
  const ageDays = (now.getTime() - sentAt.getTime()) / DAY;
  if (fate === 'new' || fate === 'unanswered') return life;
  const viewedAt = new Date(sentAt.getTime() + random.int(1, 20) * HOUR);
  if (!before(viewedAt)) return life;
  life.viewedAt = viewedAt;
  if (fate === 'opened' || (fate === 'auto' && (ageDays < 2 || (ageDays < 8 && random.chance(0.3))))) return life;

  const answerAt = workingDayAfter(sentAt, fate === 'active' ? 1 : random.int(1, 4), random);
  const answeredAt = answerAt < viewedAt ? new Date(viewedAt.getTime() + HOUR) : answerAt;
  if (!before(answeredAt)) return life;
  if (fate === 'auto' && random.chance(0.25)) {
    const reason = DECLINE_REASONS[turns.decline++ % DECLINE_REASONS.length] as DeclineReason;
    // Could not reach them, or they said no: found out after accepting, before any session.
    const laterAt = new Date(answeredAt.getTime() + random.int(4, 9) * DAY);
    if ((reason === 'could_not_contact' || reason === 'person_declined') && before(laterAt)) {
      life.acceptedAt = answeredAt;
      life.declined = { at: laterAt, reason, note: DECLINE_NOTES[reason] };
    } else {
      life.declined = { at: answeredAt, reason, note: DECLINE_NOTES[reason] };
    }
    life.status = 'declined';
    return life;
  }
  life.acceptedAt = answeredAt;
  life.status = 'accepted';

  const outcome =
    fate === 'auto' && ageDays > 60 && random.chance(0.85)
      ? (ONWARD_OUTCOMES[turns.outcome++ % ONWARD_OUTCOMES.length] as OnwardOutcome)
      : null;
  const plan: AttendanceKind[] =
    outcome === 'never_attended'
      ? ['did_not_attend', 'did_not_attend']
      : outcome === 'stopped_attending'
        ? ['attended', 'attended', 'attended', 'did_not_attend', 'did_not_attend']
        : Array.from({ length: outcome === 'completed' ? random.int(6, 10) : random.int(4, 12) }, () =>
            random.chance(0.1) ? 'did_not_attend' : 'attended',
          );
  let session = new Date(answeredAt.getTime() + random.int(2, 8) * DAY);
  for (const kind of plan) {
    const recordedAt = new Date(session.getTime() + random.int(3, 30) * HOUR);
    if (!before(recordedAt)) break;
    life.attendances.push({ kind, on: londonDate(session), sessions: 1, recordedAt });
    session = new Date(session.getTime() + 7 * DAY);
  }
  const last = life.attendances.at(-1)?.recordedAt ?? answeredAt;
  const closedAt = new Date(last.getTime() + random.int(1, 6) * DAY);
  if (outcome && life.attendances.length === plan.length && before(closedAt)) {
    life.closed = { at: closedAt, outcome, note: CLOSE_NOTES[outcome] };
    life.status = 'closed';
  } else if (outcome) {
    turns.outcome--; // not closed after all: the next one takes this outcome
  }
  return life;
}
