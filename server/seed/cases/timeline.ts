import type { CarePlanContent } from '../../../common/care-plan.js';
import {
  CONTACT_MODE_LABELS,
  type ContactMode,
  type ContactOutcome,
  DISCHARGE_REASON_LABELS,
  type DischargeReason,
} from '../../../common/cases.js';
import type { Measure, Timepoint } from '../../../common/outcome-measures.js';
import {
  type ClosureReason,
  type Complexity,
  type Priority,
  type ReferralSource,
  type ReferralStatus,
  SNOMED,
} from '../../../common/referrals.js';
import type { TeamRole } from '../../../common/roles.js';
import { roleByRules } from '../../modules/allocation/allocation-rules.js';
import type { MeasureScores } from '../../modules/outcomes/scoring.js';
import { DEFAULT_TARGETS } from '../../modules/triage/use-cases/triage-settings.js';
import { answersAt, baselineProfile, scoredAnswers } from './measures.js';
import type { DemoPerson } from './people.js';
import type { Random } from './random.js';
import { OTHER_ENDINGS, type Story } from './stories.js';

// One demo case from referral to where it stands today, as the pages would have recorded it:
// every state change an event in time order, contacts (with a few did-not-attends), the bookings
// they settled, notes, plan versions, outcome measures and the discharge. Pure: no database.
//
// Times are built on a day scale relative to the day the referral arrived (working hours only),
// then the whole case is moved by whole days to where it belongs in the last twelve months.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type CaseStage = 'triaged' | 'allocated' | 'first_contact' | 'active' | 'discharged' | ClosedStage;
export type ClosedStage = 'declined' | 'redirected' | 'not_contactable';

export interface Member {
  id: string;
  name: string;
  role: TeamRole;
}

export interface CaseSetting {
  stage: CaseStage;
  story: Story;
  person: DemoPerson;
  /** The allocated worker (from 'allocated' on). */
  worker: Member | null;
  /** Triages and allocates. */
  lead: Member;
  referral: {
    source: ReferralSource;
    practiceCode: string | null;
    registeredPracticeCode: string;
    referrerUserId: string | null;
    referrer: { name: string; organisation: string; contact: string } | null;
  };
  /** For a discharged case: how long before the seeding it ended, and why. */
  discharge?: { daysAgo: number; reason: DischargeReason };
  /** For an open or closed-early case: days between its last step and the seeding. */
  quietDays: number;
  now: Date;
  random: Random;
}

export interface DemoEvent {
  type: string;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  at: Date;
  actorUserId: string | null;
  snomedCode: string | null;
  details: Record<string, unknown>;
}

export interface DemoContact {
  key: number;
  at: Date;
  mode: ContactMode;
  durationMinutes: number;
  outcome: ContactOutcome;
  notes: string | null;
  recordedBy: string;
}

export interface DemoPlannedContact {
  createdAt: Date;
  plannedFor: Date;
  mode: ContactMode;
  purpose: string | null;
  createdBy: string;
  /** The contact (its key) that settled it; null while it is still ahead. */
  settledBy: number | null;
}

export interface DemoMeasure {
  measure: Measure;
  timepoint: Timepoint;
  answers: Record<string, number>;
  scores: MeasureScores;
  administeredOn: string;
  recordedAt: Date;
  recordedBy: string;
}

export interface DemoCase {
  stage: CaseStage;
  person: DemoPerson;
  source: ReferralSource;
  practiceCode: string | null;
  registeredPracticeCode: string;
  referrerUserId: string | null;
  referrer: { name: string; organisation: string; contact: string } | null;
  reasons: string[];
  details: string;
  urgencyRequested: Priority;
  safeguardingConcern: boolean;
  consentToShare: boolean;
  status: ReferralStatus;
  priority: Priority | null;
  complexity: Complexity | null;
  predictedPam: number | null;
  signpostingOnly: boolean;
  triageNotes: string | null;
  firstContactDueAt: Date | null;
  receivedAt: Date;
  triagedAt: Date | null;
  allocatedAt: Date | null;
  allocatedWorkerId: string | null;
  firstContactAt: Date | null;
  closedAt: Date | null;
  closureReason: string | null;
  closureNote: string | null;
  events: DemoEvent[];
  contacts: DemoContact[];
  planned: DemoPlannedContact[];
  notes: { at: Date; body: string; authorUserId: string }[];
  planVersions: { savedAt: Date; savedBy: string; content: CarePlanContent }[];
  measures: DemoMeasure[];
  discharge: { at: Date; reason: DischargeReason; summary: string; authorUserId: string } | null;
}

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
const londonDay = (d: Date) => LONDON_DAY.format(d);

