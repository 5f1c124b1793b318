import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { ReferralView } from '../../../common/api-types';
import type { ClosureReason, Complexity, Priority, RecommendableRole } from '../../../common/referrals';
import { api, queryString } from '../../app/api';

// Shapes of the triage API's answers (server/modules/triage/use-cases/*). They belong in
// common/api-types.ts once that file is free to change; until then they are stated here.

export interface QueueItem {
  id: string;
  version: number;
  person: { givenName: string; familyName: string; nhsNumber: string | null; dateOfBirth: string };
  practice: { id: string; name: string } | null;
  source: 'practice' | 'professional' | 'self';
  reasons: { code: string; label: string }[];
  urgencyRequested: Priority;
  priority: Priority | null;
  queuePriority: Priority;
  status: 'received' | 'triaged';
  statusLabel: string;
  safeguardingConcern: boolean;
  receivedAt: string;
  firstContactDueAt: string | null;
}

export interface TriageQueue {
  items: QueueItem[];
  counts: {
    total: number;
    byStatus: Record<'received' | 'triaged', number>;
    byPriority: Record<Priority, number>;
    safeguarding: number;
  };
  matching: number;
  truncated: boolean;
  filterOptions: { practices: { id: string; name: string }[]; reasons: { code: string; label: string }[] };
}

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

export interface TriageSettings {
  urgentDays: number;
  soonDays: number;
  routineDays: number;
  isDefault: boolean;
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
