import { useQuery } from '@tanstack/react-query';
import type { ReferralView } from '../../../common/api-types';
import type { Priority } from '../../../common/referrals';
import { api } from '../../app/api';

// Shapes of the allocation API's answers (server/modules/allocation/use-cases/*). They belong in
// common/api-types.ts once that file is free to change.

export interface SuggestedWorker {
  id: string;
  name: string;
  role: string;
  roleLabel: string;
  openCases: number;
  capacity: number;
  /** Taking one more would put them over capacity × FTE. */
  overCapacity: boolean;
}

export interface AllocationSuggestion {
  referralId: string;
  version: number;
  role: string;
  roleLabel: string;
  worker: SuggestedWorker | null;
  reasons: string[];
  alternatives: (SuggestedWorker & { note: string })[];
  team: {
    id: string;
    name: string;
    role: string;
    roleLabel: string;
    openCases: number;
    capacity: number;
    onLeaveUntil: string | null;
  }[];
}

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

export interface AllocateAllItem {
  referralId: string;
  version: number;
  person: { givenName: string; familyName: string };
  queuePriority: Priority;
  receivedAt: string;
  /** Who it goes to in this plan (the lead's choice where they changed it); null: stays in the queue. */
  worker: SuggestedWorker | null;
  /** Whom Waymark suggested. */
  suggestedWorker: SuggestedWorker | null;
  /** The lead changed the worker or left the referral out. */
  changed: boolean;
  reasons: string[];
  /** Choices against the rules or over capacity, in words: the lead may still confirm them. */
  warnings: string[];
}

export interface AllocateAllResult {
  dryRun: boolean;
  planId: string;
  items: AllocateAllItem[];
  allocated: number;
  left: number;
  team: AllocationSuggestion['team'];
}

/** The lead's plan: every referral of the preview once, with the worker chosen (null: left in the queue). */
export interface PlanRow {
  referralId: string;
  workerId: string | null;
}

export function allocateAll(body: { dryRun: boolean; planId?: string; rows?: PlanRow[] }): Promise<AllocateAllResult> {
  return api('/api/triage/allocate-all', { method: 'POST', body });
}