const DURATIONS: Record<ContactMode, [number, number]> = {
  phone: [15, 35],
  video: [30, 45],
  face_to_face: [40, 60],
  home_visit: [50, 90],
  group: [60, 120],
};

/** The triage the lead gives a story: the allocation rules then give it to the right role. */
function triageOf(
  story: Story,
  random: Random,
): { complexity: Complexity; predictedPam: number; signpostingOnly: boolean; notes: string } {
  switch (story.fit) {
    case 'coach':
      return random.chance(0.5)
        ? {
            complexity: 'high',
            predictedPam: random.pick([1, 2]),
            signpostingOnly: false,
            notes: 'Several needs at once: coaching.',
          }
        : {
            complexity: 'medium',
            predictedPam: random.chance(0.5) ? 1 : 2,
            signpostingOnly: false,
            notes: 'Low activation: coaching.',
          };
    case 'link':
      return {
        complexity: random.chance(0.6) ? 'low' : 'medium',
        predictedPam: random.chance(0.7) ? 3 : 4,
        signpostingOnly: false,
        notes: 'Good fit for a link worker.',
      };
    case 'coordinator':
      return {
        complexity: 'low',
        predictedPam: random.chance(0.5) ? 3 : 4,
        signpostingOnly: true,
        notes: 'Signposting only.',
      };
  }
}

const closedAtTriage: Record<'declined' | 'redirected', { reason: ClosureReason; note: string }> = {
  declined: { reason: 'person_declined', note: 'Rang to talk it through: does not want support at the moment.' },
  redirected: {
    reason: 'clinical_need',
    note: 'Describes symptoms that need a clinical review first: passed back to the GP with the reasons.',
  },
};

