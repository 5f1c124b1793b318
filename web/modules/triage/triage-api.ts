import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { ReferralView } from '../../../common/api-types';
import type { QueueItem, TriageQueue, TriageSettings } from '../../../common/front-door-types';
import type { ClosureReason, Complexity, Priority, RecommendableRole } from '../../../common/referrals';
import { api, queryString } from '../../app/api';

export interface QueueFilters {
  status?: string;
  priority?: string;
  reason?: string;
  practiceId?: string;
  safeguarding?: string;
}

export const QUEUE_KEY = ['triage-queue'] as const;
export const referralKey = (id: string) => ['referral', id] as const;

export function useTriageQueue(filters: QueueFilters) {
  return useQuery({
    queryKey: [...QUEUE_KEY, filters],
    queryFn: () => api<TriageQueue>(`/api/triage/queue${queryString({ ...filters })}`),
  });
}

export function useReferral(id: string) {
  return useQuery({
    queryKey: referralKey(id),
    queryFn: () => api<ReferralView>(`/api/referrals/${encodeURIComponent(id)}`),
    retry: false,
  });
}

export interface TriageDecision {
  version: number;
  priority: Priority;
  complexity: Complexity;
  predictedPam: number;
  recommendedRole: RecommendableRole | null;
  signpostingOnly: boolean;
  notes?: string;
}

export function triageReferral(id: string, decision: TriageDecision): Promise<ReferralView> {
  return api(`/api/referrals/${encodeURIComponent(id)}/triage`, { method: 'POST', body: decision });
}

export function closeReferral(
  id: string,
  action: 'decline' | 'redirect',
  body: { version: number; reason: ClosureReason; note?: string },
): Promise<ReferralView> {
  return api(`/api/referrals/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });
}

export const TRIAGE_SETTINGS_KEY = ['triage-settings'] as const;

export function useTriageSettings() {
  return useQuery({ queryKey: TRIAGE_SETTINGS_KEY, queryFn: () => api<TriageSettings>('/api/pcn/triage-settings') });
}

export function saveTriageSettings(body: Omit<TriageSettings, 'isDefault'>): Promise<TriageSettings> {
  return api('/api/pcn/triage-settings', { method: 'PUT', body });
}

/** After a change to a referral: the answer is the new state; lists that show it are refetched. */
export async function referralChanged(queryClient: QueryClient, view: ReferralView): Promise<void> {
  queryClient.setQueryData(referralKey(view.id), view);
  await queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
}

export type { QueueItem, TriageQueue, TriageSettings };

/** Marks a self-referral as spam: declined, out of the queue and the figures, kept for audit. */
export function markSpam(id: string, body: { version: number }): Promise<ReferralView> {
  return api(`/api/referrals/${encodeURIComponent(id)}/spam`, { method: 'POST', body });
}
