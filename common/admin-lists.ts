import { z } from 'zod';
import { ZOrganisationRef, ZStaffMember } from './api-types.js';
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

export const zPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

export const ZUserList = zPage(ZStaffMember);
export type UserList = z.infer<typeof ZUserList>;

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

export const ZOrganisationListItem = z.object({
  id: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  typeLabel: z.string(),
  /** ODS code of a PCN or practice; the charity number of a VCS organisation, if it has one. */
  code: z.string().nullable(),
  name: z.string(),
  /** The PCN of a practice. */
  pcn: ZOrganisationRef.nullable(),
  retiredAt: z.string().nullable(),
});
export type OrganisationListItem = z.infer<typeof ZOrganisationListItem>;

export const ZOrganisationList = zPage(ZOrganisationListItem);
export type OrganisationList = z.infer<typeof ZOrganisationList>;

export const ZOrganisationHistoryItem = z.object({
  at: z.string(),
  change: z.enum(['created', 'edited', 'retired', 'reinstated']),
  /** The administrator's name; null for set-up (demo data, or before history was kept). */
  by: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  reason: z.string().nullable(),
});
export type OrganisationHistoryItem = z.infer<typeof ZOrganisationHistoryItem>;

export const ZOrganisationDetail = ZOrganisationListItem.extend({
  email: z.string().nullable(),
  /** A practice's registered patients (the denominator of rates per 1,000); null = not recorded. */
  listSize: z.number().int().nullable(),
  /** A practice's postcode; null for other kinds or not recorded. */
  postcode: z.string().nullable(),
  /** A PCN team's public phone and email; null for other kinds or not recorded. */
  publicPhone: z.string().nullable(),
  publicEmail: z.string().nullable(),
  activeUsers: z.number(),
  createdAt: z.string(),
  history: z.array(ZOrganisationHistoryItem),
});
export type OrganisationDetail = z.infer<typeof ZOrganisationDetail>;
