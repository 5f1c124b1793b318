import type { Complexity, Priority, RecommendableRole } from '../../../common/referrals';
import type { TagColour } from '../../ui/Tag';

export const PRIORITY_LABELS: Record<Priority, string> = { urgent: 'Urgent', soon: 'Soon', routine: 'Routine' };
export const PRIORITY_COLOURS: Record<Priority, TagColour> = { urgent: 'red', soon: 'orange', routine: 'blue' };
export const PRIORITY_ORDER: Priority[] = ['urgent', 'soon', 'routine'];

export const COMPLEXITY_LABELS: Record<Complexity, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const ROLE_CHOICES: { value: RecommendableRole; label: string; hint: string }[] = [
  { value: 'link_worker', label: 'Social prescribing link worker', hint: 'The bulk of non-complex cases' },
  {
    value: 'health_coach',
    label: 'Health and wellbeing coach',
    hint: 'Complex cases and people likely to be at PAM level 1 or 2',
  },
  { value: 'care_coordinator', label: 'Care coordinator', hint: 'Simple signposting to groups and services' },
];

export const PAM_LABELS: Record<number, string> = {
  1: 'Level 1: disengaged and overwhelmed',
  2: 'Level 2: becoming aware, but still struggling',
  3: 'Level 3: taking action',
  4: 'Level 4: maintaining behaviours',
};

/** "3 days", "1 day", "less than a day". */
export function waitingFor(iso: string, now = Date.now()): string {
  const days = Math.floor((now - new Date(iso).getTime()) / 86_400_000);
  if (days < 1) return 'less than a day';
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}
