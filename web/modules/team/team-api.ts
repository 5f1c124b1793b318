import { useQuery } from '@tanstack/react-query';
import type { OrganisationRef, StaffMember } from '../../../common/api-types';
import { api } from '../../app/api';

export interface Team {
  pcn: OrganisationRef;
  members: StaffMember[];
}

export function useTeam() {
  return useQuery({ queryKey: ['team'], queryFn: () => api<Team>('/api/team') });
}
