import {
  REFERRAL_CAPACITY_LABELS,
  type ReferralCapacity,
  SERVICE_STATUS_LABELS,
  type ServiceStatus,
  WEEKDAY_LABELS,
  type Weekday,
} from '../../../common/directory';
import type { TagColour } from '../../ui/Tag';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const WHEN = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "2026-03-12" → "12 March 2026". */
export function formatDay(isoDate: string | null): string {
  if (!isoDate) return 'Never';
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : DAY.format(d);
}

export function formatWhen(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : WHEN.format(d);
}

export const STATUS_COLOURS = {
  active: 'green',
  'temporarily closed': 'yellow',
  inactive: 'grey',
  defunct: 'grey',
} as const satisfies Record<ServiceStatus, TagColour>;

export const CAPACITY_COLOURS = {
  open: 'green',
  waiting_list: 'orange',
  full: 'red',
} as const satisfies Record<ReferralCapacity, TagColour>;

const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: SERVICE_STATUS_LABELS,
  referral_capacity: REFERRAL_CAPACITY_LABELS,
  freq: { WEEKLY: 'Every week', MONTHLY: 'Once a month' },
  location_type: { physical: 'A building people visit', postal: 'A postal address', virtual: 'Online' },
  confidential: { true: 'Yes', false: 'No' },
};

/**
 * A changed field's value as people read it: category ids as names, statuses and capacities as
 * their labels, weekday codes as days. Empty reads "(empty)".
 */
export function changeValueText(field: string, value: string, categories: Map<string, string>): string {
  if (value === '') return '(empty)';
  const leaf = field.split('.').pop() ?? field;
  if (field === 'taxonomy_term_ids') {
    return value
      .split('; ')
      .map((id) => categories.get(id) ?? id)
      .join(', ');
  }
  const labels = VALUE_LABELS[leaf];
  if (labels?.[value]) return labels[value];
  if (leaf === 'byday') {
    return value
      .split(',')
      .map((d) => {
        const m = /^(-1|[1-4])?([A-Z]{2})$/.exec(d);
        const day = m ? WEEKDAY_LABELS[m[2] as Weekday] : undefined;
        if (!m || !day) return d;
        return m[1] ? `${MONTH_ORDINALS[m[1]] ?? m[1]} ${day} of the month` : day;
      })
      .join(', ');
  }
  return value;
}

const MONTH_ORDINALS: Record<string, string> = {
  '1': 'First',
  '2': 'Second',
  '3': 'Third',
  '4': 'Fourth',
  '-1': 'Last',
};