/** Builds one case. Throws if the result would break an invariant the pages rely on. */
export function buildCase(s: CaseSetting): DemoCase {
  const { random, story } = s;
  // A time of day in working hours, on a day counted from the referral's arrival.
  const during = (day: number) => day * DAY + 8 * HOUR + random.int(0, 33) * 15 * MINUTE;
  const urgency: Priority = random.chance(0.12) ? 'urgent' : random.chance(0.35) ? 'soon' : 'routine';
  const triage = triageOf(story, random);
  const priority: Priority = urgency;
  const targetDays =
    priority === 'urgent'
      ? DEFAULT_TARGETS.urgentDays
      : priority === 'soon'
        ? DEFAULT_TARGETS.soonDays
        : DEFAULT_TARGETS.routineDays;

  // Relative times (ms from midnight of the day the referral arrived).
  const received = during(0);
  const events: (Omit<DemoEvent, 'at'> & { t: number })[] = [];
  const contacts: (Omit<DemoContact, 'at'> & { t: number })[] = [];
  const planned: (Omit<DemoPlannedContact, 'createdAt' | 'plannedFor'> & { created: number; planned: number })[] = [];
  const notes: { t: number; body: string; authorUserId: string }[] = [];
  const planVersions: { t: number }[] = [];
  const measureTimes: { t: number; timepoint: Timepoint; progress: number }[] = [];
  let status: ReferralStatus = 'received';
  const move = (
    t: number,
    type: string,
    to: ReferralStatus,
    actor: string | null,
    details: Record<string, unknown>,
    snomed: string | null = null,
  ) => {
    events.push({ t, type, fromStatus: status, toStatus: to, actorUserId: actor, snomedCode: snomed, details });
    status = to;
  };
  events.push({
    t: received,
    type: 'received',
    fromStatus: null,
    toStatus: 'received',
    actorUserId: s.referral.referrerUserId,
    snomedCode: null,
    details: { source: s.referral.source, personMatch: 'new_person', demo: true },
  });

  const triagedDay = random.int(0, 3);
  const triaged = Math.max(received + 30 * MINUTE, during(triagedDay));
  move(triaged, 'triaged', 'triaged', s.lead.id, {
    priority,
    complexity: triage.complexity,
    predictedPam: triage.predictedPam,
    recommendedRole: null,
    signpostingOnly: triage.signpostingOnly,
    firstContactTargetDays: targetDays,
  });
  const firstContactDue = triaged + targetDays * DAY;

  let allocated: number | null = null;
  let firstContact: number | null = null;
  let closedAt: number | null = null;
  let closureReason: string | null = null;
  let closureNote: string | null = null;
  let discharge: { t: number; reason: DischargeReason; summary: string } | null = null;
  const worker = s.worker;

  if (s.stage === 'declined' || s.stage === 'redirected') {
    const closing = closedAtTriage[s.stage];
    closedAt = triaged + random.int(1, 6) * HOUR;
    closureReason = closing.reason;
    closureNote = closing.note;
    move(
      closedAt,
      s.stage,
      s.stage,
      s.lead.id,
      { reason: closing.reason },
      closing.reason === 'person_declined' ? SNOMED.socialPrescribingDeclined : null,
    );
  } else if (s.stage !== 'triaged') {
    if (!worker) throw new Error(`demo case at ${s.stage} needs a worker`);
    allocated = Math.max(triaged + 20 * MINUTE, during(triagedDay + random.int(0, 2)));
    move(allocated, 'allocated', 'allocated', s.lead.id, {
      suggestedWorkerId: worker.id,
      suggestedWorkerName: worker.name,
      chosenWorkerId: worker.id,
      chosenWorkerName: worker.name,
      overrideReason: null,
      overCapacity: false,
      reasons: [roleByRules(triage).reason],
    });
  }

  const allocatedDay = allocated === null ? 0 : Math.floor(allocated / DAY);
  let key = 0;
  const modeAt = (i: number): ContactMode => story.modes[i % story.modes.length] ?? 'phone';
  const addContact = (t: number, mode: ContactMode, outcome: ContactOutcome, text: string | null) => {
    const [min, max] = DURATIONS[mode];
    const k = key++;
    contacts.push({
      key: k,
      t,
      mode,
      durationMinutes: outcome === 'attended' ? random.int(min, max) : outcome === 'did_not_attend' ? 10 : 5,
      outcome,
      notes: text,
      recordedBy: (worker as Member).id,
    });
    return k;
  };

  if (s.stage === 'not_contactable') {
    const w = worker as Member;
    let day = allocatedDay;
    for (let i = 0; i < 3; i++) {
      day += random.int(2, 4);
      notes.push({
        t: during(day),
        body: `Rang at ${['9am', 'lunchtime', 'teatime'][i]}: no answer, voicemail left.`,
        authorUserId: w.id,
      });
    }
    day += random.int(7, 10);
    const t = during(day);
    notes.push({
      t: t - HOUR,
      body: 'Letter sent two weeks ago asking them to get in touch: no reply.',
      authorUserId: w.id,
    });
    closedAt = t;
    closureNote = 'Three calls at different times of day and a letter: no reply. The practice has been told.';
    move(t, 'not_contactable', 'not_contactable', w.id, { outcome: 'not_contactable', at: new Date(0).toISOString() });
  }

  const working = s.stage === 'first_contact' || s.stage === 'active' || s.stage === 'discharged';
  if (working) {
    const w = worker as Member;
    let day = allocatedDay + random.int(1, Math.max(2, Math.round(targetDays * 1.2)));
    // Sometimes the first booked call is missed.
    if (random.chance(0.2)) {
      addContact(during(day), 'phone', 'did_not_attend', 'No answer at the agreed time; rang again the next week.');
      day += random.int(2, 6);
    }
    firstContact = during(day);
    const firstKey = addContact(firstContact, modeAt(0), 'attended', story.contactNotes[0] ?? null);
    move(
      firstContact,
      'first_contact',
      'first_contact',
      w.id,
      { outcome: 'accepted', at: '', contactId: firstKey },
      SNOMED.referralToSocialPrescribing,
    );
    measureTimes.push({ t: firstContact + HOUR, timepoint: 'baseline', progress: 0 });

    // How many attended contacts after the first this case has had.
    const plannedAttended =
      s.stage === 'first_contact'
        ? 0
        : s.stage === 'active'
          ? random.int(1, story.contactNotes.length - 1)
          : story.contactNotes.length - 1 + random.int(0, 2);
    const ending = s.discharge?.reason;
    const attendedAfterFirst = ending === 'disengaged' ? Math.max(1, Math.min(2, plannedAttended)) : plannedAttended;
    let attended = 1;
    let last = firstContact;
    let reviewed = false;
    if (s.stage !== 'first_contact' || random.chance(0.5)) planVersions.push({ t: firstContact + 2 * HOUR });
    while (attended <= attendedAfterFirst) {
      day += random.int(7, 18);
      const t = during(day);
      const mode = modeAt(attended);
      const outcome: ContactOutcome = random.chance(0.1)
        ? 'did_not_attend'
        : random.chance(0.05)
          ? 'cancelled'
          : 'attended';
      const k = addContact(
        t,
        mode,
        outcome,
        outcome === 'attended'
          ? (story.contactNotes[attended] ?? 'Checked in on how things are going; the plan is on track.')
          : outcome === 'did_not_attend'
            ? 'Did not attend; text sent to rebook.'
            : 'Cancelled by the person (unwell); rebooked.',
      );
      planned.push({ created: last + 5 * MINUTE, planned: t, mode, purpose: null, createdBy: w.id, settledBy: k });
      last = t;
      if (outcome !== 'attended') continue;
      attended += 1;
      if (attended === 2) move(t, 'active', 'active', w.id, { contactId: k });
      const note = story.caseNotes[attended - 2];
      if (note) notes.push({ t: t + 2 * HOUR, body: note, authorUserId: w.id });
      if (!reviewed && t - firstContact >= 42 * DAY) {
        reviewed = true;
        measureTimes.push({ t: t + HOUR, timepoint: 'review', progress: 0.5 });
      }
      // The plan is revisited as the work goes on: a new version on the third and fifth meetings.
      if (attended === 3 || attended === 5) planVersions.push({ t: t + 90 * MINUTE });
    }

    if (s.stage === 'discharged') {
      const reason = ending ?? 'goals_met';
      if (reason === 'disengaged') {
        day += random.int(7, 12);
        const missed = addContact(
          during(day),
          modeAt(attended),
          'did_not_attend',
          'Did not attend; no reply to a text.',
        );
        planned.push({
          created: last + 5 * MINUTE,
          planned: during(day),
          mode: modeAt(attended),
          purpose: null,
          createdBy: w.id,
          settledBy: missed,
        });
        notes.push({
          t: during(day + 7),
          body: 'Letter sent asking them to get in touch if they would like to carry on.',
          authorUserId: w.id,
        });
        day += 21;
      } else {
        day += random.int(1, 7);
      }
      const t = during(day);
      const summary = reason === 'goals_met' ? story.summary : OTHER_ENDINGS[reason as keyof typeof OTHER_ENDINGS];
      discharge = { t, reason, summary };
      closedAt = t;
      closureReason = reason;
      closureNote = summary;
      if (reason !== 'disengaged')
        measureTimes.push({ t: t - 30 * MINUTE, timepoint: 'discharge', progress: reason === 'goals_met' ? 1 : 0.4 });
      move(t, 'discharged', 'discharged', w.id, { reason, reasonLabel: DISCHARGE_REASON_LABELS[reason] });
    }
  }

  // Where the case sits in time: its last step `quietDays` (or the discharge `daysAgo`) before today.
  const lastStep = Math.max(
    ...events.map((e) => e.t),
    ...contacts.map((c) => c.t),
    ...notes.map((n) => n.t),
    ...planVersions.map((p) => p.t),
    ...measureTimes.map((m) => m.t),
  );
  const lastDay = Math.floor(lastStep / DAY);
  const daysBeforeToday = s.discharge ? s.discharge.daysAgo : s.quietDays;
  const today = Date.UTC(s.now.getUTCFullYear(), s.now.getUTCMonth(), s.now.getUTCDate());
  // Never older than the year the demo covers: the referral arrived at most 360 days ago.
  const placed = Math.max(1, Math.min(daysBeforeToday, 360 - lastDay));
  const offset = today - (lastDay + placed) * DAY;
  const at = (t: number) => new Date(offset + t);
  const profile = baselineProfile(random, triage.predictedPam);
  const measuresOf: Measure[] = ['ons4', story.measure, ...(story.fit === 'coach' ? (['pam'] as const) : [])];

  const built: DemoCase = {
    stage: s.stage,
    person: s.person,
    source: s.referral.source,
    practiceCode: s.referral.practiceCode,
    registeredPracticeCode: s.referral.registeredPracticeCode,
    referrerUserId: s.referral.referrerUserId,
    referrer: s.referral.referrer,
    reasons: story.reasons,
    details: story.details,
    urgencyRequested: urgency,
    safeguardingConcern: false,
    consentToShare: true,
    status,
    priority,
    complexity: triage.complexity,
    predictedPam: triage.predictedPam,
    signpostingOnly: triage.signpostingOnly,
    triageNotes: triage.notes,
    firstContactDueAt: at(firstContactDue),
    receivedAt: at(received),
    triagedAt: at(triaged),
    allocatedAt: allocated === null ? null : at(allocated),
    allocatedWorkerId: allocated === null ? null : (worker?.id ?? null),
    firstContactAt: firstContact === null ? null : at(firstContact),
    closedAt: closedAt === null ? null : at(closedAt),
    closureReason,
    closureNote,
    events: events.map(({ t, ...e }) => ({
      ...e,
      at: at(t),
      // Times inside details are the absolute ones, as the API writes them.
      details:
        e.type === 'first_contact' || e.type === 'not_contactable'
          ? { ...e.details, at: at(t).toISOString() }
          : e.details,
    })),
    contacts: contacts.map(({ t, ...c }) => ({ ...c, at: at(t) })),
    planned: planned.map(({ created, planned: p, ...rest }) => ({
      ...rest,
      createdAt: at(created),
      plannedFor: at(p),
    })),
    notes: notes.map((n) => ({ at: at(n.t), body: n.body, authorUserId: n.authorUserId })),
    planVersions: [],
    measures: measureTimes.flatMap((m) =>
      measuresOf.map((measure): DemoMeasure => {
        const { answers, scores } = scoredAnswers(measure, answersAt(measure, profile, m.progress, random));
        return {
          measure,
          timepoint: m.timepoint,
          answers,
          scores,
          administeredOn: londonDay(at(m.t)),
          recordedAt: at(m.t),
          recordedBy: (worker as Member).id,
        };
      }),
    ),
    discharge: discharge
      ? {
          at: at(discharge.t),
          reason: discharge.reason,
          summary: discharge.summary,
          authorUserId: (worker as Member).id,
        }
      : null,
  };

  // Each version of the plan builds on the one before, dated on the day it was saved.
  for (const [i, p] of planVersions.entries()) {
    const previous = built.planVersions.at(-1)?.content;
    const content = planContent(story, worker as Member, i + 1, londonDay(at(p.t)), random, previous);
    built.planVersions.push({ savedAt: at(p.t), savedBy: (worker as Member).id, content });
  }

  // An open case usually has its next contact booked (the caseload's "next contact").
  if (
    (s.stage === 'first_contact' || s.stage === 'active' || s.stage === 'allocated') &&
    worker &&
    random.chance(s.stage === 'allocated' ? 0.4 : 0.85)
  ) {
    const lastContact = built.contacts.at(-1);
    const mode = s.stage === 'allocated' ? 'phone' : modeAt(built.contacts.length);
    const ahead = new Date(today + random.int(1, 13) * DAY + 9 * HOUR + random.int(0, 28) * 15 * MINUTE);
    built.planned.push({
      createdAt: lastContact ? new Date(lastContact.at.getTime() + 5 * MINUTE) : (built.allocatedAt as Date),
      plannedFor: ahead,
      mode,
      purpose:
        s.stage === 'allocated'
          ? 'First call: introduce the service and ask what matters to them.'
          : `${CONTACT_MODE_LABELS[mode]}: see how the plan is going.`,
      createdBy: worker.id,
      settledBy: null,
    });
  }
  return built;
}

