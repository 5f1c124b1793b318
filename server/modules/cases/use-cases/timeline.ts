import { type SQL, sql } from 'drizzle-orm';
import type { ReferralView } from '../../../../common/api-types.js';
import type { TimelineItem } from '../../../../common/cases.js';
import { MEASURE_LABELS, TIMEPOINT_LABELS } from '../../../../common/outcome-measures.js';
import type { Scope } from '../../../platform/access/scope.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { preparedPerScope } from '../../../platform/db/prepared.js';
import { carePlanVersionsOfPerson } from '../../care-plans/care-plans.service.js';
import { residentMessagesOfCase, residentMessagesOfCaseExist } from '../../notifications/notifications.service.js';
import {
  describeOnwardStep,
  onwardStepsOfCase,
  TIMELINE_STEPS,
} from '../../onward-referrals/onward-referrals.service.js';
import { outcomeRecordingsOfCase } from '../../outcomes/outcomes.service.js';
import { attendanceOfCase, attendanceOfCaseExists } from '../../team-groups/team-groups.service.js';
import { userNames } from '../../users/users.service.js';
import { befriendingOfCase, befriendingOfCaseExists } from '../../volunteers/volunteers.service.js';
import * as repo from '../cases.repository.js';

export const contactItem = (c: repo.ContactRow, actorName: string | null): TimelineItem => ({
  kind: 'contact',
  id: `contact:${c.id}`,
  at: c.at.toISOString(),
  actorName,
  mode: c.mode,
  durationMinutes: c.durationMinutes,
  outcome: c.outcome,
  notes: c.notes,
});

export const noteItem = (n: repo.NoteRow, actorName: string | null): TimelineItem => ({
  kind: 'note',
  id: `note:${n.id}`,
  at: n.createdAt.toISOString(),
  actorName,
  body: n.body,
});

/**
 * Which of the sources most cases have nothing in (notes, bookings, texts and emails, befriending,
 * group sessions) have anything for this case: asked in ONE statement, built from each owning
 * module's own condition, so that a case with none of them costs one read rather than five (a
 * statement on every case viewed is a measurable share of the CPU under load, bench/RESULTS.md).
 * A source is read only when its part says it has rows; each part tests the same condition as its
 * read (or a wider one), so nothing is ever left out.
 */
const presenceOfCase = preparedPerScope('cases_timeline_presence', (db, scope) => {
  const referralId = sql.placeholder('referralId');
  const part = (exists: SQL) => sql<boolean>`${exists}`;
  return db
    .select({
      notes: part(repo.notesOfCaseExist(db, scope, referralId)),
      plannedContacts: part(repo.plannedContactsOfCaseExist(db, scope, referralId)),
      residentMessages: part(residentMessagesOfCaseExist(db, referralId)),
      befriending: part(befriendingOfCaseExists(db, scope, referralId)),
      groupAttendance: part(attendanceOfCaseExists(db, scope, referralId)),
    })
    .from(sql`(VALUES (1)) AS presence (one)`);
});

export type TimelinePresence = Awaited<ReturnType<typeof presenceOfCase>>[number];

/** Which of the sparse sources have anything for the case (one statement). */
export async function timelinePresence(db: DbOrTx, scope: Scope, referralId: string): Promise<TimelinePresence> {
  const [row] = await presenceOfCase(db, scope, { referralId });
  if (!row) throw new Error('presence read returned no row');
  return row;
}

/** What a timeline source is given: the case (already scope-checked) and its PCN. */
export interface TimelineSubject {
  referral: ReferralView;
  scope: Scope;
  /** Which sparse sources have rows, when the caller has asked already (else buildTimeline asks). */
  present?: TimelinePresence;
  /** The case's planned contacts when the caller has read them already (the case record needs them too). */
  plannedContacts?: repo.PlannedContactRow[];
}

/**
 * One source of timeline entries. EXTENSION POINT: plan versions and outcome measures join the
 * timeline by adding a source here that calls their module's service (never its tables) and
 * maps its rows to a new TimelineItem variant in common/cases.ts.
 */
export type TimelineSource = (db: DbOrTx, subject: TimelineSubject) => Promise<TimelineItem[]>;

const referralEventsSource: TimelineSource = async (_db, { referral }) =>
  referral.events.map((e) => ({
    kind: 'event',
    id: `event:${e.id}`,
    at: e.at,
    actorName: e.actorName,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    snomedCode: e.snomedCode,
    details: e.details,
  }));

const contactsSource: TimelineSource = async (db, { referral, scope }) => {
  const rows = await repo.findContacts(db, scope, referral.id);
  const names = await userNames(
    db,
    rows.map((r) => r.recordedByUserId),
  );
  return rows.map((r) => contactItem(r, names.get(r.recordedByUserId) ?? null));
};

// Shown when it was booked; its state says whether a contact later settled it or it was called off.
const plannedContactsSource: TimelineSource = async (db, { referral, scope, present, plannedContacts }) => {
  if (present?.plannedContacts === false) return [];
  const rows = plannedContacts ?? (await repo.findPlannedContacts(db, scope, referral.id));
  const names = await userNames(
    db,
    rows.map((r) => r.createdByUserId),
  );
  return rows.map((r) => ({
    kind: 'planned_contact',
    id: `planned:${r.id}`,
    at: r.createdAt.toISOString(),
    actorName: names.get(r.createdByUserId) ?? null,
    plannedFor: r.plannedFor.toISOString(),
    mode: r.mode,
    purpose: r.purpose,
    state: r.settledByContactId ? 'settled' : r.cancelledAt ? 'cancelled' : 'open',
  }));
};

