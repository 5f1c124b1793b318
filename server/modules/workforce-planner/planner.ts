import {
  COMPLEXITIES,
  PLANNED_ROLE_LABELS,
  PLANNED_ROLES,
  type PlannedRole,
  type PlannerInputs,
  type PlannerResult,
  type RoleResult,
} from '../../../common/workforce-planner.js';

// The planner's arithmetic, and nothing else: no database, no clock (planner.test.ts works a
// whole example by hand). The model, per role r:
//
//   referrals a month      R  = base × (1 + change / 100)
//   new cases a month      N  = R × accepted / 100
//   share of cases         s_r = Σ_c mix[r][c] / Σ all mix          (c: low, medium, high)
//   new cases of r         N_r = N × s_r
//   contacts per case      K_r = Σ_c mix[r][c] × contactsPerCase[c] / Σ_c mix[r][c]
//   months a case is open  M_r = K_r / contactsPerMonth              (how often an open case is seen)
//   open cases             O_r = N_r × M_r                           (steady state: Little's law)
//   WTE needed             W_r = O_r / caseloadPerWte[r]
//
// Cost per WTE at the role's pay point S: employer NI = max(0, S − threshold) × NI rate, employer
// pension = S × pension rate; cost = S + NI + pension; the role's cost = W_r × cost per WTE.
// ARRS reimburses actual salary plus those on-costs up to a maximum per WTE: reimbursable =
// W_r × min(cost per WTE, maximum); what it would not meet = cost − reimbursable.
//
// A figure that is not entered (null) is never taken as 0: the parts that need it are null and a
// warning says which figure is missing; a figure not confirmed is used, with a warning.

export interface RateFigure {
  amount: number | null;
  verified: boolean;
  label: string;
}

/** The rates of the scenario's year, by code (see RATE_CODE). */
export type RatesOfYear = ReadonlyMap<string, RateFigure>;

/** Today's team, by role: whole-time equivalents in post. */
export type TeamToday = Readonly<Record<PlannedRole, number>>;

const pence = (n: number) => Math.round(n * 100) / 100;
const hundredths = (n: number) => Math.round(n * 100) / 100;
const sumOrNull = (values: (number | null)[]) =>
  values.some((v) => v === null) ? null : pence(values.reduce<number>((s, v) => s + (v ?? 0), 0));

export function bandOfPayPoint(code: string): string {
  return code.split(':')[1] ?? '';
}

export function planWorkforce(inputs: PlannerInputs, rates: RatesOfYear, today: TeamToday): PlannerResult {
  const warnings: string[] = [];
  const used = new Set<string>();
  const figure = (code: string): number | null => {
    const rate = rates.get(code);
    if (!rate || rate.amount === null) {
      if (!used.has(code)) warnings.push(`${rate?.label ?? code} for ${inputs.year} is not entered: it is left out.`);
      used.add(code);
      return null;
    }
    if (!rate.verified && !used.has(code)) {
      warnings.push(`${rate.label} for ${inputs.year} is not confirmed against its source.`);
    }
    used.add(code);
    return rate.amount;
  };

  const referralsPerMonth = inputs.referralsPerMonth * (1 + inputs.changePercent / 100);
  const newCases = (referralsPerMonth * inputs.acceptedPercent) / 100;
  const weightOf = (role: PlannedRole) => COMPLEXITIES.reduce((s, c) => s + inputs.mix[role][c], 0);
  const allWeight = PLANNED_ROLES.reduce((s, r) => s + weightOf(r), 0);

  const niRate = figure('oncost:ni_rate');
  const niThreshold = figure('oncost:ni_threshold');
  const pensionRate = figure('oncost:pension_rate');

  const roles: RoleResult[] = PLANNED_ROLES.map((role) => {
    const weight = weightOf(role);
    const share = allWeight === 0 ? 0 : weight / allWeight;
    const cases = newCases * share;
    const contactsPerCase =
      weight === 0 ? 0 : COMPLEXITIES.reduce((s, c) => s + inputs.mix[role][c] * inputs.contactsPerCase[c], 0) / weight;
    const monthsOpen = contactsPerCase / inputs.contactsPerMonth;
    const openCases = cases * monthsOpen;
    const wteNeeded = openCases / inputs.caseloadPerWte[role];

    const salary = figure(inputs.payPoint[role]);
    const employerNi =
      salary === null || niRate === null || niThreshold === null
        ? null
        : pence((Math.max(0, salary - niThreshold) * niRate) / 100);
    const employerPension = salary === null || pensionRate === null ? null : pence((salary * pensionRate) / 100);
    const costPerWte = sumOrNull([salary, employerNi, employerPension]);
    const totalCost = costPerWte === null ? null : pence(wteNeeded * costPerWte);
    const arrsMax = figure(`arrs:${role}`);
    const arrsReimbursable =
      costPerWte === null || arrsMax === null ? null : pence(wteNeeded * Math.min(costPerWte, arrsMax));
    const aboveArrs = totalCost === null || arrsReimbursable === null ? null : pence(totalCost - arrsReimbursable);
    const wteToday = today[role];

    return {
      role,
      label: PLANNED_ROLE_LABELS[role],
      band: bandOfPayPoint(inputs.payPoint[role]),
      sharePercent: hundredths(share * 100),
      newCasesPerMonth: hundredths(cases),
      contactsPerCase: hundredths(contactsPerCase),
      contactsPerMonth: hundredths(cases * contactsPerCase),
      monthsOpen: hundredths(monthsOpen),
      openCases: hundredths(openCases),
      wteNeeded: hundredths(wteNeeded),
      wteToday: hundredths(wteToday),
      wteGap: hundredths(wteNeeded - wteToday),
      salary,
      salaryCost: salary === null ? null : pence(wteNeeded * salary),
      employerNi,
      employerPension,
      costPerWte,
      totalCost,
      arrsMaxPerWte: arrsMax,
      arrsReimbursable,
      aboveArrs,
    };
  });

  const wteNeeded = hundredths(roles.reduce((s, r) => s + r.wteNeeded, 0));
  const wteToday = hundredths(roles.reduce((s, r) => s + r.wteToday, 0));
  return {
    year: inputs.year,
    referralsPerMonth: hundredths(referralsPerMonth),
    newCasesPerMonth: hundredths(newCases),
    roles,
    totals: {
      wteNeeded,
      wteToday,
      wteGap: hundredths(wteNeeded - wteToday),
      salaryCost: sumOrNull(roles.map((r) => r.salaryCost)),
      totalCost: sumOrNull(roles.map((r) => r.totalCost)),
      arrsReimbursable: sumOrNull(roles.map((r) => r.arrsReimbursable)),
      aboveArrs: sumOrNull(roles.map((r) => r.aboveArrs)),
    },
    warnings,
  };
}
