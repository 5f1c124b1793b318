import type { ImpactFigures, MeasureChangeRow } from '../../../../common/impact.js';
import { type Measure, ONS4_ITEMS } from '../../../../common/outcome-measures.js';
import { countFigure, statisticFigure } from '../../../../common/suppression.js';
import type { AttendanceGroup, ReferralGroup } from './impact.repository.js';

// Who is looking decides which figures are shown as they are (shared/reference/nhs-data.md:
// "inside a PCN team, its own figures are shown unsuppressed"):
// - a VCS partner looking at its own organisation: the referrals it received, its answers, the
//   attendance it recorded and the outcomes it closed with are its own records (it sees each in
//   its inbox), so they are exact. Signposts and outcome measures are the PCN teams' records,
//   which the partner never sees one by one, so they follow the small-number rule.
// - staff (ICB-wide commissioners and admins, a PCN's lead or care coordinator): the rule applies
//   to every figure, except a group whose records are all the viewer's own PCN's.
export type Viewer = { kind: 'partner' } | { kind: 'staff'; ownPcnId: string | null };

/** Whether a group's records may be shown as they are to this viewer. */
function exactFor(viewer: Viewer, groups: readonly ({ own: boolean } | undefined)[]): boolean {
  if (viewer.kind === 'partner') return true;
  return viewer.ownPcnId !== null && groups.every((g) => g === undefined || g.own);
}

export function figuresOf(
  viewer: Viewer,
  referrals: ReferralGroup | undefined,
  attendance: AttendanceGroup | undefined,
): ImpactFigures {
  const exact = exactFor(viewer, [referrals, attendance]);
  const answered = referrals?.answered ?? 0;
  const acceptedPercent = answered > 0 ? Math.round(((referrals?.accepted ?? 0) / answered) * 100) : null;
  const median = referrals?.medianReplyWorkingDays ?? null;
  // Signposts never reach the organisation: for a partner they are the teams' records.
  const signpostsExact = viewer.kind === 'partner' ? false : exact;
  return {
    referrals: countFigure(referrals?.referrals ?? 0, exact),
    acceptedPercent: statisticFigure(acceptedPercent, answered, exact),
    medianReplyWorkingDays: statisticFigure(median === null ? null : Math.round(median * 10) / 10, answered, exact),
    peopleAttended: countFigure(attendance?.people ?? 0, exact),
    sessionsAttended: countFigure(attendance?.sessions ?? 0, exact),
    signposts: countFigure(referrals?.signposts ?? 0, signpostsExact),
    exact,
  };
}

/** Every month from `from` to `to` (YYYY-MM), so that the chart shows empty months too. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** The first day of the month `back` months before the month of `isoDate`. */
export function firstOfMonthBefore(isoDate: string, back: number): string {
  const index = Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The measures whose change is shown (issue 12): not PAM, which is the licensed tool's. */
export const CHANGE_MEASURES = ['swemwbs', 'ons4', 'ucla3'] as const satisfies readonly Measure[];

/** Their indicators, in the order shown (keys as scoring.ts names them). */
export const CHANGE_INDICATORS: readonly { measure: Measure; key: string; label: string }[] = [
  { measure: 'swemwbs', key: 'metric', label: 'SWEMWBS metric score' },
  ...ONS4_ITEMS.map((i) => ({
    measure: 'ons4' as const,
    key: i.key as string,
    label: `ONS4 ${i.short.toLowerCase()}${i.key === 'anxious' ? ' (lower is better)' : ''}`,
  })),
  { measure: 'ucla3', key: 'total', label: 'UCLA-3 loneliness (lower is better)' },
];

export interface PersonChange {
  pcnId: string;
  measure: Measure;
  key: string;
  label: string;
  direction: 'improved' | 'unchanged' | 'worsened';
}

/**
 * Counts of people whose score improved, stayed the same or got worse, per indicator. Outcome
 * measures are the teams' records: exact only for a team looking at its own PCN's people.
 */
export function measureChangeRows(
  viewer: Viewer,
  changes: readonly PersonChange[],
  indicators: readonly { measure: Measure; key: string; label: string }[],
): MeasureChangeRow[] {
  return indicators.map((indicator) => {
    const mine = changes.filter((c) => c.measure === indicator.measure && c.key === indicator.key);
    const exact = viewer.kind === 'staff' && viewer.ownPcnId !== null && mine.every((c) => c.pcnId === viewer.ownPcnId);
    const count = (direction?: PersonChange['direction']) =>
      countFigure(direction ? mine.filter((c) => c.direction === direction).length : mine.length, exact);
    return {
      measure: indicator.measure,
      key: indicator.key,
      label: indicator.label,
      people: count(),
      improved: count('improved'),
      unchanged: count('unchanged'),
      worsened: count('worsened'),
      exact,
    };
  });
}
