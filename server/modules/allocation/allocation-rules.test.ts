import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseloadRole,
  capacityOf,
  choiceWarnings,
  coverWarning,
  planAllocations,
  type ReferralForAllocation,
  suggestAllocation,
  type TeamMemberForAllocation,
} from './allocation-rules.js';

let seq = 0;
function member(
  name: string,
  role: CaseloadRole,
  extra: Partial<Omit<TeamMemberForAllocation, 'name' | 'role'>> = {},
): TeamMemberForAllocation {
  return {
    id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    name,
    role,
    fte: 1,
    caseloadCapacity: 20,
    openCases: 5,
    languages: [],
    onLeaveUntil: null,
    ...extra,
  };
}

function referral(extra: Partial<ReferralForAllocation> = {}): ReferralForAllocation {
  return {
    id: 'r1',
    complexity: 'low',
    predictedPam: 3,
    signpostingOnly: false,
    recommendedRole: null,
    language: 'English',
    interpreterNeeded: false,
    previousWorkerIds: [],
    ...extra,
  };
}

// A small PCN team used by most cases: one of each role, everyone with room.
const lead = member('Priya Lead', 'team_lead', { caseloadCapacity: 15, openCases: 10 });
const tom = member('Tom Link', 'link_worker', { openCases: 5 });
const hannah = member('Hannah Link', 'link_worker', { fte: 0.6, caseloadCapacity: 40, openCases: 20 });
const aisha = member('Aisha Coach', 'health_coach', { openCases: 8 });
const ben = member('Ben Coordinator', 'care_coordinator', { openCases: 4 });
const team = [lead, tom, hannah, aisha, ben];

interface RuleCase {
  rule: string;
  referral: Partial<ReferralForAllocation>;
  team: TeamMemberForAllocation[];
  expected: string | null;
  reason: RegExp;
}

const away = (m: TeamMemberForAllocation, until = '2099-03-12') => ({ ...m, onLeaveUntil: until });

