import { useQuery } from '@tanstack/react-query';
import type { ReferralView } from '../../../common/api-types';
import type {
  Caseload,
  CaseloadItem,
  FirstContactDue,
  TeamCaseloadMember,
  TeamCaseloads,
} from '../../../common/front-door-types';
import { api } from '../../app/api';

export const CASELOAD_KEY = ['caseload'] as const;

export function useCaseload() {
  return useQuery({ queryKey: CASELOAD_KEY, queryFn: () => api<Caseload>('/api/caseload') });
}

export const TEAM_CASELOADS_KEY = ['team', 'caseloads'] as const;

export function useTeamCaseloads() {
  return useQuery({ queryKey: TEAM_CASELOADS_KEY, queryFn: () => api<TeamCaseloads>('/api/team/caseloads') });
}

export type FirstContactOutcome = 'accepted' | 'declined' | 'not_contactable';

export function recordFirstContact(
  id: string,
  body: {
    version: number;
    outcome: FirstContactOutcome;
    at?: string;
    note?: string;
    mode?: string;
    durationMinutes?: number;
  },
): Promise<ReferralView> {
  return api(`/api/referrals/${encodeURIComponent(id)}/first-contact`, { method: 'POST', body });
}

export type { Caseload, CaseloadItem, FirstContactDue, TeamCaseloadMember, TeamCaseloads };
