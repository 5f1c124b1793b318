import { useQuery } from '@tanstack/react-query';
import type {
  HandoverPlan,
  HandoverResult,
  LeaveItem,
  LeaveReason,
  WorkloadMember,
} from '../../../common/front-door-types';
import { api } from '../../app/api';

export const LEAVE_REASONS: { value: LeaveReason; label: string }[] = [
  { value: 'annual_leave', label: 'Annual leave' },
  { value: 'sickness', label: 'Sickness' },
  { value: 'training', label: 'Training' },
  { value: 'other', label: 'Other' },
];

export const LEAVE_KEY = ['team-leave'] as const;
export const WORKLOAD_KEY = ['team-workload'] as const;

export function useLeave() {
  return useQuery({
    queryKey: LEAVE_KEY,
    queryFn: () => api<{ today: string; leave: LeaveItem[] }>('/api/team/leave'),
  });
}

export function useWorkload() {
  return useQuery({
    queryKey: WORKLOAD_KEY,
    queryFn: () => api<{ today: string; members: WorkloadMember[] }>('/api/team/workload'),
  });
}

export function recordLeave(body: {
  userId: string;
  startsOn: string;
  endsOn: string;
  reason: LeaveReason;
}): Promise<LeaveItem> {
  return api('/api/team/leave', { method: 'POST', body });
}

export function cancelLeave(id: string): Promise<void> {
  return api(`/api/team/leave/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export const handoverKey = (workerId: string) => ['team-handover', workerId] as const;

export function useHandoverPlan(workerId: string) {
  return useQuery({
    queryKey: handoverKey(workerId),
    queryFn: () => api<HandoverPlan>(`/api/team/members/${encodeURIComponent(workerId)}/handover`),
    gcTime: 0,
  });
}

/**
 * Hands a worker's open cases over: all to one colleague (`coverWorkerId`), or a colleague per case
 * (`cases`). A case the rules give a coach goes to a care coordinator only with the confirmation.
 */
export function startCover(
  workerId: string,
  body: {
    coverWorkerId?: string;
    cases?: { referralId: string; coverWorkerId: string }[];
    confirmCareCoordinator?: boolean;
  },
): Promise<HandoverResult> {
  return api(`/api/team/members/${encodeURIComponent(workerId)}/cover`, { method: 'POST', body });
}

export function endCover(workerId: string): Promise<{ returned: number }> {
  return api(`/api/team/members/${encodeURIComponent(workerId)}/cover/end`, { method: 'POST', body: {} });
}

export type { HandoverPlan, HandoverResult, LeaveItem, LeaveReason, WorkloadMember };