const CASES: RuleCase[] = [
  {
    rule: 'high complexity → health and wellbeing coach',
    referral: { complexity: 'high', predictedPam: 4 },
    team,
    expected: aisha.name,
    reason: /High complexity/,
  },
  {
    rule: 'predicted PAM level 1 → health and wellbeing coach',
    referral: { complexity: 'low', predictedPam: 1 },
    team,
    expected: aisha.name,
    reason: /PAM level 1/,
  },
  {
    rule: 'predicted PAM level 2 → health and wellbeing coach',
    referral: { complexity: 'medium', predictedPam: 2, signpostingOnly: true },
    team,
    expected: aisha.name,
    reason: /PAM level 2/,
  },
  {
    rule: 'simple signposting → care coordinator',
    referral: { complexity: 'low', predictedPam: 3, signpostingOnly: true },
    team,
    expected: ben.name,
    reason: /signposting/,
  },
  {
    rule: 'other non-complex → link worker (the one with most spare capacity)',
    referral: { complexity: 'medium', predictedPam: 3 },
    team,
    expected: tom.name,
    reason: /Not complex.*link workers/,
  },
  {
    rule: 'the team lead keeps a link worker caseload and can take link worker cases',
    referral: {},
    team: [{ ...lead, openCases: 0 }, { ...tom, openCases: 19 }, aisha],
    expected: lead.name,
    reason: /most spare capacity/,
  },
  {
    rule: "the lead's recommended role at triage wins over the rules, and says so",
    referral: { complexity: 'high', recommendedRole: 'link_worker' },
    team,
    expected: tom.name,
    reason: /Recommended at triage: a link worker \(the rules alone would suggest a health and wellbeing coach\)/,
  },
  {
    rule: 'never anyone on leave today',
    referral: {},
    team: [away(tom), hannah, aisha, ben],
    expected: hannah.name,
    reason: /Tom Link is on leave until 12 March 2099/,
  },
  {
    rule: "the care coordinator covers when the preferred role's people are all away",
    referral: { complexity: 'high' },
    team: [tom, away(aisha), ben],
    expected: ben.name,
    reason: /Every health and wellbeing coach is on leave today, so the care coordinators cover/,
  },
  {
    rule: 'when the care coordinators are away, a link worker takes signposting',
    referral: { signpostingOnly: true },
    team: [tom, aisha, away(ben)],
    expected: tom.name,
    reason: /Every care coordinator is on leave today, so the link workers cover/,
  },
  {
    rule: 'open cases must stay under capacity × FTE (0.5 × 20 = 10: full at 10)',
    referral: {},
    team: [
      member('Ann Part-time', 'link_worker', { fte: 0.5, caseloadCapacity: 20, openCases: 10 }),
      member('Zoe Full-time', 'link_worker', { fte: 1, caseloadCapacity: 20, openCases: 19 }),
    ],
    expected: 'Zoe Full-time',
    reason: /Ann Part-time is at capacity/,
  },
  {
    rule: 'continuity: a worker who worked with this person before is preferred',
    referral: { previousWorkerIds: [hannah.id] },
    team,
    expected: hannah.name,
    reason: /Hannah Link has worked with this person before/,
  },
  {
    rule: 'continuity gives way when the previous worker has no room',
    referral: { previousWorkerIds: [hannah.id] },
    team: [tom, { ...hannah, openCases: 24 }],
    expected: tom.name,
    reason: /continuity was not possible/,
  },
  {
    rule: 'language: an interpreter is needed → a worker who speaks the language',
    referral: { language: 'Polish', interpreterNeeded: true },
    team: [tom, { ...hannah, languages: ['Polish'] }],
    expected: hannah.name,
    reason: /Hannah Link speaks Polish: the person speaks Polish, and needs an interpreter/,
  },
  {
    rule: 'language: not English (no interpreter asked) → a worker who speaks it',
    referral: { language: 'urdu' },
    team: [tom, { ...hannah, languages: ['Urdu'] }],
    expected: hannah.name,
    reason: /Hannah Link speaks urdu/,
  },
  {
    rule: 'language: English needs no match (capacity decides)',
    referral: { language: 'English' },
    team: [tom, { ...hannah, languages: ['English'] }],
    expected: tom.name,
    reason: /most spare capacity/,
  },
  {
    rule: 'ties broken by name',
    referral: {},
    team: [member('Zara Link', 'link_worker'), member('Adam Link', 'link_worker')],
    expected: 'Adam Link',
    reason: /Tied with Zara Link: chosen by name/,
  },
  {
    rule: 'nobody suitable has room → the least loaded, flagged over capacity',
    referral: {},
    team: [{ ...tom, openCases: 21 }, { ...hannah, openCases: 24 }, ben],
    expected: hannah.name,
    reason: /Nobody suitable has room/,
  },
  {
    rule: 'nobody available at all → no suggestion, said in words',
    referral: { complexity: 'high' },
    team: [away(aisha), away(ben), tom],
    expected: null,
    reason: /Nobody can take this now/,
  },
];

