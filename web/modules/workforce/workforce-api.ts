import { useQuery } from '@tanstack/react-query';
import type { LeaveItem, LeaveReason, WorkloadMember } from '../../../common/front-door-types';
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

export function startCover(workerId: string, coverWorkerId: string): Promise<{ moved: number }> {
  return api(`/api/team/members/${encodeURIComponent(workerId)}/cover`, { method: 'POST', body: { coverWorkerId } });
}

export function endCover(workerId: string): Promise<{ returned: number }> {
  return api(`/api/team/members/${encodeURIComponent(workerId)}/cover/end`, { method: 'POST', body: {} });
}

export type { LeaveItem, LeaveReason, WorkloadMember };
