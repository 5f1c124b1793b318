import { useQuery } from '@tanstack/react-query';
import type { StaffMember } from '../../../../common/api-types';
import type { Role } from '../../../../common/roles';
import { api } from '../../../app/api';

export const USERS_KEY = ['admin', 'users'] as const;

export function useUsers() {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: () => api<{ users: StaffMember[] }>('/api/admin/users').then((r) => r.users),
  });
}

export interface NewUser {
  name: string;
  email: string;
  role: Role;
  organisationId: string;
  password: string;
  band?: string | null;
  fte?: number | null;
  caseloadCapacity?: number | null;
}

export function createUser(user: NewUser): Promise<StaffMember> {
  return api('/api/admin/users', { method: 'POST', body: user });
}

export interface UserChanges {
  version: number;
  name?: string;
  role?: Role;
  active?: boolean;
  band?: string | null;
  fte?: number | null;
  caseloadCapacity?: number | null;
}

export function updateUser(id: string, changes: UserChanges): Promise<StaffMember> {
  return api(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes });
}

export function resetSecondFactor(id: string): Promise<StaffMember> {
  return api(`/api/admin/users/${encodeURIComponent(id)}/second-factor/reset`, { method: 'POST', body: {} });
}