describe('allocation rules (one case per rule)', () => {
  it.each(CASES)('$rule', ({ referral: r, team: t, expected, reason }) => {
    const suggestion = suggestAllocation(referral(r), t);
    expect(suggestion.worker?.name ?? null).toBe(expected);
    expect(suggestion.reasons.join('\n')).toMatch(reason);
    // The answer never depends on the order the team is listed in.
    expect(suggestAllocation(referral(r), [...t].reverse())).toEqual(suggestion);
  });

  it('flags the over-capacity suggestion and lists the others as alternatives', () => {
    const s = suggestAllocation(referral(), [
      { ...tom, openCases: 21 },
      { ...hannah, openCases: 24 },
    ]);
    expect(s.worker).toMatchObject({ name: hannah.name, overCapacity: true, openCases: 24, capacity: 24 });
    expect(s.alternatives).toEqual([expect.objectContaining({ name: tom.name, overCapacity: true })]);
  });

  it('capacity × FTE is rounded down in whole hundredths (100 × 0.29 = 29, not 28)', () => {
    expect(capacityOf({ caseloadCapacity: 100, fte: 0.29 })).toBe(29);
    expect(capacityOf({ caseloadCapacity: 25, fte: 0.8 })).toBe(20);
    expect(capacityOf({ caseloadCapacity: 40, fte: 0.6 })).toBe(24);
    expect(capacityOf({ caseloadCapacity: 7, fte: 0.5 })).toBe(3);
    expect(capacityOf({ caseloadCapacity: null, fte: 1 })).toBe(0);
  });

  it('allocate all balances: the ones just planned count towards each load', () => {
    const a = member('Amy Link', 'link_worker', { openCases: 0, caseloadCapacity: 10 });
    const b = member('Bob Link', 'link_worker', { openCases: 2, caseloadCapacity: 10 });
    const plan = planAllocations(
      ['1', '2', '3', '4', '5', '6'].map((id) => referral({ id })),
      [a, b],
    );
    expect(plan.map((p) => p.suggestion.worker?.name)).toEqual([
      'Amy Link',
      'Amy Link',
      'Amy Link', // 8 spare each: tie, by name
      'Bob Link',
      'Amy Link',
      'Bob Link',
    ]);
  });
});

// ---- Property: for random teams and queues ----

const ROLES: CaseloadRole[] = ['team_lead', 'link_worker', 'health_coach', 'care_coordinator'];
const LANGUAGES = ['English', 'Polish', 'Urdu', 'Welsh'];

const arbMember = fc.record({
  name: fc.constantFrom('Ada', 'Ben', 'Cal', 'Dee', 'Eve', 'Fin', 'Gus', 'Hal'),
  role: fc.constantFrom(...ROLES),
  fte: fc.option(fc.constantFrom(0.2, 0.29, 0.5, 0.6, 0.8, 1), { nil: null, freq: 8 }),
  caseloadCapacity: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null, freq: 8 }),
  openCases: fc.integer({ min: 0, max: 10 }),
  languages: fc.subarray(LANGUAGES.slice(1)),
  onLeave: fc.boolean(),
});

const arbTeam = fc.array(arbMember, { minLength: 1, maxLength: 7 }).map((ms) =>
  ms.map(
    (m, i): TeamMemberForAllocation => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: m.name,
      role: m.role,
      fte: m.fte,
      caseloadCapacity: m.caseloadCapacity,
      openCases: m.openCases,
      languages: m.languages,
      onLeaveUntil: m.onLeave ? '2099-01-31' : null,
    }),
  ),
);

const arbReferrals = fc.array(
  fc.record({
    complexity: fc.option(fc.constantFrom('low', 'medium', 'high' as const), { nil: null }),
    predictedPam: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    signpostingOnly: fc.boolean(),
    recommendedRole: fc.option(fc.constantFrom('link_worker', 'health_coach', 'care_coordinator' as const), {
      nil: null,
      freq: 3,
    }),
    language: fc.constantFrom(...LANGUAGES),
    interpreterNeeded: fc.boolean(),
    previous: fc.subarray([0, 1, 2, 3, 4, 5, 6]),
  }),
  { maxLength: 25 },
);

/** An oracle written apart from the implementation: who is suitable for a referral. */
function suitableByOracle(r: ReferralForAllocation, team: TeamMemberForAllocation[]): TeamMemberForAllocation[] {
  const wanted =
    r.recommendedRole ??
    (r.complexity === 'high' || r.predictedPam === 1 || r.predictedPam === 2
      ? 'health_coach'
      : r.signpostingOnly
        ? 'care_coordinator'
        : 'link_worker');
  const does = (m: TeamMemberForAllocation, role: string) =>
    m.role === role || (role === 'link_worker' && m.role === 'team_lead');
  const here = team.filter((m) => m.onLeaveUntil === null);
  const first = here.filter((m) => does(m, wanted));
  if (first.length > 0) return first;
  return here.filter((m) => does(m, wanted === 'care_coordinator' ? 'link_worker' : 'care_coordinator'));
}