const notesSource: TimelineSource = async (db, { referral, scope, present }) => {
  if (present?.notes === false) return [];
  const rows = await repo.findNotes(db, scope, referral.id);
  const names = await userNames(
    db,
    rows.map((r) => r.authorUserId),
  );
  return rows.map((r) => noteItem(r, names.get(r.authorUserId) ?? null));
};

// The plan is the person's with this PCN's team, shared across the team's cases: every save shows
// in each of them (never a plan another PCN keeps).
const planVersionsSource: TimelineSource = async (db, { referral, scope }) =>
  (await carePlanVersionsOfPerson(db, scope, referral.person.id)).map((v) => ({
    kind: 'plan_version',
    id: `plan:${referral.person.id}:${v.version}`,
    at: v.savedAt,
    actorName: v.savedBy.name,
    personId: referral.person.id,
    version: v.version,
  }));

const outcomesSource: TimelineSource = async (db, { referral, scope }) =>
  (await outcomeRecordingsOfCase(db, scope, referral.id)).map((r) => ({
    kind: 'outcome',
    id: `outcome:${r.id}`,
    at: r.recordedAt,
    actorName: r.recordedBy,
    referralId: referral.id,
    measure: r.measure,
    measureLabel: MEASURE_LABELS[r.measure],
    timepoint: r.timepoint,
    timepointLabel: TIMEPOINT_LABELS[r.timepoint],
    administeredOn: r.administeredOn,
    indicators: r.indicators.map((i) => ({ label: i.label, value: i.value, band: i.band })),
  }));

// Each step of the case's onward referrals, whoever took it: the team, the organisation in its
// inbox, or the holder of a secure link (who has no account, so no name).
const onwardSource: TimelineSource = async (db, { referral, scope }) => {
  const steps = (await onwardStepsOfCase(db, scope, referral.id)).filter((s) => TIMELINE_STEPS.includes(s.type));
  const names = await userNames(
    db,
    steps.flatMap((s) => (s.actorUserId ? [s.actorUserId] : [])),
  );
  return steps.map((s) => ({
    kind: 'onward',
    id: `onward:${s.id}`,
    at: s.at,
    actorName: s.actorUserId
      ? (names.get(s.actorUserId) ?? null)
      : s.via === 'link'
        ? `${s.organisation} (by secure link)`
        : null,
    onwardReferralId: s.onwardReferralId,
    step: s.type,
    ...describeOnwardStep(s),
  }));
};

// Texts and emails to the person (GOV.UK Notify), with what the delivery receipts said.
const residentMessagesSource: TimelineSource = async (db, { referral, present }) =>
  (present?.residentMessages === false ? [] : await residentMessagesOfCase(db, referral.id)).map((m) => ({
    kind: 'resident_message',
    id: `message:${m.id}`,
    at: m.queuedAt.toISOString(),
    actorName: null,
    messageKind: m.kind,
    channel: m.channel,
    status: m.status,
    sentAt: m.sentAt?.toISOString() ?? null,
    statusAt: m.statusAt?.toISOString() ?? null,
  }));

// Issue 16: a volunteer befriending the person: when it began and, once over, when and why it ended.
const befriendingSource: TimelineSource = async (db, { referral, scope, present }) =>
  (present?.befriending === false ? [] : await befriendingOfCase(db, scope, referral.id)).flatMap((b) => [
    {
      kind: 'befriending' as const,
      id: `befriending:${b.id}:started`,
      at: b.startedAt.toISOString(),
      actorName: b.startedByName,
      volunteerName: b.volunteerName,
      state: 'started' as const,
      reasonLabel: null,
    },
    ...(b.endedAt
      ? [
          {
            kind: 'befriending' as const,
            id: `befriending:${b.id}:ended`,
            at: b.endedAt.toISOString(),
            actorName: b.endedByName,
            volunteerName: b.volunteerName,
            state: 'ended' as const,
            reasonLabel: b.endReasonLabel,
          },
        ]
      : []),
  ]);

// Issue 16: sessions of the team's own groups that the person came to (from the session's register).
const groupAttendanceSource: TimelineSource = async (db, { referral, scope, present }) => {
  if (present?.groupAttendance === false) return [];
  const rows = await attendanceOfCase(db, scope, referral.id);
  const names = await userNames(
    db,
    rows.flatMap((r) => (r.recordedBy ? [r.recordedBy] : [])),
  );
  return rows.map((r) => ({
    kind: 'group_attendance' as const,
    id: `group:${r.sessionId}`,
    at: r.startsAt.toISOString(),
    actorName: r.recordedBy ? (names.get(r.recordedBy) ?? null) : null,
    groupId: r.groupId,
    groupName: r.groupName,
    venue: r.venue,
  }));
};

export const TIMELINE_SOURCES: TimelineSource[] = [
  referralEventsSource,
  contactsSource,
  plannedContactsSource,
  notesSource,
  planVersionsSource,
  outcomesSource,
  onwardSource,
  residentMessagesSource,
  befriendingSource,
  groupAttendanceSource,
];

/** Every source merged, newest first (ties: the later-recorded source first, stable). */
export async function buildTimeline(db: DbOrTx, subject: TimelineSubject): Promise<TimelineItem[]> {
  const present = subject.present ?? (await timelinePresence(db, subject.scope, subject.referral.id));
  const items: TimelineItem[] = [];
  for (const source of TIMELINE_SOURCES) items.push(...(await source(db, { ...subject, present })));
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.at.localeCompare(a.item.at) || b.index - a.index)
    .map((x) => x.item);
}
