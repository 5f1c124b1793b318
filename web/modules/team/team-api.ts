import { useQuery } from '@tanstack/react-query';
import type { OrganisationRef, StaffMember } from '../../../common/api-types';
import type {
  DevelopmentTasks,
  FundingKind,
  SupervisionKind,
  SupervisionSession,
  TeamDevelopment,
  TeamMemberProfile,
  TeamSettings,
  TrainingRecord,
  WorkingDay,
} from '../../../common/team';
import { api } from '../../app/api';

export interface Team {
  pcn: OrganisationRef;
  members: StaffMember[];
}

export function useTeam() {
  return useQuery({ queryKey: ['team'], queryFn: () => api<Team>('/api/team') });
}

// ---- issue 16: profiles, training, supervision ----

export const DEVELOPMENT_KEY = ['team-development'] as const;
export const MY_TASKS_KEY = ['team-my-tasks'] as const;
export const profileKey = (id: string) => ['team-profile', id] as const;
export const SETTINGS_KEY = ['team-settings'] as const;

const member = (id: string) => `/api/team/members/${encodeURIComponent(id)}`;

export function useTeamDevelopment(enabled: boolean) {
  return useQuery({
    queryKey: DEVELOPMENT_KEY,
    queryFn: () => api<TeamDevelopment>('/api/team/development'),
    enabled,
  });
}

export function useMyDevelopmentTasks(enabled: boolean) {
  return useQuery({ queryKey: MY_TASKS_KEY, queryFn: () => api<DevelopmentTasks>('/api/team/my-tasks'), enabled });
}

export function useProfile(id: string) {
  return useQuery({ queryKey: profileKey(id), queryFn: () => api<TeamMemberProfile>(`${member(id)}/profile`) });
}

export interface ProfileUpdate {
  version: number;
  band: string | null;
  fte: number | null;
  workingDays: WorkingDay[];
  startDate: string | null;
  funding: FundingKind | null;
  fundingNote: string | null;
  languages: string[];
  skillIds: string[];
}

export function updateProfile(id: string, body: ProfileUpdate) {
  return api<TeamMemberProfile>(`${member(id)}/profile`, { method: 'PUT', body });
}

export function recordTraining(
  id: string,
  body: { requirementId: string | null; title: string | null; completedOn: string; evidenceNote: string },
) {
  return api<TrainingRecord>(`${member(id)}/training`, { method: 'POST', body });
}

export function recordSupervision(
  id: string,
  body: { heldOn: string; supervisorId: string; kind: SupervisionKind; privateNotes: string | null },
) {
  return api<SupervisionSession>(`${member(id)}/supervisions`, { method: 'POST', body });
}

export function useTeamSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api<TeamSettings>('/api/team/settings') });
}

type WithNewRows<T> = Omit<T, 'id'> & { id: string | null };

/** Rows with an id are edited, rows without (id null) are added. */
export function saveTeamSettings(body: {
  skills: WithNewRows<TeamSettings['skills'][number]>[];
  requirements: WithNewRows<TeamSettings['requirements'][number]>[];
  targets: TeamSettings['targets'];
}) {
  return api<TeamSettings>('/api/team/settings', { method: 'PUT', body });
}
