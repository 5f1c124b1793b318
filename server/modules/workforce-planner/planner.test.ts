import { describe, expect, it } from 'vitest';
import type { PlannerInputs } from '../../../common/workforce-planner.js';
import { planWorkforce, type RateFigure } from './planner.js';

// A whole example worked by hand (pen and paper), then asked of planWorkforce.
//
// Demand: 100 referrals a month today, 20 % more → 120 a month; 75 % become cases → 90 new cases
// a month. Case mix (weights, 100 in all):
//   link worker:        low 40, medium 20          → 60 % of cases → 54 a month
//   coach:              medium 10, high 20         → 30 %          → 27 a month
//   care coordinator:   low 10                     → 10 %          →  9 a month
// Contacts per case: low 3, medium 6, high 9; an open case is seen twice a month.
//   link worker:  (40×3 + 20×6) / 60 = 240/60 = 4 contacts → open 4/2 = 2 months
//                 open cases 54 × 2 = 108; caseload 36 per WTE → 108/36 = 3.00 WTE
//   coach:        (10×6 + 20×9) / 30 = 240/30 = 8 contacts → open 4 months
//                 open cases 27 × 4 = 108; caseload 18 per WTE → 6.00 WTE
//   coordinator:  3 contacts → open 1.5 months; open cases 9 × 1.5 = 13.5; caseload 27 → 0.50 WTE
// Today's team: 2.0, 1.0 and 1.0 WTE → gaps +1.00, +5.00, −0.50; 3 + 6 + 0.5 = 9.50 needed against 4.00 (gap 5.50).
//
// Cost (test rates, not real ones: employer NI 15 % above £5,000, pension 20 %):
//   link worker at pay:5:3 £37,796: NI (37,796 − 5,000) × 15 % = 32,796 × 0.15 = £4,919.40;
//     pension 37,796 × 0.20 = £7,559.20; per WTE £50,274.60; × 3 = £150,823.80.
//     ARRS maximum £45,000 → reimbursable 3 × 45,000 = £135,000; above ARRS £15,823.80.
//   coach at pay:5:1 £31,049: NI 26,049 × 0.15 = £3,907.35; pension £6,209.80; per WTE
//     £41,166.15; × 6 = £246,996.90. ARRS maximum not entered → reimbursable unknown (null).
//   coordinator at pay:4:2 £30,162: NI 25,162 × 0.15 = £3,774.30; pension £6,032.40; per WTE
//     £39,968.70; × 0.5 = £19,984.35. ARRS maximum £38,000 → 0.5 × 38,000 = £19,000; above £984.35.
// Total cost £150,823.80 + £246,996.90 + £19,984.35 = £417,805.05; the ARRS totals are unknown
// (the coach's maximum is missing), and a warning says so.

const inputs: PlannerInputs = {
  year: '2025/26',
  referralsPerMonth: 100,
  changePercent: 20,
  acceptedPercent: 75,
  mix: {
    link_worker: { low: 40, medium: 20, high: 0 },
    health_coach: { low: 0, medium: 10, high: 20 },
    care_coordinator: { low: 10, medium: 0, high: 0 },
  },
  contactsPerCase: { low: 3, medium: 6, high: 9 },
  contactsPerMonth: 2,
  caseloadPerWte: { link_worker: 36, health_coach: 18, care_coordinator: 27 },
  payPoint: { link_worker: 'pay:5:3', health_coach: 'pay:5:1', care_coordinator: 'pay:4:2' },
};

const rate = (amount: number | null, label: string, verified = true): RateFigure => ({ amount, verified, label });
const rates = new Map<string, RateFigure>([
  ['pay:4:2', rate(30_162, 'Band 4, pay point 2')],
  ['pay:5:1', rate(31_049, 'Band 5, pay point 1')],
  ['pay:5:3', rate(37_796, 'Band 5, pay point 3')],
  ['oncost:ni_rate', rate(15, 'Employer National Insurance rate')],
  ['oncost:ni_threshold', rate(5_000, 'Employer National Insurance threshold')],
  ['oncost:pension_rate', rate(20, 'Employer pension contribution rate')],
  ['arrs:link_worker', rate(45_000, 'ARRS maximum, link worker')],
  ['arrs:health_coach', rate(null, 'ARRS maximum, health and wellbeing coach', false)],
  ['arrs:care_coordinator', rate(38_000, 'ARRS maximum, care coordinator')],
]);
const today = { link_worker: 2, health_coach: 1, care_coordinator: 1 };

