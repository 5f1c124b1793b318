import type { OrganisationRef, StaffMember } from './api-types.js';
import type { Role } from './roles.js';

// The administrator's lists of users and organisations: what can be searched, filtered and sorted,
// shared by the API's query schemas and the pages' filter forms.

export const LIST_PAGE_SIZE = 25;
export const LIST_PAGE_SIZE_MAX = 100;
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const USER_SORTS = ['name', 'email', 'role', 'organisation'] as const;
export type UserSort = (typeof USER_SORTS)[number];
export const USER_STATUSES = ['active', 'deactivated', 'all'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface UserListQuery {
  q?: string;
  role?: Role;
  organisationId?: string;
  status?: UserStatus;
  sort?: UserSort;
  dir?: SortDirection;
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type UserList = Page<StaffMember>;

export const ORGANISATION_TYPES = ['pcn', 'practice', 'vcs'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export const ORGANISATION_TYPE_LABELS = {
  pcn: 'Primary care network',
  practice: 'GP practice',
  vcs: 'Voluntary sector organisation',
} as const satisfies Record<OrganisationType, string>;
export const ORGANISATION_SORTS = ['name', 'code', 'type'] as const;
export type OrganisationSort = (typeof ORGANISATION_SORTS)[number];
export const ORGANISATION_STATUSES = ['active', 'retired', 'all'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

export interface OrganisationListItem {
  id: string;
  type: OrganisationType;
  typeLabel: string;
  /** ODS code of a PCN or practice; the charity number of a VCS organisation, if it has one. */
  code: string | null;
  name: string;
  /** The PCN of a practice. */
  pcn: OrganisationRef | null;
  retiredAt: string | null;
}

export type OrganisationList = Page<OrganisationListItem>;

export interface OrganisationHistoryItem {
  at: string;
  change: 'created' | 'edited' | 'retired' | 'reinstated';
  /** The administrator's name; null for set-up (demo data, or before history was kept). */
  by: string | null;
  changes: { field: string; from: string | null; to: string | null }[];
  reason: string | null;
}

export interface OrganisationDetail extends OrganisationListItem {
  email: string | null;
  activeUsers: number;
  createdAt: string;
  history: OrganisationHistoryItem[];
}