// Issue 16: skills and specialisms from the team profile, matched to the referral's reasons.
describe('skills and languages from the team profile', () => {
  const debt = { label: 'Debt and benefits', reasonCodes: ['debt', 'money', 'benefits'] };
  const housing = { label: 'Housing', reasonCodes: ['housing'] };
  const mental = { label: 'Mental health', reasonCodes: ['low_mood', 'anxiety', 'stress'] };
  // Tom has more spare capacity (15) than Hannah (4): capacity alone would choose Tom.

  it('prefers a worker whose skills suit the reasons over more spare capacity, and says so', () => {
    const s = suggestAllocation(referral({ reasons: ['debt', 'anxiety'] }), [tom, { ...hannah, skills: [debt] }]);
    expect(s.worker?.name).toBe(hannah.name);
    expect(s.reasons).toContain(
      'Hannah Link has skills in Debt and benefits, which suit the reasons for referral (the closest match among suitable colleagues with room).',
    );
    expect(s.alternatives[0]?.name).toBe(tom.name);
  });

  it('more matching skills rank first; a skill that suits no reason counts for nothing', () => {
    const s = suggestAllocation(referral({ reasons: ['debt', 'housing'] }), [
      { ...tom, skills: [debt, mental] },
      { ...hannah, skills: [debt, housing] },
    ]);
    expect(s.worker?.name).toBe(hannah.name);
    expect(s.reasons.join(' ')).toMatch(/skills in Debt and benefits and Housing/);
    expect(s.alternatives[0]?.note).toMatch(/skills: Debt and benefits$/);
  });

  it('no matching skill anywhere: capacity decides and nothing is said about skills', () => {
    const s = suggestAllocation(referral({ reasons: ['frailty'] }), [tom, { ...hannah, skills: [debt] }]);
    expect(s.worker?.name).toBe(tom.name);
    expect(s.reasons.join(' ')).not.toMatch(/skill/);
  });

  it('language comes before skills: the Polish speaker is chosen over the debt specialist', () => {
    const s = suggestAllocation(referral({ reasons: ['debt'], language: 'Polish', interpreterNeeded: true }), [
      { ...tom, skills: [debt] },
      { ...hannah, languages: ['polish'] },
    ]);
    expect(s.worker?.name).toBe(hannah.name);
    expect(s.reasons.join(' ')).toMatch(/Hannah Link speaks Polish/);
    expect(s.reasons.join(' ')).toMatch(/ranked lower for continuity or language/);
  });

  it('speaking the language and having the skill: both are said', () => {
    const s = suggestAllocation(referral({ reasons: ['money'], language: 'Urdu' }), [
      tom,
      { ...hannah, languages: ['Urdu'], skills: [debt] },
    ]);
    expect(s.worker?.name).toBe(hannah.name);
    expect(s.reasons.join(' ')).toMatch(
      /Hannah Link speaks Urdu: the person speaks Urdu\..*has skills in Debt and benefits/,
    );
  });

  it('a skilled worker at capacity is not chosen over a colleague with room', () => {
    const full = { ...hannah, openCases: 24, skills: [debt] };
    const s = suggestAllocation(referral({ reasons: ['debt'] }), [tom, full]);
    expect(s.worker?.name).toBe(tom.name);
    expect(s.alternatives[0]).toMatchObject({ name: hannah.name, overCapacity: true });
  });
});

