import type { DischargeReason } from '../../../common/cases.js';
import type { ReferralSource } from '../../../common/referrals.js';
import type { TeamRole } from '../../../common/roles.js';
import { demoPerson } from './people.js';
import { type Random, seededRandom, seedOf } from './random.js';
import { ROSTERS } from './roster.js';
import { type Story, type StoryFit, storiesFor } from './stories.js';
import { buildCase, type CaseSetting, type CaseStage, type DemoCase, type Member } from './timeline.js';

// Which demo cases each PCN gets: the roster's counts, each given a story that suits the
// worker's role, an invented person, a referrer and a place in the last twelve months.

export interface DemoPcn {
  slug: string;
  team: Member[];
  /** Practices of the PCN by ODS code, with the Waymark referrer user of each (if any). */
  practices: Map<string, { name: string; referrerUserId: string | null }>;
}

export interface DemoCaseOfPcn extends DemoCase {
  pcnSlug: string;
}

const FIT_OF_ROLE: Record<TeamRole, StoryFit> = {
  team_lead: 'link',
  link_worker: 'link',
  health_coach: 'coach',
  care_coordinator: 'coordinator',
};

/** How the PCN's discharged cases ended, in turn: most with their goals met. */
const ENDINGS: DischargeReason[] = [
  'goals_met',
  'goals_met',
  'disengaged',
  'goals_met',
  'declined_further_support',
  'goals_met',
  'goals_met',
  'moved_away',
  'goals_met',
  'referred_elsewhere',
  'goals_met',
];

const PROFESSIONALS = [
  { name: 'Kerry Lewis', organisation: 'Northshire Housing Association', contact: 'kerry.lewis@housing.example' },
  { name: 'Mark Tennant', organisation: 'Northshire Citizens Advice', contact: '01632 960 600' },
  { name: 'Asha Patel', organisation: 'Northshire Adult Social Care', contact: '01632 960 601' },
  { name: 'Rob Kingsley', organisation: 'Community Mental Health Team', contact: '01632 960 602' },
];
const CLINICIANS = ['Dr Sarah Pringle', 'Dr Tunde Adeyemi', 'Nurse Claire Hogg', 'Dr Mei Lin', 'Dr Peter Rowe'];

/** Days between the last step of an open case and the seeding: mostly recent, now and then quiet. */
function quietDays(stage: CaseStage, random: Random): number {
  switch (stage) {
    case 'triaged':
      return random.int(1, 4);
    case 'allocated':
      return random.int(1, 16);
    case 'first_contact':
      return random.int(1, 10);
    case 'active':
      // Now and then a case has gone quiet for a month: the daily reminder job flags it.
      return random.chance(0.1) ? random.int(29, 40) : random.int(1, 12);
    default:
      return random.int(20, 330);
  }
}

interface Slot {
  stage: CaseStage;
  fit: StoryFit;
  worker: Member | null;
}

function slotsOf(pcn: DemoPcn, random: Random): Slot[] {
  const roster = ROSTERS.find((r) => r.slug === pcn.slug);
  if (!roster) return [];
  const member = (name: string) => {
    const m = pcn.team.find((t) => t.name === name);
    if (!m) throw new Error(`demo roster names ${name}, who is not in the ${pcn.slug} team`);
    return m;
  };
  const slots: Slot[] = [];
  for (const w of roster.workers) {
    const worker = member(w.name);
    const fit = FIT_OF_ROLE[worker.role];
    const add = (stage: CaseStage, n: number) => {
      for (let i = 0; i < n; i++) slots.push({ stage, fit, worker });
    };
    add('allocated', w.allocated);
    add('first_contact', w.firstContact);
    add('active', w.active);
    add('discharged', w.discharged);
  }
  const waiting: StoryFit[] = ['coach', 'link', 'coordinator'];
  for (let i = 0; i < roster.triaged; i++)
    slots.push({ stage: 'triaged', fit: waiting[i % 3] as StoryFit, worker: null });
  for (const stage of roster.closedAtTriage) slots.push({ stage, fit: random.pick(waiting), worker: null });
  const linkWorker = pcn.team.find((t) => t.role === 'link_worker');
  for (let i = 0; i < roster.notContactable; i++)
    slots.push({ stage: 'not_contactable', fit: 'link', worker: linkWorker ?? null });
  return slots;
}

/** Everyone's demo cases, PCN by PCN, the same on every fresh start but for the dates. */
export function planDemoCases(pcns: DemoPcn[], now: Date): DemoCaseOfPcn[] {
  const peopleSoFar = { female: 0, male: 0 };
  const cases: DemoCaseOfPcn[] = [];
  for (const pcn of pcns) {
    const roster = ROSTERS.find((r) => r.slug === pcn.slug);
    const lead = pcn.team.find((t) => t.role === 'team_lead');
    if (!roster || !lead) continue;
    const random = seededRandom(seedOf(pcn.slug));
    const slots = slotsOf(pcn, random);
    const storyTurn: Record<StoryFit, number> = {
      coach: random.int(0, 4),
      link: random.int(0, 5),
      coordinator: random.int(0, 3),
    };
    // The k-th discharge of the PCN falls in the k-th stretch of the year; shuffled, so each
    // worker's discharges are spread over the year too.
    const discharged = slots.filter((s) => s.stage === 'discharged').length;
    const stretches = Array.from({ length: discharged }, (_, k) => k);
    for (let i = stretches.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [stretches[i], stretches[j]] = [stretches[j] as number, stretches[i] as number];
    }
    let dischargedSoFar = 0;
    for (const slot of slots) {
      const stories = storiesFor(slot.fit);
      const story = stories[storyTurn[slot.fit]++ % stories.length] as Story;
      const person = demoPerson(peopleSoFar[story.sex]++, story, pcn.slug, random, now);
      const roll = random.next();
      const source: ReferralSource = roll < 0.8 ? 'practice' : roll < 0.9 ? 'professional' : 'self';
      const practiceCode = source === 'practice' ? random.pick(roster.practices) : null;
      const practice = practiceCode ? pcn.practices.get(practiceCode) : undefined;
      const registeredPracticeCode = practiceCode ?? random.pick(roster.practices);
      const referrer =
        source === 'professional'
          ? random.pick(PROFESSIONALS)
          : practice && !practice.referrerUserId
            ? { name: random.pick(CLINICIANS), organisation: practice.name, contact: '01632 960 610' }
            : null;
      const setting: CaseSetting = {
        stage: slot.stage,
        story,
        person,
        worker: slot.worker,
        lead,
        referral: {
          source,
          practiceCode,
          registeredPracticeCode,
          referrerUserId: practice?.referrerUserId ?? null,
          referrer,
        },
        quietDays: quietDays(slot.stage, random),
        now,
        random,
      };
      if (slot.stage === 'discharged') {
        const n = dischargedSoFar++;
        const k = stretches[n] as number;
        setting.discharge = {
          daysAgo: 3 + Math.round(((k + random.next()) / discharged) * 300),
          reason: ENDINGS[n % ENDINGS.length] as DischargeReason,
        };
      }
      cases.push({ ...buildCase(setting), pcnSlug: pcn.slug });
    }
  }
  return cases;
}
