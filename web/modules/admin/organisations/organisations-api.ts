import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OrganisationDetail, OrganisationList } from '../../../../common/admin-lists';
import type { OrganisationTree } from '../../../../common/api-types';
import { api, queryString } from '../../../app/api';

export const ORGANISATIONS_KEY = ['organisations'] as const;

/**
 * The ICB's organisations for pickers: those in use. A filter over past records asks for the
 * retired ones too (each marked `retired`), so their people and history can still be found.
 */
export function useOrganisationTree({ includeRetired = false }: { includeRetired?: boolean } = {}) {
  return useQuery({
    queryKey: includeRetired ? [...ORGANISATIONS_KEY, 'with-retired'] : ORGANISATIONS_KEY,
    queryFn: () => api<OrganisationTree>(`/api/organisations${includeRetired ? '?include=retired' : ''}`),
  });
}

export type NewOrganisation =
  | { kind: 'pcn'; icbId: string; code: string; name: string }
  | { kind: 'practice'; pcnId: string; code: string; name: string }
  | { kind: 'vcs'; icbId: string; name: string; charityNumber: string | null };

const PATHS = { pcn: 'pcns', practice: 'practices', vcs: 'vcs' } as const;

export function createOrganisation({ kind, ...body }: NewOrganisation): Promise<{ id: string; name: string }> {
  return api(`/api/admin/organisations/${PATHS[kind]}`, { method: 'POST', body });
}

/** One page of the ICB's organisations (under ORGANISATIONS_KEY, so any change refreshes it). */
export function useOrganisationList(query: Record<string, string | undefined>) {
  return useQuery({
    queryKey: [...ORGANISATIONS_KEY, 'admin-list', query],
    queryFn: () => api<OrganisationList>(`/api/admin/organisations${queryString(query)}`),
    placeholderData: keepPreviousData,
  });
}

export function useOrganisation(id: string | undefined) {
  return useQuery({
    queryKey: [...ORGANISATIONS_KEY, 'admin-one', id],
    queryFn: () => api<OrganisationDetail>(`/api/admin/organisations/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export interface OrganisationChanges {
  name?: string;
  code?: string | null;
  email?: string | null;
  listSize?: number | null;
  postcode?: string | null;
  publicPhone?: string | null;
  publicEmail?: string | null;
}

export function updateOrganisation(id: string, changes: OrganisationChanges): Promise<OrganisationDetail> {
  return api(`/api/admin/organisations/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes });
}

export function setRetired(id: string, retire: boolean, reason: string): Promise<OrganisationDetail> {
  const action = retire ? 'retire' : 'reinstate';
  return api(`/api/admin/organisations/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: { reason } });
}
