import { useQuery } from '@tanstack/react-query';
import type { ReferralView } from '../../../common/api-types';
import type { AllocateAllResult, AllocationSuggestion } from '../../../common/front-door-types';
import { api } from '../../app/api';

export type {
  AllocateAllItem,
  AllocateAllResult,
  AllocationSuggestion,
  SuggestedWorker,
} from '../../../common/front-door-types';

export const suggestionKey = (id: string) => ['allocation-suggestion', id] as const;

export function useAllocationSuggestion(id: string, enabled: boolean) {
  return useQuery({
    queryKey: suggestionKey(id),
    queryFn: () => api<AllocationSuggestion>(`/api/referrals/${encodeURIComponent(id)}/allocation-suggestion`),
    enabled,
    retry: false,
  });
}

export function allocateReferral(
  id: string,
  body: { version: number; workerId: string; overrideReason?: string },
): Promise<ReferralView> {
  return api(`/api/referrals/${encodeURIComponent(id)}/allocate`, { method: 'POST', body });
}

/** The lead's plan: every referral of the preview once, with the worker chosen (null: left in the queue). */
export interface PlanRow {
  referralId: string;
  workerId: string | null;
}

export function allocateAll(body: { dryRun: boolean; planId?: string; rows?: PlanRow[] }): Promise<AllocateAllResult> {
  return api('/api/triage/allocate-all', { method: 'POST', body });
}
