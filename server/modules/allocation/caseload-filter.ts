import type { CaseloadShow, FirstContactDue, PlanReviewDue } from '../../../common/front-door-types.js';
import { referralReference } from '../../../common/referrals.js';

// Which of a worker's open cases the caseload shows: what to show, and a search by words of the
// name, an NHS number with or without spaces, or the reference read out on the phone
// ("WM-3F9A-C21B"). Pure, so the use-case can narrow hundreds of cases before it reads the details
// of the one page it answers with.

/** What "show" needs of a case. The two overdue details are read only when showing overdue ones. */
export interface ShowFacts {
  status: string;
  coverKind: 'covering' | 'covered' | null;
  firstContactDue: FirstContactDue;
  nextContactOverdue?: boolean;
  planReviewDue?: PlanReviewDue;
}

export function showsCase(show: CaseloadShow, c: ShowFacts): boolean {
  switch (show) {
    case 'waiting':
      return c.status === 'allocated';
    case 'under_way':
      return c.status !== 'allocated';
    case 'covering':
      return c.coverKind === 'covering';
    case 'overdue':
      return c.firstContactDue === 'overdue' || c.nextContactOverdue === true || c.planReviewDue === 'overdue';
    default:
      return true;
  }
}

const squash = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '');

/** The search, parsed once for a whole caseload; null when there is nothing to search by. */
export function caseloadSearch(text: string | undefined) {
  const words = (text ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const compact = squash(text ?? '');
  return (c: { id: string; givenName: string; familyName: string; nhsNumber: string | null }): boolean => {
    const name = `${c.givenName} ${c.familyName}`.toLowerCase();
    if (words.every((w) => name.includes(w))) return true;
    if (compact.length >= 3 && c.nhsNumber?.includes(compact)) return true;
    return compact.length >= 4 && squash(referralReference(c.id)).includes(compact);
  };
}
