import type { CarePlanContent } from '../../../common/care-plan.js';
import { isoDay } from './calendar.js';
import type { Journey } from './journey.js';
import type { IcbRandom } from './random.js';
import type { TableWriter } from './table-writer.js';
import { CARE_PLAN_VERSIONS, CARE_PLANS } from './tables.js';

// A personalised care and support plan for most engaged cases: agreed at the second contact,
// then saved again at reviews with the person's progress towards their goals. One plan per
// person per PCN, as the app keeps it (a second referral carries on the same plan).

const MATTERS = [
  'Getting out of the house and seeing people again.',
  'Sorting out my money worries so I can sleep.',
  'Feeling fit enough to play with my grandchildren.',
  'Having a routine and something to look forward to each week.',
  'Staying in my own home and managing on my own.',
];
const GOALS = [
  'Go to a group once a week',
  'Walk to the park and back without stopping',
  'Get the benefits I am entitled to',
  'Make one new friend',
  'Cut down my debts to something I can manage',
  'Feel less anxious when I go out',
];

function content(
  random: IcbRandom,
  reasons: string[],
  agreed: number,
  savedAt: number,
  saves: number,
): CarePlanContent {
  const goals = [random.pick(GOALS), random.pick(GOALS)].filter((g, i, all) => all.indexOf(g) === i);
  return {
    whatMattersToMe: random.pick(MATTERS),
    strengths: 'Keen to make changes; supportive neighbour.',
    needs: reasons.slice(0, 3).map((domain) => ({ domain, notes: '' })),
    goals: goals.map((text) => ({
      text,
      targetDate: isoDay(agreed + 90 * 86_400_000),
      progress: Array.from({ length: saves - 1 }, (_, k) => ({
        date: isoDay(savedAt),
        score: Math.min(10, 2 + 3 * (k + 1) + random.int(-1, 1)),
        note: '',
      })),
    })),
    actions: [
      {
        who: 'Link worker',
        what: 'Find a local group and go along together the first time',
        byWhen: isoDay(agreed + 21 * 86_400_000),
        done: saves > 1,
      },
    ],
    ifThingsGetWorse: 'Call the team or my GP practice; NHS 111 out of hours.',
    agreedOn: isoDay(agreed),
    reviewOn: isoDay(agreed + 42 * 86_400_000),
  };
}

export function writeCarePlan(
  writer: TableWriter,
  random: IcbRandom,
  plans: Set<string>,
  j: Journey,
  worker: string,
  contactTimes: number[],
  end: number,
): void {
  const key = `${j.person.id}|${j.pcn.id}`;
  if (plans.has(key) || !random.chance(0.85)) return;
  plans.add(key);
  const agreed = contactTimes[1] as number;
  const saves = [agreed, contactTimes[Math.floor(contactTimes.length / 2)], end].filter(
    (t, i, all): t is number => t !== undefined && t >= agreed && (i === 0 || t > (all[i - 1] as number)),
  );
  const id = random.uuid();
  const { reasons } = j;
  writer.add(CARE_PLANS, [id, j.person.id, j.pcn.id, saves.length, new Date(agreed), new Date(saves.at(-1) as number)]);
  saves.forEach((at, v) => {
    writer.add(CARE_PLAN_VERSIONS, [
      id,
      v + 1,
      JSON.stringify(content(random, reasons, agreed, at, v + 1)),
      worker,
      new Date(at),
    ]);
  });
}
