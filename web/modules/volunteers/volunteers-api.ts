import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { VolunteerRecord, VolunteerSummary } from '../../../common/volunteers';
import { api } from '../../app/api';

export const VOLUNTEERS_KEY = ['volunteers'] as const;
export const volunteerKey = (id: string) => ['volunteers', id] as const;

export function useVolunteers() {
  return useQuery({ queryKey: VOLUNTEERS_KEY, queryFn: () => api<VolunteerSummary[]>('/api/volunteers') });
}

export function useVolunteer(id: string) {
  return useQuery({
    queryKey: volunteerKey(id),
    queryFn: () => api<VolunteerRecord>(`/api/volunteers/${encodeURIComponent(id)}`),
  });
}

export interface VolunteerDetailsBody {
  name: string;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  role: string;
  availability: string | null;
}

const at = (id: string, rest = '') => `/api/volunteers/${encodeURIComponent(id)}${rest}`;

export function createVolunteer(body: VolunteerDetailsBody & { startedOn: string }): Promise<VolunteerRecord> {
  return api('/api/volunteers', { method: 'POST', body });
}

export function updateVolunteer(
  id: string,
  body: VolunteerDetailsBody & { version: number },
): Promise<VolunteerRecord> {
  return api(at(id), { method: 'PUT', body });
}

export function recordCheck(
  id: string,
  body: { kind: string; detail: string | null; completedOn: string; expiresOn: string | null },
): Promise<VolunteerRecord> {
  return api(at(id, '/checks'), { method: 'POST', body });
}

export function logHours(
  id: string,
  body: { workedOn: string; minutes: number; activity: string },
): Promise<VolunteerRecord> {
  return api(at(id, '/hours'), { method: 'POST', body });
}

export function endVolunteering(
  id: string,
  body: { endedOn: string; reason: string; version: number },
): Promise<VolunteerRecord> {
  return api(at(id, '/end'), { method: 'POST', body });
}

export function startBefriending(id: string, referralId: string): Promise<VolunteerRecord> {
  return api(at(id, '/befriending'), { method: 'POST', body: { referralId } });
}

export function endBefriending(id: string, assignmentId: string, reason: string): Promise<VolunteerRecord> {
  return api(at(id, `/befriending/${encodeURIComponent(assignmentId)}/end`), { method: 'POST', body: { reason } });
}

/** After a write that answered with the record: show it, and let the list fetch again. */
export async function volunteerSaved(queryClient: QueryClient, record: VolunteerRecord): Promise<void> {
  queryClient.setQueryData(volunteerKey(record.id), record);
  await queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY, exact: true });
}

export type { VolunteerRecord, VolunteerSummary };
