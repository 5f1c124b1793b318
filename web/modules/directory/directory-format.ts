// How directory facts read on the public and staff pages.

import type { DirectorySearchResult, ReferralCapacity, ServiceStatus } from '../../../common/directory';
import type { TagColour } from '../../ui/Tag';

export const CAPACITY_COLOURS = {
  open: 'green',
  waiting_list: 'yellow',
  full: 'red',
} as const satisfies Record<ReferralCapacity, TagColour>;

export const STATUS_COLOURS = {
  active: 'green',
  'temporarily closed': 'orange',
  inactive: 'grey',
  defunct: 'grey',
} as const satisfies Record<ServiceStatus, TagColour>;

/** "0.8 miles away", "1 mile away", "12 miles away". */
export function formatDistance(miles: number): string {
  if (miles < 0.1) return 'Less than 0.1 miles away';
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
  return `${rounded.toLocaleString('en-GB')} ${rounded === 1 ? 'mile' : 'miles'} away`;
}

const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-05-01" → "1 May 2026" (a calendar date: no time zone may move it to another day). */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? isoDate : DAY_MONTH_YEAR.format(date);
}

/** Today's date in England as YYYY-MM-DD, to compare with review dates. */
export function todayInLondon(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

/** "All ages", "18 and over", "Up to 25", "16 to 25". */
export function formatAges(minimum: number | null | undefined, maximum: number | null | undefined): string {
  const min = minimum ?? null;
  const max = maximum ?? null;
  if (min === null && max === null) return 'All ages';
  if (max === null) return `${min} and over`;
  if (min === null || min === 0) return `Up to ${max}`;
  return min === max ? `${min} only` : `${min} to ${max}`;
}

/** A description cut at a word boundary for a result list; the service page shows it all. */
export function shortDescription(text: string, limit = 200): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= limit) return clean;
  const cut = clean.slice(0, limit);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

/** "12 services found", "1 service found", "No services found". */
export function formatCount(total: number): string {
  if (total === 0) return 'No services found';
  return `${total.toLocaleString('en-GB')} ${total === 1 ? 'service' : 'services'} found`;
}

/** A website as people type it: without the scheme. */
export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
}

/** Only http(s) links are followed: a listing's URL comes from partners and imports. */
export function safeHref(url: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`;
  try {
    const parsed = new URL(withScheme);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** "0113 496 0000" → "tel:01134960000". */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

/** Where the service is, as the result list says it: distance first, as people search by it. */
export function whereText(result: DirectorySearchResult): string | null {
  const place = [result.where?.city, result.where?.postal_code].filter(Boolean).join(', ') || null;
  if (result.distance_miles !== null) return [formatDistance(result.distance_miles), place].filter(Boolean).join(' – ');
  if (result.area_wide) {
    if (result.where) return ['Available across the area', place].filter(Boolean).join(' – ');
    // No place the public may see: a confidential one, or none at all (online, by phone).
    return result.confidential_location ? 'Confidential location: address given on referral' : 'Online or by phone';
  }
  return place;
}
