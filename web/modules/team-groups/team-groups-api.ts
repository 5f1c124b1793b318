import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { GroupRecord, GroupsOverview, OpenCase, SessionRegister } from '../../../common/team-groups';
import type { VolunteerSummary } from '../../../common/volunteers';
import { api } from '../../app/api';

export const GROUPS_KEY = ['team-groups'] as const;
export const groupKey = (id: string) => ['team-groups', id] as const;
export const registerKey = (groupId: string, sessionId: string) =>
  ['team-groups', groupId, 'sessions', sessionId] as const;

export function useGroups() {
  return useQuery({ queryKey: GROUPS_KEY, queryFn: () => api<GroupsOverview>('/api/team-groups') });
}

export function useGroup(id: string) {
  return useQuery({
    queryKey: groupKey(id),
    queryFn: () => api<GroupRecord>(`/api/team-groups/${encodeURIComponent(id)}`),
    enabled: id !== '',
  });
}

export function useRegister(groupId: string, sessionId: string) {
  return useQuery({
    queryKey: registerKey(groupId, sessionId),
    queryFn: () =>
      api<SessionRegister>(`/api/team-groups/${encodeURIComponent(groupId)}/sessions/${encodeURIComponent(sessionId)}`),
    gcTime: 0,
  });
}

/**
 * The team's volunteers, to name those who help run a group (the same query as the volunteers
 * page's, asked here so that this module does not import that one: the volunteers page imports
 * this module's case search). Only for those who may read volunteers.
 */
export function useVolunteerChoices(enabled: boolean) {
  return useQuery({
    queryKey: ['volunteers'],
    queryFn: () => api<VolunteerSummary[]>('/api/volunteers'),
    enabled,
  });
}

export interface GroupDetailsBody {
  name: string;
  description: string;
  schedule: string;
  venue: string;
  capacity: number;
  directoryServiceId: string | null;
  staffIds: string[];
  volunteerIds: string[];
}

export function createGroup(body: GroupDetailsBody): Promise<GroupRecord> {
  return api('/api/team-groups', { method: 'POST', body });
}

export function updateGroup(
  id: string,
  body: GroupDetailsBody & { version: number; closed: boolean },
): Promise<GroupRecord> {
  return api(`/api/team-groups/${encodeURIComponent(id)}`, { method: 'PUT', body });
}

export function addSession(id: string, body: { startsAt: string; durationMinutes: number }): Promise<GroupRecord> {
  return api(`/api/team-groups/${encodeURIComponent(id)}/sessions`, { method: 'POST', body });
}

export function saveRegister(
  groupId: string,
  sessionId: string,
  body: { referralIds: string[]; othersCount: number; version: number },
): Promise<SessionRegister> {
  return api(`/api/team-groups/${encodeURIComponent(groupId)}/sessions/${encodeURIComponent(sessionId)}/register`, {
    method: 'PUT',
    body,
  });
}

export function findOpenCases(q: string): Promise<OpenCase[]> {
  return api(`/api/team/open-cases?q=${encodeURIComponent(q)}`);
}

export async function groupsChanged(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: GROUPS_KEY });
}

export type { GroupRecord, GroupsOverview, OpenCase, SessionRegister };