describe('planWorkforce, against the example worked by hand', () => {
  const result = planWorkforce(inputs, rates, today);
  const role = (r: string) => result.roles.find((x) => x.role === r);

  it('turns 20 % more referrals into cases, open cases and WTE per role', () => {
    expect(result.referralsPerMonth).toBe(120);
    expect(result.newCasesPerMonth).toBe(90);
    expect(role('link_worker')).toMatchObject({
      sharePercent: 60,
      newCasesPerMonth: 54,
      contactsPerCase: 4,
      monthsOpen: 2,
      openCases: 108,
      wteNeeded: 3,
      wteToday: 2,
      wteGap: 1,
    });
    expect(role('health_coach')).toMatchObject({
      contactsPerCase: 8,
      monthsOpen: 4,
      openCases: 108,
      wteNeeded: 6,
      wteGap: 5,
    });
    expect(role('care_coordinator')).toMatchObject({ monthsOpen: 1.5, openCases: 13.5, wteNeeded: 0.5, wteGap: -0.5 });
    expect(result.totals).toMatchObject({ wteNeeded: 9.5, wteToday: 4, wteGap: 5.5 });
  });

  it('costs each role at its band with employer NI above the threshold and pension', () => {
    expect(role('link_worker')).toMatchObject({
      band: '5',
      salary: 37_796,
      salaryCost: 113_388, // 3 × 37,796
      employerNi: 4_919.4,
      employerPension: 7_559.2,
      costPerWte: 50_274.6,
      totalCost: 150_823.8,
      arrsMaxPerWte: 45_000,
      arrsReimbursable: 135_000,
      aboveArrs: 15_823.8,
    });
    expect(role('health_coach')).toMatchObject({ costPerWte: 41_166.15, totalCost: 246_996.9 });
    expect(role('care_coordinator')).toMatchObject({
      band: '4',
      costPerWte: 39_968.7,
      totalCost: 19_984.35,
      arrsReimbursable: 19_000,
      aboveArrs: 984.35,
    });
    expect(result.totals.totalCost).toBe(417_805.05);
  });

  it('never takes a missing ARRS maximum as 0: the comparison is unknown and a warning says why', () => {
    expect(role('health_coach')).toMatchObject({ arrsMaxPerWte: null, arrsReimbursable: null, aboveArrs: null });
    expect(result.totals.arrsReimbursable).toBeNull();
    expect(result.warnings).toEqual([
      'ARRS maximum, health and wellbeing coach for 2025/26 is not entered: it is left out.',
    ]);
  });

  it('leaves the cost unknown without an on-cost rate, and warns once about an unconfirmed figure', () => {
    const without = new Map(rates);
    without.set('oncost:pension_rate', rate(null, 'Employer pension contribution rate', false));
    without.set('pay:5:3', rate(37_796, 'Band 5, pay point 3', false));
    const r = planWorkforce(inputs, without, today);
    expect(r.roles.every((x) => x.employerPension === null && x.costPerWte === null && x.totalCost === null)).toBe(
      true,
    );
    expect(r.roles[0]?.salary).toBe(37_796);
    // Salaries alone stay known: 3 × 37,796 + 6 × 31,049 + 0.5 × 30,162 = 113,388 + 186,294 + 15,081.
    expect(r.totals.salaryCost).toBe(314_763);
    expect(r.totals.totalCost).toBeNull();
    expect(r.warnings.filter((w) => w.includes('pension'))).toHaveLength(1);
    expect(r.warnings).toContain('Band 5, pay point 3 for 2025/26 is not confirmed against its source.');
    // WTE does not depend on money.
    expect(r.totals.wteNeeded).toBe(9.5);
  });

  it('takes no NI below the threshold, and scales WTE with demand', () => {
    const low = new Map(rates);
    low.set('oncost:ni_threshold', rate(40_000, 'Employer National Insurance threshold'));
    expect(planWorkforce(inputs, low, today).roles[0]?.employerNi).toBe(0);
    // 140 % more: 240 a month, 2.4 times today, twice the example's 120: twice its 9.5 WTE.
    const double = planWorkforce({ ...inputs, changePercent: 140 }, rates, today);
    expect(double.totals.wteNeeded).toBe(19);
    const none = planWorkforce({ ...inputs, changePercent: -100 }, rates, today);
    expect(none.totals).toMatchObject({ wteNeeded: 0, totalCost: 0 });
  });
});
