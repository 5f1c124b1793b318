import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReferralView } from '../../../common/api-types';
import type {
  Caseload,
  CaseloadItem,
  FirstContactDue,
  TeamCaseloadMember,
  TeamCaseloads,
} from '../../../common/front-door-types';
import { api, queryString } from '../../app/api';

export const CASELOAD_KEY = ['caseload'] as const;

/** One page of the caseload; the last page stays on screen while the next one loads. */
export function useCaseload(query: { q?: string; show?: string; page?: string }) {
  return useQuery({
    queryKey: [...CASELOAD_KEY, query],
    queryFn: () => api<Caseload>(`/api/caseload${queryString(query)}`),
    placeholderData: keepPreviousData,
  });
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
