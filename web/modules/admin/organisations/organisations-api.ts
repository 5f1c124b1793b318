import { useQuery } from '@tanstack/react-query';
import type { OrganisationTree } from '../../../../common/api-types';
import { api } from '../../../app/api';

export const ORGANISATIONS_KEY = ['organisations'] as const;

export function useOrganisationTree() {
  return useQuery({ queryKey: ORGANISATIONS_KEY, queryFn: () => api<OrganisationTree>('/api/organisations') });
}

export type NewOrganisation =
  | { kind: 'pcn'; icbId: string; code: string; name: string }
  | { kind: 'practice'; pcnId: string; code: string; name: string }
  | { kind: 'vcs'; icbId: string; name: string; charityNumber: string | null };

const PATHS = { pcn: 'pcns', practice: 'practices', vcs: 'vcs' } as const;

export function createOrganisation({ kind, ...body }: NewOrganisation): Promise<{ id: string; name: string }> {
  return api(`/api/admin/organisations/${PATHS[kind]}`, { method: 'POST', body });
}
