import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '../../../../common/api-types';
import { api, queryString } from '../../../app/api';

export const AUDIT_FILTERS = ['actor', 'action', 'outcome', 'from', 'to', 'entity', 'before'] as const;
export type AuditFilters = Partial<Record<(typeof AUDIT_FILTERS)[number], string>>;

export interface AuditPage {
  events: AuditEvent[];
  nextBefore: string | null;
}

export function filtersFrom(search: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of AUDIT_FILTERS) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export function useAuditSearch(filters: AuditFilters) {
  return useQuery({
    queryKey: ['admin', 'audit', filters],
    queryFn: () => api<AuditPage>(`/api/admin/audit${queryString(filters)}`),
    placeholderData: keepPreviousData,
    // Searching is itself audited: do not search again just because the window regained focus.
    refetchOnWindowFocus: false,
  });
}