describe("the lead's own choices (allocate all, cover)", () => {
  it('says when a chosen worker is not of the role the rules give the referral, and why', () => {
    expect(choiceWarnings(referral({ complexity: 'high' }), team, ben)).toEqual([
      'Ben Coordinator is a care coordinator, but the rules give this referral to a health and wellbeing coach. High complexity: complex cases go to a health and wellbeing coach.',
    ]);
    // The lead is the senior link worker: a link worker case is theirs to take, no warning.
    expect(choiceWarnings(referral(), team, lead)).toEqual([]);
    expect(choiceWarnings(referral({ recommendedRole: 'care_coordinator' }), team, tom)).toEqual([
      'Tom Link is a link worker, but the rules give this referral to a care coordinator. A lead recommended it at triage.',
    ]);
  });

  it('says when the choice goes over capacity × FTE, counting the case itself', () => {
    expect(choiceWarnings(referral(), team, { ...hannah, openCases: 23 })).toEqual([]);
    expect(choiceWarnings(referral(), team, { ...hannah, openCases: 24 })).toEqual([
      'Hannah Link would have 25 open cases, over their capacity of 24 (caseload capacity × FTE).',
    ]);
  });

  it('warns only when a high-complexity or PAM level 1 case would go to a care coordinator', () => {
    const cc = { name: 'Ben Coordinator', role: 'care_coordinator' };
    expect(coverWarning({ complexity: 'high', predictedPam: 3 }, cc)).toMatch(
      /^High complexity.*Ben Coordinator is a care coordinator\.$/,
    );
    expect(coverWarning({ complexity: 'low', predictedPam: 1 }, cc)).toMatch(/^Predicted PAM level 1/);
    // PAM 2 goes to a coach by the rules, but a care coordinator can hold it for a while.
    expect(coverWarning({ complexity: 'medium', predictedPam: 2 }, cc)).toBeNull();
    expect(coverWarning({ complexity: 'high', predictedPam: 1 }, { name: 'Tom', role: 'link_worker' })).toBeNull();
  });
});

describe('allocate all (property)', () => {
  it('nobody goes over capacity while a suitable colleague had room; nobody on leave; same input, same output', () => {
    fc.assert(
      fc.property(arbTeam, arbReferrals, fc.integer(), (team, rs, seed) => {
        const referrals = rs.map(
          (r, i): ReferralForAllocation => ({
            id: `r${i}`,
            complexity: r.complexity,
            predictedPam: r.predictedPam,
            signpostingOnly: r.signpostingOnly,
            recommendedRole: r.recommendedRole,
            language: r.language,
            interpreterNeeded: r.interpreterNeeded,
            previousWorkerIds: r.previous.filter((i) => i < team.length).map((i) => (team[i] as { id: string }).id),
          }),
        );
        const plan = planAllocations(referrals, team);
        const load = new Map(team.map((m) => [m.id, m.openCases]));
        const byId = new Map(team.map((m) => [m.id, m]));
        for (const [i, step] of plan.entries()) {
          const r = referrals[i] as ReferralForAllocation;
          const suitable = suitableByOracle(r, team);
          const worker = step.suggestion.worker;
          if (suitable.length === 0) {
            expect(worker).toBeNull();
            continue;
          }
          expect(worker).not.toBeNull();
          const chosen = byId.get(worker?.id as string) as TeamMemberForAllocation;
          // Nobody on leave is allocated, and only a suitable person is.
          expect(chosen.onLeaveUntil).toBeNull();
          expect(suitable.map((m) => m.id)).toContain(chosen.id);
          const before = load.get(chosen.id) as number;
          if (before >= capacityOf(chosen)) {
            // Over capacity only when no suitable colleague had room at that moment.
            for (const m of suitable) expect(load.get(m.id) as number).toBeGreaterThanOrEqual(capacityOf(m));
            expect(worker?.overCapacity).toBe(true);
          }
          load.set(chosen.id, before + 1);
        }
        // Deterministic: the same input (in any order of the team) gives the same plan.
        const shuffled = fc.sample(fc.shuffledSubarray(team, { minLength: team.length }), { seed, numRuns: 1 })[0];
        expect(planAllocations(referrals, shuffled as TeamMemberForAllocation[])).toEqual(plan);
        expect(planAllocations(referrals, team)).toEqual(plan);
      }),
      { numRuns: 300 },
    );
  });
});
