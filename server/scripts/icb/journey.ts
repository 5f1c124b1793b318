import { SNOMED } from '../../../common/referrals.js';
import { addWorkingDays, DAY } from './calendar.js';
import type { Pcn, Worker } from './organisations.js';
import type { Person } from './people.js';
import { type IcbRandom, pickWeighted } from './random.js';
import { type TableWriter, textArray } from './table-writer.js';
import { REFERRAL_EVENTS, REFERRALS } from './tables.js';

// One referral's way through triage, allocation and first contact, with the timestamps in order
// (received ≤ triaged ≤ allocated ≤ first contact ≤ closed) and stopping wherever "now" falls.
// The events are the ones the app writes at each step, with its SNOMED codes: 871731000000106
// when the person accepts at first contact, 871711000000103 whenever they decline.

const SOURCES = [
  ['practice', 62],
  ['professional', 23],
  ['self', 15],
] as const;
const URGENCY = [
  ['routine', 72],
  ['soon', 21],
  ['urgent', 7],
] as const;
const COMPLEXITY = [
  ['low', 35],
  ['medium', 45],
  ['high', 20],
] as const;
const PROFESSIONALS = [
  'Community matron',
  'Social worker',
  'Housing officer',
  'Practice pharmacist',
  'Physiotherapist',
];
/** Reasons at triage: declined (closure reason, weight) or redirected. */
const DECLINE_REASONS = [
  ['person_declined', 30],
  ['insufficient_information', 25],
  ['duplicate', 15],
  ['out_of_area', 12],
  ['clinical_need', 18],
] as const;
const REDIRECT_REASONS = [
  ['crisis', 15],
  ['clinical_need', 30],
  ['better_served_elsewhere', 45],
  ['out_of_area', 10],
] as const;
/** How much faster than the PCN's usual pace each priority is reached. */
const PRIORITY_PACE = { routine: 1, soon: 0.55, urgent: 0.2 } as const;

export interface Journey {
  id: string;
  person: Person;
  pcn: Pcn;
  worker: Worker | null;
  received: number;
  /** Set when the person accepted support at first contact. */
  firstContact: number | null;
  status: string;
  version: number;
  lastChange: number;
  closed: number | null;
  closureReason: string | null;
  reasons: string[];
  /** The referring practice (null unless the practice referred). */
  practiceId: string | null;
  /** The row's fixed columns around the ones the case work settles. */
  columns: { head: unknown[]; middle: unknown[]; tail: unknown[] };
}

export interface ReferralContext {
  icbId: string;
  now: number;
  reasons: readonly (readonly [string, number])[];
  targets: Map<string, { routine: number; soon: number; urgent: number }>;
}

function allocate(random: IcbRandom, pcn: Pcn, role: string): Worker | null {
  const ofRole = pcn.workers.filter((w) => w.role === role);
  const pool = ofRole.length ? ofRole : pcn.workers.filter((w) => w.role === 'link_worker');
  return pool.length ? random.pick(pool) : (pcn.workers[0] ?? null);
}

function reasonsOf(random: IcbRandom, ctx: ReferralContext): string[] {
  const chosen = new Set([pickWeighted(random, ctx.reasons)]);
  while (random.chance(chosen.size === 1 ? 0.55 : 0.25)) chosen.add(pickWeighted(random, ctx.reasons));
  return [...chosen];
}