const addDays = (isoDay: string, days: number) => {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const PROGRESS_NOTES = ['Just starting.', 'Getting there.', 'Nearly there.'];

/** Version n of the person's plan, saved on `day`, building on the one before. */
function planContent(
  story: Story,
  worker: Member,
  version: number,
  day: string,
  random: Random,
  previous?: CarePlanContent,
): CarePlanContent {
  const score = Math.min(10, (version - 1) * 3 + random.int(1, 3));
  const who = (w: string) => (w === 'me' ? 'Me' : w === 'worker' ? worker.name : w);
  return {
    whatMattersToMe: story.whatMattersToMe,
    strengths: story.strengths,
    needs: story.needs.filter((n) => story.reasons.includes(n.domain)),
    goals: story.goals.map((text, i) => ({
      text,
      targetDate: previous?.goals[i]?.targetDate ?? addDays(day, 84 + i * 14),
      progress: [
        ...(previous?.goals[i]?.progress ?? []),
        { date: day, score: Math.max(0, score - i), note: PROGRESS_NOTES[version - 1] ?? '' },
      ],
    })),
    actions: story.actions.map((a, i) => ({
      who: who(a.who),
      what: a.what,
      byWhen: previous?.actions[i]?.byWhen ?? addDays(day, 14 + i * 7),
      done: i < version - 1,
    })),
    ifThingsGetWorse: story.ifThingsGetWorse,
    agreedOn: previous?.agreedOn ?? day,
    reviewOn: addDays(day, 42),
  };
}
