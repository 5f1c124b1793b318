import { CONTACT_MODE_LABELS, CONTACT_MODES, type ContactMode } from '../../../common/cases.js';
import { SNOMED } from '../../../common/referrals.js';
import { addWorkingDays } from './calendar.js';
import { writeCarePlan } from './care-plans.js';
import { finishCase, type Journey } from './journey.js';
import { writeOutcomeMeasures } from './measures.js';
import { type OnwardServices, writeOnwardReferrals } from './onward.js';
import { type IcbRandom, pickWeighted } from './random.js';
import type { TableWriter } from './table-writer.js';
import { CASE_CONTACTS, GP_MESSAGES } from './tables.js';

// The support itself, for a referral the person accepted: contacts every week or two (some
// missed), a plan, outcome measures, perhaps an onward referral, and a discharge with the
// message back to the GP — all before "now", the rest left for the future.

const MODES: readonly (readonly [ContactMode, number])[] = [
  ['phone', 36],
  ['face_to_face', 30],
  ['video', 7],
  ['home_visit', 12],
  ['group', 15],
];
const MINUTES: Record<ContactMode, [number, number]> = {
  phone: [10, 40],
  face_to_face: [30, 60],
  video: [20, 50],
  home_visit: [45, 90],
  group: [60, 120],
};
const DISCHARGE = [
  ['goals_met', 55],
  ['disengaged', 15],
  ['declined_further_support', 8],
  ['referred_elsewhere', 12],
  ['moved_away', 7],
  ['died', 3],
] as const;
const SUMMARIES: Record<string, string> = {
  goals_met: 'Met the goals in their plan and feels able to carry on with the groups they joined.',
  disengaged: 'Stopped responding to contact after several attempts; welcome to be referred again.',
  declined_further_support: 'Decided they did not want further support for now.',
  referred_elsewhere: 'Referred on to a service better placed to help.',
  moved_away: 'Moved out of the area; told how to find support where they now live.',
  died: 'The person died during support.',
};

interface Contact {
  at: number;
  mode: ContactMode;
  outcome: string;
}

export interface CaseContext {
  now: number;
  icbId: string;
  services: OnwardServices;
  /** (person, PCN) pairs that already have a plan: one plan per person per PCN. */
  plans: Set<string>;
}

export function writeCaseWork(writer: TableWriter, random: IcbRandom, ctx: CaseContext, j: Journey): void {
  const first = j.firstContact as number;
  const reason = pickWeighted(random, DISCHARGE);
  const worker = j.worker?.id as string;
  const planned =
    reason === 'goals_met'
      ? 6 + Math.floor(-Math.log(1 - random.next()) * 8.5)
      : 2 + Math.floor(-Math.log(1 - random.next()) * 7);
  const missRate = reason === 'disengaged' ? 0.3 : 0.08;
  const contacts: Contact[] = [{ at: first, mode: random.chance(0.7) ? 'phone' : 'face_to_face', outcome: 'attended' }];
  let t = first;
  for (let i = 1; i < planned; i++) {
    t = addWorkingDays(random, t, random.int(3, 12));
    if (t > ctx.now) break;
    const r = random.next();
    contacts.push({
      at: t,
      mode: pickWeighted(random, MODES),
      outcome: r < missRate ? 'did_not_attend' : r < missRate + 0.05 ? 'cancelled' : 'attended',
    });
  }
  const dischargeAt = addWorkingDays(random, t, random.int(1, 10));
  const discharged = contacts.length === planned && dischargeAt <= ctx.now;
  for (const c of contacts) {
    const [lo, hi] = MINUTES[c.mode];
    const minutes = c.outcome === 'attended' ? random.int(lo, hi) : random.int(1, 10);
    writer.add(CASE_CONTACTS, [
      j.id,
      j.pcn.id,
      new Date(c.at),
      c.mode,
      minutes,
      c.outcome,
      worker,
      new Date(c.at + random.int(5, 240) * 60_000),
    ]);
  }
  const activeAt = contacts[1]?.at ?? null;
  const end = discharged ? dischargeAt : Math.min(ctx.now, t);
  finishCase(writer, j, { activeAt, discharge: discharged ? { at: dischargeAt, reason } : null });

  if (contacts.length >= 2)
    writeCarePlan(
      writer,
      random,
      ctx.plans,
      j,
      worker,
      contacts.map((c) => c.at),
      end,
    );
  writeOutcomeMeasures(writer, random, { icbId: ctx.icbId, journey: j, worker, first, end, discharged, reason });
  const onward =
    contacts.length >= 3 && random.chance(0.25)
      ? writeOnwardReferrals(writer, random, ctx, j, worker, contacts[2]?.at as number, end)
      : [];
  if (discharged) writeGpMessage(writer, j, { at: dischargeAt, reason, contacts, onward, worker });
}

function writeGpMessage(
  writer: TableWriter,
  j: Journey,
  d: { at: number; reason: string; contacts: Contact[]; onward: unknown[]; worker: string },
): void {
  const attended = d.contacts.filter((c) => c.outcome === 'attended');
  const iso = (t: number) => new Date(t).toISOString();
  const offered = {
    contactsTotal: d.contacts.length,
    attended: attended.length,
    byMode: CONTACT_MODES.map((mode) => ({
      mode,
      label: CONTACT_MODE_LABELS[mode],
      count: attended.filter((c) => c.mode === mode).length,
    })).filter((m) => m.count > 0),
    firstContactAt: iso(j.firstContact as number),
    lastContactAt: attended.length ? iso((attended.at(-1) as Contact).at) : null,
    attendedDates: attended.map((c) => iso(c.at)),
  };
  const coding = (code: string, display: string, at: number) => ({
    system: 'http://snomed.info/sct',
    code,
    display,
    date: iso(at),
  });
  const codes = [
    coding(
      SNOMED.referralToSocialPrescribing,
      'Referral to social prescribing service (procedure)',
      j.firstContact as number,
    ),
  ];
  if (d.reason === 'declined_further_support')
    codes.push(coding(SNOMED.socialPrescribingDeclined, 'Social prescribing declined (situation)', d.at));
  writer.add(GP_MESSAGES, [
    j.id,
    j.pcn.id,
    j.practiceId,
    new Date(d.at),
    d.reason,
    SUMMARIES[d.reason],
    JSON.stringify(offered),
    JSON.stringify(d.onward),
    JSON.stringify(codes),
    d.worker,
    new Date(d.at),
  ]);
}