/** Writes the referral's events; says how far it got, for the case work that follows. */
export function writeReferral(
  writer: TableWriter,
  random: IcbRandom,
  ctx: ReferralContext,
  person: Person,
  received: number,
): Journey {
  const id = random.uuid();
  const { pcn } = person.practice;
  const { now } = ctx;
  const source = pickWeighted(random, SOURCES);
  const urgency = pickWeighted(random, URGENCY);
  const events: unknown[][] = [];
  let status = 'received';
  const event = (
    type: string,
    to: string,
    at: number,
    actor: string | null,
    snomed: string | null,
    details: object,
  ) => {
    events.push([id, type, events.length ? status : null, to, new Date(at), actor, snomed, JSON.stringify(details)]);
    status = to;
  };
  const referrer = source === 'practice' ? person.practice.referrerId : null;
  event('received', 'received', received, referrer, null, {});

  let triaged: number | null = null;
  let allocated: number | null = null;
  let firstContact: number | null = null;
  let closed: number | null = null;
  let closureReason: string | null = null;
  let due: number | null = null;
  let priority: string | null = null;
  let complexity: string | null = null;
  let pam: number | null = null;
  let role: string | null = null;
  let worker: Worker | null = null;

  const triageAt = addWorkingDays(random, received, random.next() ** 2 * 3);
  if (triageAt <= now) {
    if (random.chance(pcn.strictness)) {
      const declined = random.chance(0.4);
      closureReason = pickWeighted(random, declined ? DECLINE_REASONS : REDIRECT_REASONS);
      closed = triageAt;
      const snomed = closureReason === 'person_declined' ? SNOMED.socialPrescribingDeclined : null;
      event(
        declined ? 'declined' : 'redirected',
        declined ? 'declined' : 'redirected',
        triageAt,
        pcn.teamLeadId,
        snomed,
        {
          reason: closureReason,
        },
      );
    } else {
      triaged = triageAt;
      priority = random.chance(0.85) ? urgency : pickWeighted(random, URGENCY);
      complexity = pickWeighted(random, COMPLEXITY);
      pam = pickWeighted(random, [
        [1, 20],
        [2, 35],
        [3, 35],
        [4, 10],
      ] as const);
      role = pickWeighted(random, [
        ['link_worker', 66],
        ['health_coach', pam <= 2 ? 24 : 10],
        ['care_coordinator', complexity === 'high' ? 25 : 10],
      ] as const);
      const targets = ctx.targets.get(pcn.id) ?? { routine: 14, soon: 7, urgent: 2 };
      const targetDays = targets[priority as keyof typeof targets];
      due = triaged + targetDays * DAY;
      event('triaged', 'triaged', triaged, pcn.teamLeadId, null, {
        priority,
        complexity,
        predictedPam: pam,
        recommendedRole: role,
        signpostingOnly: false,
        firstContactTargetDays: targetDays,
      });
      const allocateAt = addWorkingDays(random, triaged, random.next() * 2);
      if (allocateAt <= now) {
        allocated = allocateAt;
        worker = allocate(random, pcn, role);
        event('allocated', 'allocated', allocated, pcn.teamLeadId, null, {});
        const pace = pcn.pace * PRIORITY_PACE[priority as keyof typeof PRIORITY_PACE];
        const wait = Math.max(
          0.1,
          pace * random.between(0.3, 1.2) + random.normal(0, pace * 0.25) + (random.chance(0.08) ? pace * 2 : 0),
        );
        const contactAt = addWorkingDays(random, allocated, wait);
        if (contactAt <= now) {
          const r = random.next();
          if (r < 0.06) {
            closed = contactAt;
            event('not_contactable', 'not_contactable', contactAt, worker?.id ?? null, null, {
              outcome: 'not_contactable',
              at: new Date(contactAt).toISOString(),
            });
          } else if (r < 0.11) {
            firstContact = contactAt;
            closed = contactAt;
            closureReason = 'person_declined';
            event('declined', 'declined', contactAt, worker?.id ?? null, SNOMED.socialPrescribingDeclined, {
              outcome: 'declined',
              reason: 'person_declined',
              at: new Date(contactAt).toISOString(),
            });
          } else {
            firstContact = contactAt;
            event('first_contact', 'first_contact', contactAt, worker?.id ?? null, SNOMED.referralToSocialPrescribing, {
              outcome: 'accepted',
              at: new Date(contactAt).toISOString(),
            });
          }
        }
      }
    }
  }
  const lastChange = closed ?? firstContact ?? allocated ?? triaged ?? received;
  for (const e of events) writer.add(REFERRAL_EVENTS, e);
  const practiceId = source === 'practice' ? person.practice.id : null;
  const reasons = reasonsOf(random, ctx);
  const head = [
    id,
    person.id,
    ctx.icbId,
    pcn.id,
    practiceId,
    source,
    referrer,
    source === 'professional' ? random.pick(PROFESSIONALS) : null,
    source === 'practice' ? person.practice.name : source === 'professional' ? 'Community services' : null,
    textArray(reasons),
    urgency,
    true,
    random.chance(0.95),
  ];
  const middle = [priority, complexity, pam, role];
  const tail = [
    worker?.id ?? null,
    due === null ? null : new Date(due),
    new Date(received),
    triaged === null ? null : new Date(triaged),
    allocated === null ? null : new Date(allocated),
    firstContact === null ? null : new Date(firstContact),
  ];
  return {
    id,
    person,
    pcn,
    worker,
    received,
    firstContact: status === 'first_contact' ? firstContact : null,
    status,
    version: events.length,
    lastChange,
    closed,
    closureReason,
    reasons,
    practiceId,
    columns: { head, middle, tail },
  };
}

/** The referral row, written once the case work has settled its final status. */
export function writeReferralRow(writer: TableWriter, j: Journey): void {
  const { head, middle, tail } = j.columns;
  writer.add(REFERRALS, [
    ...head,
    j.status,
    ...middle,
    j.closureReason,
    ...tail,
    j.closed === null ? null : new Date(j.closed),
    j.version,
    new Date(j.received),
    new Date(j.lastChange),
    j.person.details,
  ]);
}

/** The rest of an accepted referral's life: 'active' at the second contact, 'discharged' at the end. */
export function finishCase(
  writer: TableWriter,
  j: Journey,
  steps: { activeAt: number | null; discharge: { at: number; reason: string } | null },
): void {
  const actor = j.worker?.id ?? null;
  if (steps.activeAt !== null) {
    writer.add(REFERRAL_EVENTS, [j.id, 'active', j.status, 'active', new Date(steps.activeAt), actor, null, '{}']);
    j.status = 'active';
    j.version++;
    j.lastChange = steps.activeAt;
  }
  if (steps.discharge) {
    const { at, reason } = steps.discharge;
    writer.add(REFERRAL_EVENTS, [
      j.id,
      'discharged',
      j.status,
      'discharged',
      new Date(at),
      actor,
      null,
      JSON.stringify({ reason }),
    ]);
    j.status = 'discharged';
    j.version++;
    j.lastChange = at;
    j.closed = at;
    j.closureReason = reason;
  }
}
