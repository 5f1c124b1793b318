import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DirectorySearchPage, PublicListing } from '../../../common/directory';
import type { ReportRef } from '../../../common/directory-maintenance';
import { api } from '../../app/api';
import { hasPermission, useMe } from '../../app/session';

export interface DirectoryCategory {
  id: string;
  code: string | null;
  name: string;
}

/**
 * Who is looking: signed-in staff with directory.read use the staff API (closed services,
 * confidential addresses); everyone else the public one. `ready` is false until we know which.
 */
export function useDirectoryAudience() {
  const { data: me, isPending } = useMe();
  return {
    ready: !isPending,
    staff: hasPermission(me, 'directory.read'),
    reviewer: hasPermission(me, 'directory.review'),
    signedIn: !!me,
  };
}

export function useCategories() {
  return useQuery({
    queryKey: ['directory', 'categories'],
    queryFn: () => api<DirectoryCategory[]>('/api/public/directory/categories'),
    staleTime: 60 * 60_000,
  });
}

/** `query` is the address bar's query, already in the API's parameter names. */
export function useDirectorySearch(query: string, staff: boolean, enabled: boolean) {
  const base = staff ? '/api/directory/services' : '/api/public/directory/services';
  return useQuery({
    queryKey: ['directory', 'search', staff ? 'staff' : 'public', query],
    queryFn: () => api<DirectorySearchPage>(`${base}${query ? `?${query}` : ''}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The page reads only the public fields; staff get the same fields with confidential addresses filled in. */
export function useListing(id: string, staff: boolean, enabled: boolean) {
  const base = staff ? '/api/directory/services' : '/api/public/directory/services';
  return useQuery({
    queryKey: ['directory', 'listing', staff ? 'staff' : 'public', id],
    queryFn: () => api<PublicListing>(`${base}/${encodeURIComponent(id)}`),
    enabled,
  });
}

/** Anyone may say a listing is out of date; the report joins the care coordinators' review queue. */
export function reportOutOfDate(id: string, body: { message: string; reporter_email?: string }): Promise<ReportRef> {
  return api(`/api/public/directory/services/${encodeURIComponent(id)}/reports`, { method: 'POST', body });
}
