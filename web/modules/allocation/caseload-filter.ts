import type { CaseloadItem } from '../../../common/front-door-types';
import { referralReference } from '../../../common/referrals';

export const CASELOAD_SHOWS = {
  all: 'All open cases',
  waiting: 'Waiting for first contact',
  overdue: 'Something overdue (first contact, a booked contact or a plan review)',
  under_way: 'Support under way',
  covering: 'Cases I cover for colleagues',
} as const;
export type CaseloadShow = keyof typeof CASELOAD_SHOWS;

const squash = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '');

/**
 * The caseload as the worker narrows it: words of the name, an NHS number with or without
 * spaces, or the reference read out on the phone ("WM-3F9A-C21B"), and what to show.
 */
export function filterCaseload(items: CaseloadItem[], text: string, show: CaseloadShow): CaseloadItem[] {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const compact = squash(text);
  return items.filter((item) => {
    if (show === 'waiting' && item.status !== 'allocated') return false;
    if (show === 'under_way' && item.status === 'allocated') return false;
    if (show === 'covering' && item.cover?.kind !== 'covering') return false;
    if (
      show === 'overdue' &&
      !(item.firstContactDue === 'overdue' || item.nextContact?.overdue || item.planReview.due === 'overdue')
    ) {
      return false;
    }
    if (words.length === 0) return true;
    const name = `${item.person.givenName} ${item.person.familyName}`.toLowerCase();
    if (words.every((w) => name.includes(w))) return true;
    if (compact.length >= 3 && item.person.nhsNumber?.includes(compact)) return true;
    return compact.length >= 4 && squash(referralReference(item.id)).includes(compact);
  });
}
