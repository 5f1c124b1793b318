import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { CaseRecord } from '../../../common/cases';
import type { Listing } from '../../../common/directory';
import type {
  CreateOnwardReferral,
  OnwardReferralView,
  OnwardServiceQuery,
  OnwardServiceSearch,
} from '../../../common/onward-referrals';
import { api, queryString } from '../../app/api';

const path = (id: string, tail = '') => `/api/referrals/${encodeURIComponent(id)}/onward-referrals${tail}`;
export const onwardKey = (referralId: string) => ['onward-referrals', referralId] as const;

export function useOnwardReferrals(referralId: string) {
  return useQuery({
    queryKey: onwardKey(referralId),
    queryFn: () => api<{ items: OnwardReferralView[] }>(path(referralId)),
  });
}

export function useServiceSearch(referralId: string, query: OnwardServiceQuery) {
  const qs = queryString(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v == null ? null : String(v)])));
  return useQuery({
    queryKey: ['onward-services', referralId, qs],
    queryFn: () => api<OnwardServiceSearch>(path(referralId, `/services${qs}`)),
    placeholderData: (previous) => previous,
  });
}

/** The case, as the case record reads it (the same cache entry: its key is the case record's). */
export function useCaseForReferral(referralId: string) {
  return useQuery({
    queryKey: ['case', referralId],
    queryFn: () => api<CaseRecord>(`/api/referrals/${encodeURIComponent(referralId)}/case`),
  });
}

export function useStaffListing(serviceId: string) {
  return useQuery({
    queryKey: ['directory-staff-listing', serviceId],
    queryFn: () => api<Listing>(`/api/directory/services/${encodeURIComponent(serviceId)}`),
  });
}

export function createOnwardReferral(referralId: string, body: CreateOnwardReferral): Promise<OnwardReferralView> {
  return api(path(referralId), { method: 'POST', body });
}

export async function onwardChanged(queryClient: QueryClient, referralId: string) {
  await queryClient.invalidateQueries({ queryKey: onwardKey(referralId) });
  await queryClient.invalidateQueries({ queryKey: ['case', referralId] });
}
